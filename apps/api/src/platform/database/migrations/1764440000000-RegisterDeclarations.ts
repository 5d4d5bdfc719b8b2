import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: registers an admin declares in the app, beside the built-in ones shipped as files.
 * `feeds` lists the definitions the declaration's projections read, so a step finds the registers
 * it feeds with one indexed lookup. Hand-written.
 */
export class RegisterDeclarations1764440000000 implements MigrationInterface {
  name = 'RegisterDeclarations1764440000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "register_declarations" (
      "organization_id" uuid NOT NULL,
      "key" text NOT NULL,
      "declaration" jsonb NOT NULL,
      "feeds" text[] NOT NULL DEFAULT '{}',
      "version" integer NOT NULL DEFAULT 1,
      "created_by" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "register_declarations_pkey" PRIMARY KEY ("organization_id", "key"))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "register_declarations"`);
  }
}
