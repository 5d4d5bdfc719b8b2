import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail without an organisation-wide lock: one hash chain per process instance (its row
 * lock already orders its steps), one chain per organisation for records outside instances, and
 * signed organisation checkpoints that seal every chain head.
 *
 * Existing records stay where they are: they become the organisation's chain (chain id = the
 * organisation id), which keeps every stored hash valid. Hand-written parts (the function, the
 * append-only triggers) are commented; the tables match the entities in apps/api/src/audit/.
 */
export class AuditChainsPerInstance1764390000000 implements MigrationInterface {
  name = 'AuditChainsPerInstance1764390000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "history_records" ADD "chain_id" uuid`);
    // The append-only trigger refuses this one-off backfill, so it is switched off for it alone.
    await q.query(`ALTER TABLE "history_records" DISABLE TRIGGER history_records_no_update_delete`);
    await q.query(`UPDATE "history_records" SET "chain_id" = "organization_id"`);
    await q.query(`ALTER TABLE "history_records" ENABLE TRIGGER history_records_no_update_delete`);
    await q.query(`ALTER TABLE "history_records" ALTER COLUMN "chain_id" SET NOT NULL`);
    await q.query(`DROP INDEX "history_records_org_seq_key"`);
    await q.query(
      `CREATE UNIQUE INDEX "history_records_chain_seq_key" ON "history_records" ("organization_id", "chain_id", "seq")`,
    );

    await q.query(`ALTER TABLE "audit_chain_heads" ADD "chain_id" uuid`);
    await q.query(`UPDATE "audit_chain_heads" SET "chain_id" = "organization_id"`);
    await q.query(`ALTER TABLE "audit_chain_heads" ALTER COLUMN "chain_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "audit_chain_heads" ADD "dirty" boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE "audit_chain_heads" DROP CONSTRAINT "PK_76862318793ab1d6f246a06d630"`);
    await q.query(
      `ALTER TABLE "audit_chain_heads" ADD CONSTRAINT "PK_audit_chain_heads_chain" PRIMARY KEY ("chain_id")`,
    );
    await q.query(
      `CREATE INDEX "audit_chain_heads_dirty_idx" ON "audit_chain_heads" ("organization_id") WHERE dirty`,
    );

    await q.query(
      `CREATE TABLE "audit_checkpoints" ("organization_id" uuid NOT NULL, "seq" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "prev_hash" text NOT NULL, "body" text NOT NULL, "hash" text NOT NULL, "key_id" text NOT NULL, "signature" text NOT NULL, CONSTRAINT "PK_audit_checkpoints" PRIMARY KEY ("organization_id", "seq"))`,
    );
    // Written by hand: checkpoints are append-only like the records they seal.
    await q.query(
      `CREATE TRIGGER audit_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON "audit_checkpoints" FOR EACH ROW EXECUTE FUNCTION history_records_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON "audit_checkpoints" FOR EACH STATEMENT EXECUTE FUNCTION history_records_append_only()`,
    );

    // Written by hand: the append, as one call. Rows carry their chain id; the heads are locked in
    // chain-id order (so two transactions never wait on each other in a cycle), each head with one
    // INSERT … ON CONFLICT that creates or locks it. hash = sha256(prev ‖ "\n" ‖ seq ‖ "\n" ‖ body),
    // exactly as chainHash in apps/api/src/audit/audit-chain.ts. SECURITY DEFINER: it runs as the
    // owner, so an application role without INSERT on history_records can still append (and only
    // append) through it.
    await q.query(`DROP FUNCTION audit_append(uuid, jsonb)`);
    await q.query(`
      CREATE FUNCTION audit_append(p_org uuid, p_rows jsonb) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_chain uuid;
        v_owner uuid;
        v_seq bigint;
        v_prev text;
        v_hash text;
        r jsonb;
      BEGIN
        FOR v_chain IN SELECT DISTINCT (value->>'chainId')::uuid FROM jsonb_array_elements(p_rows) ORDER BY 1 LOOP
          INSERT INTO audit_chain_heads AS h (chain_id, organization_id, seq, hash, dirty)
            VALUES (v_chain, p_org, 0, repeat('0', 64), true)
            ON CONFLICT (chain_id) DO UPDATE SET dirty = true
            RETURNING h.organization_id, h.seq, h.hash INTO v_owner, v_seq, v_prev;
          IF v_owner <> p_org THEN
            RAISE EXCEPTION 'audit chain % belongs to another organisation', v_chain;
          END IF;
          FOR r IN SELECT e.value FROM jsonb_array_elements(p_rows) WITH ORDINALITY AS e(value, n)
                    WHERE (e.value->>'chainId')::uuid = v_chain ORDER BY e.n LOOP
            v_seq := v_seq + 1;
            v_hash := encode(sha256(convert_to(v_prev || E'\\n' || v_seq::text || E'\\n' || (r->>'body'), 'UTF8')), 'hex');
            INSERT INTO history_records (organization_id, chain_id, seq, instance_id, kind, event_type, actor_id,
                                         created_at, state_before, state_after, payload, prev_hash, hash)
            VALUES (p_org, v_chain, v_seq, (r->>'instanceId')::uuid, r->>'kind', r->>'eventType', (r->>'actorId')::uuid,
                    (r->>'createdAt')::timestamptz, r->'stateBefore', r->'stateAfter', r->'payload', v_prev, v_hash);
            v_prev := v_hash;
          END LOOP;
          UPDATE audit_chain_heads SET seq = v_seq, hash = v_prev WHERE chain_id = v_chain;
        END LOOP;
      END $$`);
  }

  public async down(): Promise<void> {
    // Records on instance chains cannot be folded back into one organisation chain without
    // re-hashing them, which is exactly what the trail forbids.
    throw new Error('AuditChainsPerInstance cannot be reverted.');
  }
}
