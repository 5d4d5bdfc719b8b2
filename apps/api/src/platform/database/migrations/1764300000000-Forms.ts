import { MigrationInterface, QueryRunner } from 'typeorm';

export class Forms1764300000000 implements MigrationInterface {
  name = 'Forms1764300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "evidence_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "sha256" text NOT NULL, "name" text NOT NULL, "size" integer NOT NULL, "type" text NOT NULL, "content" bytea NOT NULL, "uploaded_by" uuid, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f8d1a9a8e0430b749e2f4694460" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "evidence_files_org_sha256_key" ON "evidence_files"  ("organization_id", "sha256") `,
    );
    await queryRunner.query(
      `CREATE TABLE "form_definitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "key" text NOT NULL, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "draft_schema" jsonb NOT NULL, "draft_ui_schema" jsonb NOT NULL, "draft_hash" text NOT NULL, "draft_updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "draft_updated_by" uuid, "latest_version" integer, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e7b46c89a49ab24f30618b410d9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "form_definitions_org_key_key" ON "form_definitions"  ("organization_id", "key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "form_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "form_id" uuid NOT NULL, "key" text NOT NULL, "version" integer NOT NULL, "title" text NOT NULL, "schema" jsonb NOT NULL, "ui_schema" jsonb NOT NULL, "change_note" text NOT NULL, "content_hash" text NOT NULL, "published_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_46dbd35ef6adf11a8684deae1b1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "form_versions_org_key_version_key" ON "form_versions"  ("organization_id", "key", "version") `,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "form_definitions" ADD CONSTRAINT "form_definitions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "form_versions" ADD CONSTRAINT "form_versions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "form_versions" ADD CONSTRAINT "form_versions_form_id_fkey" FOREIGN KEY ("form_id") REFERENCES "form_definitions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    // Hand-written: a published form version is immutable; submissions and tasks refer to it by number.
    await queryRunner.query(
      `CREATE FUNCTION form_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'form_versions are immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER form_versions_no_update_delete BEFORE UPDATE OR DELETE ON "form_versions" FOR EACH ROW EXECUTE FUNCTION form_versions_immutable()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER form_versions_no_truncate BEFORE TRUNCATE ON "form_versions" FOR EACH STATEMENT EXECUTE FUNCTION form_versions_immutable()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER form_versions_no_truncate ON "form_versions"`);
    await queryRunner.query(`DROP TRIGGER form_versions_no_update_delete ON "form_versions"`);
    await queryRunner.query(`DROP FUNCTION form_versions_immutable()`);
    await queryRunner.query(`ALTER TABLE "form_versions" DROP CONSTRAINT "form_versions_form_id_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "form_versions" DROP CONSTRAINT "form_versions_organization_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "form_definitions" DROP CONSTRAINT "form_definitions_organization_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" DROP CONSTRAINT "evidence_files_organization_id_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."form_versions_org_key_version_key"`);
    await queryRunner.query(`DROP TABLE "form_versions"`);
    await queryRunner.query(`DROP INDEX "public"."form_definitions_org_key_key"`);
    await queryRunner.query(`DROP TABLE "form_definitions"`);
    await queryRunner.query(`DROP INDEX "public"."evidence_files_org_sha256_key"`);
    await queryRunner.query(`DROP TABLE "evidence_files"`);
  }
}
