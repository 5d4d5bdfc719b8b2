import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApprovalExcludedPeople1764370000000 implements MigrationInterface {
  name = 'ApprovalExcludedPeople1764370000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "approvals" ADD "excluded_user_ids" uuid array NOT NULL DEFAULT '{}'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "approvals" DROP COLUMN "excluded_user_ids"`);
  }
}
