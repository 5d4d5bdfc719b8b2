import { MigrationInterface, QueryRunner } from 'typeorm';

export class Programme1764320000000 implements MigrationInterface {
  name = 'Programme1764320000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "register_ai_systems" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "owner_id" uuid, "source_task_id" uuid, "instance_id" uuid, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "name_key" text NOT NULL, "purpose" text NOT NULL, "lifecycle_stage" text NOT NULL, "our_role" text NOT NULL, "automation" text NOT NULL, "uses_personal_data" boolean NOT NULL, "details" jsonb NOT NULL, CONSTRAINT "PK_296323f3df2451b4ce73d01a3b8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "register_ai_systems_org_name_key" ON "register_ai_systems"  ("organization_id", "name_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "register_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "owner_id" uuid, "source_task_id" uuid, "instance_id" uuid, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "doc_key" text NOT NULL, "title" text NOT NULL, "approval_state" text NOT NULL DEFAULT 'draft', "state_scope" text, "approved_at" TIMESTAMP WITH TIME ZONE, "review_date" date, "content" jsonb, CONSTRAINT "PK_433a51f327258a01e0d51939588" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "register_documents_org_key" ON "register_documents"  ("organization_id", "doc_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "register_gaps" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "owner_id" uuid, "source_task_id" uuid, "instance_id" uuid, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "item_id" text NOT NULL, "item_kind" text NOT NULL, "item_title" text NOT NULL, "status" text NOT NULL, "evidence" jsonb NOT NULL DEFAULT '[]', "note" text, "justification" text, "priority" text, "action" text, "target_date" date, CONSTRAINT "PK_b952c76b0eb293b8a52fb69dc7b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "register_gaps_org_item_key" ON "register_gaps"  ("organization_id", "item_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "register_impact_assessments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "owner_id" uuid, "source_task_id" uuid, "instance_id" uuid, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ai_system_id" uuid, "ai_system_name" text, "intended_use" text NOT NULL, "affected" jsonb NOT NULL DEFAULT '[]', "impacts" jsonb NOT NULL DEFAULT '[]', "max_severity" integer NOT NULL, "conclusion" text NOT NULL, "assessed_on" date, "status" text NOT NULL DEFAULT 'in-review', CONSTRAINT "PK_5f48726da79ff4c64866865d2ed" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "register_impact_assessments_org_instance_key" ON "register_impact_assessments"  ("organization_id", "instance_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "register_risks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "owner_id" uuid, "source_task_id" uuid, "instance_id" uuid, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ai_system_id" uuid, "ai_system_name" text, "title" text NOT NULL, "description" text NOT NULL, "risk_source" text NOT NULL, "likelihood" integer NOT NULL, "impact" integer NOT NULL, "score" integer NOT NULL, "treatment" text NOT NULL, "controls" jsonb NOT NULL DEFAULT '[]', "residual_likelihood" integer, "residual_impact" integer, "author_id" uuid, "acceptance" text NOT NULL DEFAULT 'proposed', CONSTRAINT "PK_9610ab3c35078c3f6c5b16c315b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "register_risks_org_instance_key" ON "register_risks"  ("organization_id", "instance_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "register_soa" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "owner_id" uuid, "source_task_id" uuid, "instance_id" uuid, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "control_id" text NOT NULL, "title" text NOT NULL, "family" text NOT NULL, "applicable" boolean, "justification" text, "status" text NOT NULL DEFAULT 'not-assessed', "stage" text NOT NULL DEFAULT 'catalogue', "evidence" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_91c38bb3984bb20d766f3c2bdcd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "register_soa_org_control_key" ON "register_soa"  ("organization_id", "control_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."register_soa_org_control_key"`);
    await queryRunner.query(`DROP TABLE "register_soa"`);
    await queryRunner.query(`DROP INDEX "public"."register_risks_org_instance_key"`);
    await queryRunner.query(`DROP TABLE "register_risks"`);
    await queryRunner.query(`DROP INDEX "public"."register_impact_assessments_org_instance_key"`);
    await queryRunner.query(`DROP TABLE "register_impact_assessments"`);
    await queryRunner.query(`DROP INDEX "public"."register_gaps_org_item_key"`);
    await queryRunner.query(`DROP TABLE "register_gaps"`);
    await queryRunner.query(`DROP INDEX "public"."register_documents_org_key"`);
    await queryRunner.query(`DROP TABLE "register_documents"`);
    await queryRunner.query(`DROP INDEX "public"."register_ai_systems_org_name_key"`);
    await queryRunner.query(`DROP TABLE "register_ai_systems"`);
  }
}
