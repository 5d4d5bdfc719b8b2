import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (TypeORM has no functions): the audit trail's append as one server-side call.
 * It locks the organisation's chain head, numbers and hashes each record exactly as
 * `chainHash` in apps/api/src/audit/audit-chain.ts does, inserts them, and moves the head, so the
 * lock that orders an organisation's steps is held for one statement and the commit.
 */
export class AuditAppendFunction1764340000000 implements MigrationInterface {
  name = 'AuditAppendFunction1764340000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_append(p_org uuid, p_rows jsonb) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        v_seq bigint;
        v_prev text;
        v_hash text;
        r jsonb;
      BEGIN
        INSERT INTO audit_chain_heads (organization_id, seq, hash) VALUES (p_org, 0, repeat('0', 64))
          ON CONFLICT DO NOTHING;
        SELECT seq, hash INTO v_seq, v_prev FROM audit_chain_heads WHERE organization_id = p_org FOR UPDATE;
        FOR r IN SELECT value FROM jsonb_array_elements(p_rows) LOOP
          v_seq := v_seq + 1;
          v_hash := encode(sha256(convert_to(v_prev || E'\\n' || v_seq::text || E'\\n' || (r->>'body'), 'UTF8')), 'hex');
          INSERT INTO history_records (organization_id, seq, instance_id, kind, event_type, actor_id, created_at,
                                       state_before, state_after, payload, prev_hash, hash)
          VALUES (p_org, v_seq, (r->>'instanceId')::uuid, r->>'kind', r->>'eventType', (r->>'actorId')::uuid,
                  (r->>'createdAt')::timestamptz, r->'stateBefore', r->'stateAfter', r->'payload', v_prev, v_hash);
          v_prev := v_hash;
        END LOOP;
        UPDATE audit_chain_heads SET seq = v_seq, hash = v_prev WHERE organization_id = p_org;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION audit_append(uuid, jsonb)`);
  }
}
