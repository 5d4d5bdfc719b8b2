import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: an approval chain keeps the title its definition gives the decision (e.g. the
 * effectiveness check of a nonconformity), so its tasks say what they decide. Hand-written.
 */
export class ApprovalTitles1764520000000 implements MigrationInterface {
  name = 'ApprovalTitles1764520000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "approvals" ADD "title" text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "approvals" DROP COLUMN "title"`);
  }
}
