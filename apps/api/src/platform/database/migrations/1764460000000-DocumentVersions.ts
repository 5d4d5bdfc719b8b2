import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 (7.5.3): every submitted draft of a controlled document is kept as a version, and the
 * version last approved stays in force (and shown as such) while a revision is in approval.
 * `register_document_versions` is append-only for the application role except its `approved_at`
 * (see application-role.ts). Existing documents get their current content as their first kept
 * version, in force when approved. Hand-written.
 */
export class DocumentVersions1764460000000 implements MigrationInterface {
  name = 'DocumentVersions1764460000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "register_documents" ADD "in_force_version" integer`);
    await q.query(`ALTER TABLE "register_documents" ADD "in_force_approved_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "register_documents" ADD "in_force_review_date" date`);
    await q.query(
      `CREATE TABLE "register_document_versions" (
         "organization_id" uuid NOT NULL,
         "document_id" uuid NOT NULL REFERENCES "register_documents" ("id") ON DELETE CASCADE,
         "version" integer NOT NULL,
         "title" text NOT NULL,
         "content" jsonb,
         "owner_id" uuid,
         "instance_id" uuid,
         "source_task_id" uuid,
         "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "approved_at" TIMESTAMP WITH TIME ZONE,
         PRIMARY KEY ("organization_id", "document_id", "version"))`,
    );
    await q.query(
      `INSERT INTO "register_document_versions"
         (organization_id, document_id, version, title, content, owner_id, instance_id, source_task_id, recorded_at, approved_at)
       SELECT organization_id, id, version, title, content, owner_id, instance_id, source_task_id, updated_at,
              CASE WHEN approval_state = 'approved' THEN approved_at END
         FROM "register_documents"`,
    );
    await q.query(
      `UPDATE "register_documents"
          SET in_force_version = version, in_force_approved_at = approved_at, in_force_review_date = review_date
        WHERE approval_state = 'approved'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "register_document_versions"`);
    await q.query(`ALTER TABLE "register_documents" DROP COLUMN "in_force_review_date"`);
    await q.query(`ALTER TABLE "register_documents" DROP COLUMN "in_force_approved_at"`);
    await q.query(`ALTER TABLE "register_documents" DROP COLUMN "in_force_version"`);
  }
}
