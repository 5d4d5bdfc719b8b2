import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: the per-user request limit holds across API processes. Each process adds its counts of
 * the current one-minute window here once a second (identity/auth/shared-request-counts.ts).
 * Hand-written.
 */
export class ApiRequestCounts1764450000000 implements MigrationInterface {
  name = 'ApiRequestCounts1764450000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "api_request_counts" ("user_id" uuid NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL, CONSTRAINT "api_request_counts_pkey" PRIMARY KEY ("user_id", "window_start"))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "api_request_counts"`);
  }
}
