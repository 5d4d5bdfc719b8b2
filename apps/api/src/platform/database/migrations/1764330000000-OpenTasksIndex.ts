import { MigrationInterface, QueryRunner } from 'typeorm';

export class OpenTasksIndex1764330000000 implements MigrationInterface {
  name = 'OpenTasksIndex1764330000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "tasks_open_by_instance_idx" ON "tasks"  ("instance_id", "state_id") WHERE status = 'open'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."tasks_open_by_instance_idx"`);
  }
}
