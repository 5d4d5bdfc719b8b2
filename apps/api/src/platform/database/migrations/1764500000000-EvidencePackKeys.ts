import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: each organisation's Ed25519 key pair that signs its evidence packs' manifests, made on
 * the first pack. The private key is read only by the API to sign; no endpoint returns it. One row
 * per organisation: two first packs at once agree on the row the first insert wrote. Hand-written.
 */
export class EvidencePackKeys1764500000000 implements MigrationInterface {
  name = 'EvidencePackKeys1764500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "evidence_pack_keys" (
        "organization_id" uuid PRIMARY KEY REFERENCES "organizations" ("id") ON DELETE CASCADE,
        "key_id" text NOT NULL,
        "public_key_pem" text NOT NULL,
        "private_key_pem" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "evidence_pack_keys"`);
  }
}
