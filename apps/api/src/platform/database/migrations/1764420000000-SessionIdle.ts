import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: a session unused for SESSION_IDLE_MINUTES ends. `last_used_at` is when the session was
 * last used, to the minute: the auth service moves it at most once a minute per session, so the
 * request hot path does not write on every call. Existing sessions count as used now. Hand-written.
 */
export class SessionIdle1764420000000 implements MigrationInterface {
  name = 'SessionIdle1764420000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "sessions" ADD "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "last_used_at"`);
  }
}
