import type { DataSource } from 'typeorm';
import { chainBodyOfRow } from './audit-chain';
import type { AuditSigningKey } from './audit-signing-key';

/**
 * The organisation's trail as JSON Lines, from one snapshot: a header (organisation, time, the
 * public key that signs checkpoints), every record in chain order with the exact canonical body
 * that was hashed, then every checkpoint with its signed body and signature. A `write` that returns
 * a promise is awaited (the evidence pack waits for its client to drain).
 */
export async function exportAuditTrail(
  dataSource: DataSource,
  organizationId: string,
  key: Pick<AuditSigningKey, 'keyId' | 'publicKeyPem'>,
  write: (line: string) => void | Promise<void>,
  pageSize = 2000,
): Promise<void> {
  await dataSource.transaction('REPEATABLE READ', async (tx) => {
    const [{ now }] = await tx.query('SELECT now() AS now');
    await write(
      JSON.stringify({
        type: 'export',
        organizationId,
        exportedAt: new Date(now).toISOString(),
        hashRule:
          'hash = sha256_hex(prevHash + "\\n" + seq + "\\n" + body); body = RFC 8785 JCS; genesis prevHash = 64 zeros',
        publicKeys: [{ keyId: key.keyId, pem: key.publicKeyPem }],
      }),
    );
    let after: [string, string] = ['00000000-0000-0000-0000-000000000000', '0'];
    for (;;) {
      const rows = await tx.query(
        `SELECT chain_id, seq::text AS seq, organization_id, instance_id, kind, event_type, actor_id, created_at,
                state_before, state_after, payload, prev_hash, hash
           FROM history_records WHERE organization_id = $1 AND (chain_id, seq) > ($2::uuid, $3::bigint)
          ORDER BY chain_id, history_records.seq LIMIT $4`,
        [organizationId, after[0], after[1], pageSize],
      );
      for (const r of rows)
        await write(
          JSON.stringify({
            type: 'record',
            chainId: r.chain_id,
            seq: r.seq,
            prevHash: r.prev_hash,
            hash: r.hash,
            body: chainBodyOfRow(r),
          }),
        );
      if (rows.length < pageSize) break;
      after = [rows[rows.length - 1].chain_id, rows[rows.length - 1].seq];
    }
    const heads = await tx.query(
      `SELECT chain_id AS "chainId", seq::text AS seq, hash FROM audit_chain_heads WHERE organization_id = $1 ORDER BY chain_id`,
      [organizationId],
    );
    for (const h of heads) await write(JSON.stringify({ type: 'head', ...h }));
    const checkpoints = await tx.query(
      `SELECT seq::text AS seq, prev_hash AS "prevHash", hash, key_id AS "keyId", signature, body
         FROM audit_checkpoints WHERE organization_id = $1 ORDER BY audit_checkpoints.seq`,
      [organizationId],
    );
    for (const c of checkpoints) await write(JSON.stringify({ type: 'checkpoint', ...c }));
  });
}
