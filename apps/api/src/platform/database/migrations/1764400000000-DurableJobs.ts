import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Timers and outbox messages become durable jobs: `attempts`, `last_error`, `next_run_at` (when the
 * job may run next, pushed out by exponential backoff after a failure) and a dead state after too
 * many failures. Outbox messages also get a delivery lease (`locked_until`): they are claimed in a
 * short transaction and delivered outside any transaction. Hand-written; the columns and indexes
 * match `timer.entity.ts` and `outbox-message.entity.ts`.
 */
export class DurableJobs1764400000000 implements MigrationInterface {
  name = 'DurableJobs1764400000000';

  public async up(q: QueryRunner): Promise<void> {
    // ---- timers: status 'dead' after too many failed firings
    await q.query(`ALTER TABLE "timers" ADD "attempts" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "timers" ADD "last_error" text`);
    await q.query(`ALTER TABLE "timers" ADD "next_run_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "timers" SET "next_run_at" = "due_at"`);
    await q.query(`ALTER TABLE "timers" ALTER COLUMN "next_run_at" SET NOT NULL`);
    // Hand-written: a timer first runs at its due time, whoever inserts it (the runtime, task
    // deadlines); a new due time (re)starts it there.
    await q.query(
      `CREATE FUNCTION timers_next_run_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
         IF TG_OP = 'INSERT' THEN
           NEW.next_run_at := COALESCE(NEW.next_run_at, NEW.due_at);
         ELSIF NEW.due_at IS DISTINCT FROM OLD.due_at THEN
           NEW.next_run_at := NEW.due_at;
         END IF;
         RETURN NEW;
       END $$`,
    );
    await q.query(
      `CREATE TRIGGER timers_next_run_at BEFORE INSERT OR UPDATE OF due_at ON "timers" FOR EACH ROW EXECUTE FUNCTION timers_next_run_at()`,
    );
    await q.query(`DROP INDEX "timers_due_idx"`);
    await q.query(`CREATE INDEX "timers_due_idx" ON "timers" ("next_run_at") WHERE status = 'scheduled'`);

    // ---- outbox: next_run_at replaces available_at; dead_at marks a message given up on
    await q.query(`DROP INDEX "outbox_messages_pending_idx"`);
    await q.query(`ALTER TABLE "outbox_messages" RENAME COLUMN "available_at" TO "next_run_at"`);
    await q.query(`ALTER TABLE "outbox_messages" ADD "locked_until" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "outbox_messages" ADD "dead_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `CREATE INDEX "outbox_messages_pending_idx" ON "outbox_messages" ("next_run_at") WHERE delivered_at IS NULL AND dead_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "outbox_messages_pending_idx"`);
    await q.query(`ALTER TABLE "outbox_messages" DROP COLUMN "dead_at"`);
    await q.query(`ALTER TABLE "outbox_messages" DROP COLUMN "locked_until"`);
    await q.query(`ALTER TABLE "outbox_messages" RENAME COLUMN "next_run_at" TO "available_at"`);
    await q.query(
      `CREATE INDEX "outbox_messages_pending_idx" ON "outbox_messages" ("available_at") WHERE delivered_at IS NULL`,
    );

    await q.query(`DROP INDEX "timers_due_idx"`);
    await q.query(`CREATE INDEX "timers_due_idx" ON "timers" ("due_at") WHERE status = 'scheduled'`);
    await q.query(`DROP TRIGGER timers_next_run_at ON "timers"`);
    await q.query(`DROP FUNCTION timers_next_run_at()`);
    await q.query(`UPDATE "timers" SET "status" = 'scheduled' WHERE "status" = 'dead'`);
    await q.query(`ALTER TABLE "timers" DROP COLUMN "next_run_at"`);
    await q.query(`ALTER TABLE "timers" DROP COLUMN "last_error"`);
    await q.query(`ALTER TABLE "timers" DROP COLUMN "attempts"`);
  }
}
