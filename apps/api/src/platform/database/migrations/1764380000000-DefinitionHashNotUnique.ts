import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Redeploying an older version's content (a rollback) makes it the next version, so one content
 * hash may now appear on several versions of a key: the (organisation, key, hash) index stays for
 * the look-up but is no longer unique.
 */
export class DefinitionHashNotUnique1764380000000 implements MigrationInterface {
  name = 'DefinitionHashNotUnique1764380000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."workflow_definitions_org_key_hash_key"`);
    await queryRunner.query(
      `CREATE INDEX "workflow_definitions_org_key_hash_idx" ON "workflow_definitions" ("organization_id", "key", "content_hash") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Fails while a rollback version shares its hash with an older one, as it must.
    await queryRunner.query(`DROP INDEX "public"."workflow_definitions_org_key_hash_idx"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "workflow_definitions_org_key_hash_key" ON "workflow_definitions" ("organization_id", "key", "content_hash") `,
    );
  }
}
