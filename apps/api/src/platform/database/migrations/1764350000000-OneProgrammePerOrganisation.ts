import { MigrationInterface, QueryRunner } from 'typeorm';

export class OneProgrammePerOrganisation1764350000000 implements MigrationInterface {
  name = 'OneProgrammePerOrganisation1764350000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNIQUE INDEX "process_instances_one_active_roadmap_key" ON "process_instances"  ("organization_id") WHERE definition_key = 'roadmap' AND status = 'active'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."process_instances_one_active_roadmap_key"`);
  }
}
