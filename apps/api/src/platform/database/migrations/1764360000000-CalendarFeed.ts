import { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarFeed1764360000000 implements MigrationInterface {
  name = 'CalendarFeed1764360000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_preferences" ADD "calendar_token_hash" text`);
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" ADD CONSTRAINT "UQ_11d3269bb7f0de0296bf85467c0" UNIQUE ("calendar_token_hash")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" DROP CONSTRAINT "UQ_11d3269bb7f0de0296bf85467c0"`,
    );
    await queryRunner.query(`ALTER TABLE "notification_preferences" DROP COLUMN "calendar_token_hash"`);
  }
}
