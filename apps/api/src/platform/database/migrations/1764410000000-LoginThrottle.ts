import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 / review V11, V12. `login_failures` holds the failed-login counters of the login
 * throttle (identity/auth/login-throttle.ts), one row per key and fixed window, so every API process
 * shares them. `password_change_required` marks a user holding a temporary password and the
 * sessions opened with it: such a session may only change the password until it is changed.
 * Hand-written.
 */
export class LoginThrottle1764410000000 implements MigrationInterface {
  name = 'LoginThrottle1764410000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "login_failures" ("key" text NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL DEFAULT 0, CONSTRAINT "login_failures_pkey" PRIMARY KEY ("key", "window_start"))`,
    );
    await q.query(`CREATE INDEX "login_failures_window_start_idx" ON "login_failures" ("window_start")`);
    await q.query(`ALTER TABLE "users" ADD "password_change_required" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "sessions" ADD "password_change_required" boolean NOT NULL DEFAULT false`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "password_change_required"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "password_change_required"`);
    await q.query(`DROP TABLE "login_failures"`);
  }
}
