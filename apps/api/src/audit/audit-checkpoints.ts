import { jcs } from '@aimsflow/engine';
import { createHash, sign } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { GENESIS_HASH } from './audit-chain';
import type { AuditSigningKey } from './audit-signing-key';

/** What a checkpoint seals; its JCS text is the checkpoint's `body`, hashed and signed. */
export interface CheckpointBody {
  organizationId: string;
  seq: string;
  prevHash: string;
  createdAt: string;
  keyId: string;
  /** Every chain head of the organisation that moved since the previous checkpoint, by chain id. */
  heads: Array<{ chainId: string; seq: string; hash: string }>;
}

/** A body holds at most this many heads; more moved heads make several checkpoints in a row. */
export const HEADS_PER_CHECKPOINT = 5_000;

export function checkpointHash(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * Seals the organisation's moved chain heads in one or more signed checkpoints; returns how many
 * were written. Heads being appended to right now are skipped (SKIP LOCKED) and sealed next time,
 * so a checkpoint never waits for, nor holds up, a step for longer than its own statement.
 */
export async function writeCheckpoints(
  dataSource: DataSource,
  organizationId: string,
  key: AuditSigningKey,
): Promise<number> {
  let written = 0;
  for (;;) {
    const more = await dataSource.transaction(async (tx) => {
      // One checkpoint writer per organisation at a time, across API processes.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('audit-checkpoint:' || $1, 0))`, [
        organizationId,
      ]);
      const heads: Array<{ chainId: string; seq: string; hash: string }> = await tx.query(
        `SELECT chain_id AS "chainId", seq::text AS seq, hash FROM audit_chain_heads
          WHERE organization_id = $1 AND dirty ORDER BY chain_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [organizationId, HEADS_PER_CHECKPOINT],
      );
      if (heads.length === 0) return false;
      const [last] = await tx.query(
        `SELECT seq::text AS seq, hash FROM audit_checkpoints WHERE organization_id = $1 ORDER BY audit_checkpoints.seq DESC LIMIT 1`,
        [organizationId],
      );
      const [{ now }] = await tx.query('SELECT now() AS now');
      const fields: CheckpointBody = {
        organizationId,
        seq: String(BigInt(last?.seq ?? 0) + 1n),
        prevHash: last?.hash ?? GENESIS_HASH,
        createdAt: new Date(now).toISOString(),
        keyId: key.keyId,
        heads,
      };
      const body = jcs(fields);
      await tx.query(
        `INSERT INTO audit_checkpoints (organization_id, seq, created_at, prev_hash, body, hash, key_id, signature)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          organizationId,
          fields.seq,
          fields.createdAt,
          fields.prevHash,
          body,
          checkpointHash(body),
          key.keyId,
          sign(null, Buffer.from(body, 'utf8'), key.privateKey).toString('base64'),
        ],
      );
      await tx.query(`UPDATE audit_chain_heads SET dirty = false WHERE chain_id = ANY($1::uuid[])`, [
        heads.map((h) => h.chainId),
      ]);
      written++;
      return heads.length === HEADS_PER_CHECKPOINT;
    });
    if (!more) return written;
  }
}

/** Seals every organisation that has moved heads; returns the number of checkpoints written. */
export async function writeAllCheckpoints(dataSource: DataSource, key: AuditSigningKey): Promise<number> {
  const orgs: { organization_id: string }[] = await dataSource.query(
    `SELECT DISTINCT organization_id FROM audit_chain_heads WHERE dirty`,
  );
  let written = 0;
  for (const { organization_id } of orgs) written += await writeCheckpoints(dataSource, organization_id, key);
  return written;
}
