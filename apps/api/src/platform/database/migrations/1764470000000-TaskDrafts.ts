import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 (UX review H4): the work in progress on a task form, one draft per task and person, saved as
 * they type and restored when they come back. A trigger deletes a task's drafts in the statement that
 * closes it (completed, cancelled, however), so the step pays no extra round trip. Hand-written.
 */
export class TaskDrafts1764470000000 implements MigrationInterface {
  name = 'TaskDrafts1764470000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "task_drafts" (
        "organization_id" uuid NOT NULL,
        "task_id" uuid NOT NULL REFERENCES "tasks" ("id") ON DELETE CASCADE,
        "user_id" uuid NOT NULL,
        "data" jsonb NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        PRIMARY KEY ("organization_id", "task_id", "user_id")
      )`);
    await q.query(`
      CREATE FUNCTION task_drafts_drop_on_close() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM task_drafts WHERE organization_id = NEW.organization_id AND task_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER task_drafts_drop_on_close AFTER UPDATE OF status ON tasks
        FOR EACH ROW WHEN (OLD.status = 'open' AND NEW.status <> 'open')
        EXECUTE FUNCTION task_drafts_drop_on_close()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER task_drafts_drop_on_close ON tasks`);
    await q.query(`DROP FUNCTION task_drafts_drop_on_close()`);
    await q.query(`DROP TABLE "task_drafts"`);
  }
}
