import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 (UX review H4): the work in progress on a task form, one draft per task and person, saved as
 * they type and restored when they come back. Drafts of a task are deleted when it closes. Hand-written.
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
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "task_drafts"`);
  }
}
