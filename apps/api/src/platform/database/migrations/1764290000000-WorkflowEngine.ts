import { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkflowEngine1764290000000 implements MigrationInterface {
  name = 'WorkflowEngine1764290000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "history_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "seq" bigint NOT NULL, "instance_id" uuid, "kind" text NOT NULL, "event_type" text, "actor_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "state_before" jsonb, "state_after" jsonb, "payload" jsonb, "prev_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "PK_e978c90422a45a96e8dbe76b16b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "history_records_instance_idx" ON "history_records"  ("instance_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "history_records_org_seq_key" ON "history_records"  ("organization_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_chain_heads" ("organization_id" uuid NOT NULL, "seq" bigint NOT NULL, "hash" text NOT NULL, CONSTRAINT "PK_76862318793ab1d6f246a06d630" PRIMARY KEY ("organization_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "kind" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_messages_pending_idx" ON "outbox_messages"  ("available_at") WHERE delivered_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "workflow_definitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "key" text NOT NULL, "version" integer NOT NULL, "name" text NOT NULL, "content_hash" text NOT NULL, "machine" jsonb NOT NULL, "settings" jsonb NOT NULL DEFAULT '{}', "deployed_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4f92fadfc5fb722f080ceaec272" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "workflow_definitions_org_key_hash_key" ON "workflow_definitions"  ("organization_id", "key", "content_hash") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "workflow_definitions_org_key_version_key" ON "workflow_definitions"  ("organization_id", "key", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "process_instances" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "definition_id" uuid NOT NULL, "definition_key" text NOT NULL, "definition_version" integer NOT NULL, "business_key" text, "status" text NOT NULL, "state_value" jsonb NOT NULL, "snapshot" jsonb NOT NULL, "input" jsonb, "output" jsonb, "outcome" text, "parent_id" uuid, "child_batch_id" uuid, "started_by" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_58493abf24b5dfc4822edd7531f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "process_instances_parent_idx" ON "process_instances"  ("parent_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "process_instances_org_business_key_idx" ON "process_instances"  ("organization_id", "business_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "process_instances_org_def_status_idx" ON "process_instances"  ("organization_id", "definition_key", "status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "child_batches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "parent_id" uuid NOT NULL, "state_id" text NOT NULL, "total" integer NOT NULL, "required" integer NOT NULL, "completed" integer NOT NULL DEFAULT '0', "done_event" text NOT NULL, "outputs" jsonb NOT NULL DEFAULT '[]', "status" text NOT NULL DEFAULT 'waiting', CONSTRAINT "PK_08d9eb297ac5cf706c7c1e7c1d0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "child_batches_parent_idx" ON "child_batches"  ("parent_id", "state_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "instance_id" uuid NOT NULL, "state_id" text NOT NULL, "title" text NOT NULL, "form_key" text NOT NULL, "form_version" integer, "complete_event" text NOT NULL, "assignee_id" uuid, "candidate_role" text, "candidate_group_id" uuid, "status" text NOT NULL DEFAULT 'open', "priority" integer NOT NULL DEFAULT '0', "due_at" TIMESTAMP WITH TIME ZONE, "data" jsonb, "completed_by" uuid, "completed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_org_role_status_due_idx" ON "tasks"  ("organization_id", "candidate_role", "status", "due_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_org_assignee_status_due_idx" ON "tasks"  ("organization_id", "assignee_id", "status", "due_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_instance_state_idx" ON "tasks"  ("instance_id", "state_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "timers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "instance_id" uuid NOT NULL, "timer_id" text NOT NULL, "event" jsonb NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'scheduled', "fired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d13ea0d2fe75274ca5a9576aae6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "timers_instance_timer_idx" ON "timers"  ("instance_id", "timer_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "timers_due_idx" ON "timers"  ("due_at") WHERE status = 'scheduled'`,
    );
    await queryRunner.query(
      `ALTER TABLE "workflow_definitions" ADD CONSTRAINT "workflow_definitions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "process_instances" ADD CONSTRAINT "process_instances_definition_id_fkey" FOREIGN KEY ("definition_id") REFERENCES "workflow_definitions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "child_batches" ADD CONSTRAINT "child_batches_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "process_instances"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD CONSTRAINT "tasks_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "process_instances"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "timers" ADD CONSTRAINT "timers_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "process_instances"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    // Written by hand (TypeORM cannot generate triggers): the audit trail is append-only for every role.
    await queryRunner.query(
      `CREATE FUNCTION history_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'history_records is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER history_records_no_update_delete BEFORE UPDATE OR DELETE ON "history_records" FOR EACH ROW EXECUTE FUNCTION history_records_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER history_records_no_truncate BEFORE TRUNCATE ON "history_records" FOR EACH STATEMENT EXECUTE FUNCTION history_records_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER history_records_no_truncate ON "history_records"`);
    await queryRunner.query(`DROP TRIGGER history_records_no_update_delete ON "history_records"`);
    await queryRunner.query(`DROP FUNCTION history_records_append_only()`);
    await queryRunner.query(`ALTER TABLE "timers" DROP CONSTRAINT "timers_instance_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "tasks_instance_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "child_batches" DROP CONSTRAINT "child_batches_parent_id_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "process_instances" DROP CONSTRAINT "process_instances_definition_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "workflow_definitions" DROP CONSTRAINT "workflow_definitions_organization_id_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."timers_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."timers_instance_timer_idx"`);
    await queryRunner.query(`DROP TABLE "timers"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_instance_state_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_org_assignee_status_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_org_role_status_due_idx"`);
    await queryRunner.query(`DROP TABLE "tasks"`);
    await queryRunner.query(`DROP INDEX "public"."child_batches_parent_idx"`);
    await queryRunner.query(`DROP TABLE "child_batches"`);
    await queryRunner.query(`DROP INDEX "public"."process_instances_org_def_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."process_instances_org_business_key_idx"`);
    await queryRunner.query(`DROP INDEX "public"."process_instances_parent_idx"`);
    await queryRunner.query(`DROP TABLE "process_instances"`);
    await queryRunner.query(`DROP INDEX "public"."workflow_definitions_org_key_version_key"`);
    await queryRunner.query(`DROP INDEX "public"."workflow_definitions_org_key_hash_key"`);
    await queryRunner.query(`DROP TABLE "workflow_definitions"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_messages_pending_idx"`);
    await queryRunner.query(`DROP TABLE "outbox_messages"`);
    await queryRunner.query(`DROP TABLE "audit_chain_heads"`);
    await queryRunner.query(`DROP INDEX "public"."history_records_org_seq_key"`);
    await queryRunner.query(`DROP INDEX "public"."history_records_instance_idx"`);
    await queryRunner.query(`DROP TABLE "history_records"`);
  }
}
