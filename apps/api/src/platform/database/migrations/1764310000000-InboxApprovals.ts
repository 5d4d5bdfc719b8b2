import { MigrationInterface, QueryRunner } from 'typeorm';

export class InboxApprovals1764310000000 implements MigrationInterface {
  name = 'InboxApprovals1764310000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."tasks_org_role_status_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_org_assignee_status_due_idx"`);
    await queryRunner.query(
      `CREATE TABLE "approvals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "instance_id" uuid NOT NULL, "state_id" text NOT NULL, "levels" jsonb NOT NULL, "current_level" integer NOT NULL DEFAULT '1', "status" text NOT NULL DEFAULT 'pending', "subject" jsonb, "subject_sha256" text NOT NULL, "author_id" uuid, "approved_event" text NOT NULL, "rejected_event" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_690417aaefa84d18b1a59e2a499" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "approvals_org_status_idx" ON "approvals"  ("organization_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "approvals_instance_idx" ON "approvals"  ("instance_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "approval_decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "approval_id" uuid NOT NULL, "level" integer NOT NULL, "user_id" uuid NOT NULL, "decision" text NOT NULL, "comment" text, "subject_sha256" text NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1ab59e2a6ef9cbc15372cf232e4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "approval_decisions_one_per_person_key" ON "approval_decisions"  ("approval_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "approval_decisions_approval_idx" ON "approval_decisions"  ("approval_id", "level") `,
    );
    await queryRunner.query(
      `CREATE TABLE "inbox_views" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "name" text NOT NULL, "query" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_501a959143fffcf6a160e5fba0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "inbox_views_user_name_key" ON "inbox_views"  ("user_id", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "task_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "task_id" uuid NOT NULL, "author_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_83b99b0b03db29d4cafcb579b77" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "task_comments_task_idx" ON "task_comments"  ("task_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL DEFAULT '', "link" text, "source_id" text NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notifications_source_user_key" ON "notifications"  ("source_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_user_unread_idx" ON "notifications"  ("user_id") WHERE read_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_user_created_idx" ON "notifications"  ("user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "email_off" text array NOT NULL DEFAULT '{}', "last_digest_on" date, CONSTRAINT "PK_64c90edc7310c6be7c10c96f675" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "tasks" ADD "definition_key" text`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "delegate_id" uuid`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "completed_for" uuid`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "approval_id" uuid`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "approval_level" integer`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "escalate_to" text`);
    await queryRunner.query(`ALTER TABLE "timers" ADD "kind" text NOT NULL DEFAULT 'engine'`);
    await queryRunner.query(`ALTER TABLE "timers" ADD "task_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "timers_task_idx" ON "timers"  ("task_id") WHERE task_id IS NOT NULL`,
    );
    // Written by hand (TypeORM cannot declare expression indexes): the inbox's keyset scans, due date nulls last.
    await queryRunner.query(
      `UPDATE "tasks" t SET "definition_key" = i."definition_key" FROM "process_instances" i WHERE i."id" = t."instance_id"`,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_inbox_assignee_idx" ON "tasks" ("organization_id", "assignee_id", "status", (COALESCE("due_at", 'infinity'::timestamptz)), "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_inbox_delegate_idx" ON "tasks" ("organization_id", "delegate_id", "status", (COALESCE("due_at", 'infinity'::timestamptz)), "id") WHERE "delegate_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_inbox_role_idx" ON "tasks" ("organization_id", "candidate_role", "status", (COALESCE("due_at", 'infinity'::timestamptz)), "id") WHERE "assignee_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_inbox_group_idx" ON "tasks" ("organization_id", "candidate_group_id", "status", (COALESCE("due_at", 'infinity'::timestamptz)), "id") WHERE "assignee_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_inbox_org_idx" ON "tasks" ("organization_id", "status", (COALESCE("due_at", 'infinity'::timestamptz)), "id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "approvals" ADD CONSTRAINT "approvals_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "process_instances"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_approval_id_fkey" FOREIGN KEY ("approval_id") REFERENCES "approvals"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbox_views" ADD CONSTRAINT "inbox_views_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_comments" ADD CONSTRAINT "task_comments_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" DROP CONSTRAINT "notification_preferences_user_id_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_user_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "task_comments" DROP CONSTRAINT "task_comments_task_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "inbox_views" DROP CONSTRAINT "inbox_views_user_id_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "approval_decisions" DROP CONSTRAINT "approval_decisions_approval_id_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "approvals" DROP CONSTRAINT "approvals_instance_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_inbox_org_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_inbox_group_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_inbox_role_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_inbox_delegate_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_inbox_assignee_idx"`);
    await queryRunner.query(`DROP INDEX "public"."timers_task_idx"`);
    await queryRunner.query(`ALTER TABLE "timers" DROP COLUMN "task_id"`);
    await queryRunner.query(`ALTER TABLE "timers" DROP COLUMN "kind"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "escalate_to"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "approval_level"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "approval_id"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "completed_for"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "delegate_id"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "definition_key"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_user_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_user_unread_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_source_user_key"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."task_comments_task_idx"`);
    await queryRunner.query(`DROP TABLE "task_comments"`);
    await queryRunner.query(`DROP INDEX "public"."inbox_views_user_name_key"`);
    await queryRunner.query(`DROP TABLE "inbox_views"`);
    await queryRunner.query(`DROP INDEX "public"."approval_decisions_approval_idx"`);
    await queryRunner.query(`DROP INDEX "public"."approval_decisions_one_per_person_key"`);
    await queryRunner.query(`DROP TABLE "approval_decisions"`);
    await queryRunner.query(`DROP INDEX "public"."approvals_instance_idx"`);
    await queryRunner.query(`DROP INDEX "public"."approvals_org_status_idx"`);
    await queryRunner.query(`DROP TABLE "approvals"`);
    await queryRunner.query(
      `CREATE INDEX "tasks_org_assignee_status_due_idx" ON "tasks" USING btree ("organization_id", "assignee_id", "status", "due_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_org_role_status_due_idx" ON "tasks" USING btree ("organization_id", "candidate_role", "status", "due_at") `,
    );
  }
}
