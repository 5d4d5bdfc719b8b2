import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { chainBodyOfRow, chainHash, chainIdOf, GENESIS_HASH } from './audit-chain';
import { checkpointHash, type CheckpointBody } from './audit-checkpoints';
import { keyIdOf } from './audit-signing-key';

export interface BrokenLink {
  chainId: string;
  seq: string;
  /** The record's id, when the break is at a stored record. */
  id?: string;
  reason: string;
}

/** What `GET /api/audit/verify` and `npm run audit:verify` report for one organisation. */
export interface TrailReport {
  organizationId: string;
  ok: boolean;
  /** Records whose link and hash were recomputed and matched before the first break. */
  records: number;
  chains: number;
  checkpoints: number;
  lastCheckpointAt: string | null;
  /** Chains with records newer than the last checkpoint (a tail there is not yet sealed). */
  unsealedChains: number;
  firstBroken?: BrokenLink;
}

export interface VerifyOptions {
  /** One organisation; every organisation when absent. */
  organizationId?: string;
  /** Public keys whose checkpoint signatures are accepted (PEM or KeyObject). */
  trustedKeys: Array<KeyObject | string>;
  pageSize?: number;
}

class Broken extends Error {
  constructor(readonly link: BrokenLink) {
    super(link.reason);
  }
}

interface Sealed {
  seq: bigint;
  hash: string;
  checkpoint: string;
}

/**
 * Re-computes an organisation's whole audit trail from what is stored: every chain's links and
 * hashes, the chain heads, and the signed checkpoints that seal the heads. Driven from the
 * organisations table and the checkpoints, not only from the heads, so that deleting a head, a
 * chain or a tail (and rewinding its head) is found as well as an edited or forged record.
 */
export async function verifyAuditTrail(
  dataSource: DataSource,
  options: VerifyOptions,
): Promise<TrailReport[]> {
  const trusted = new Map<string, KeyObject>();
  for (const k of options.trustedKeys) {
    const key = typeof k === 'string' ? createPublicKey(k) : k;
    trusted.set(keyIdOf(key), key);
  }
  const orgs: { id: string }[] = options.organizationId
    ? [{ id: options.organizationId }]
    : await dataSource.query('SELECT id FROM organizations ORDER BY id');
  const reports: TrailReport[] = [];
  // One snapshot per organisation, so that steps committing meanwhile never look like tampering.
  for (const org of orgs)
    reports.push(
      await dataSource.transaction('REPEATABLE READ', (tx) =>
        verifyOrganization(tx, org.id, trusted, options.pageSize ?? 2000),
      ),
    );
  return reports;
}

async function verifyOrganization(
  dataSource: EntityManager,
  organizationId: string,
  trusted: Map<string, KeyObject>,
  pageSize: number,
): Promise<TrailReport> {
  const report: TrailReport = {
    organizationId,
    ok: true,
    records: 0,
    chains: 0,
    checkpoints: 0,
    lastCheckpointAt: null,
    unsealedChains: 0,
  };
  try {
    const sealed = await verifyCheckpoints(dataSource, organizationId, trusted, report);
    const heads = new Map<string, { seq: bigint; hash: string }>();
    for (const h of await dataSource.query(
      `SELECT chain_id, seq::text AS seq, hash FROM audit_chain_heads WHERE organization_id = $1`,
      [organizationId],
    ))
      heads.set(h.chain_id, { seq: BigInt(h.seq), hash: h.hash });

    const seen = new Set<string>();
    // The chain being walked; id '' before the first record.
    const chain = { id: '', seq: 0n, hash: GENESIS_HASH };
    const finish = () => {
      if (!chain.id) return;
      seen.add(chain.id);
      report.chains++;
      endOfChain(chain.id, chain.seq, chain.hash, heads.get(chain.id), sealed.get(chain.id));
    };
    let after: [string, string] = ['00000000-0000-0000-0000-000000000000', '0'];
    for (;;) {
      const rows = await dataSource.query(
        `SELECT id, organization_id, chain_id, seq::text AS seq, instance_id, kind, event_type, actor_id,
                created_at, state_before, state_after, payload, prev_hash, hash
           FROM history_records
          WHERE organization_id = $1 AND (chain_id, seq) > ($2::uuid, $3::bigint)
          ORDER BY chain_id, history_records.seq LIMIT $4`,
        [organizationId, after[0], after[1], pageSize],
      );
      for (const r of rows) {
        if (chain.id !== r.chain_id) {
          finish();
          Object.assign(chain, { id: r.chain_id, seq: 0n, hash: GENESIS_HASH });
        }
        const broken = (reason: string) => new Broken({ chainId: r.chain_id, seq: r.seq, id: r.id, reason });
        const seq = BigInt(r.seq);
        if (seq !== chain.seq + 1n)
          throw broken(`expected seq ${chain.seq + 1n}, found ${r.seq} (a record is missing)`);
        if (r.prev_hash !== chain.hash) throw broken('prev_hash does not match the previous record');
        if (r.chain_id !== chainIdOf({ organizationId: r.organization_id, instanceId: r.instance_id }))
          throw broken('the record is on another chain than its instance (it was moved)');
        const body = chainBodyOfRow(r);
        if (chainHash(r.prev_hash, r.seq, body) !== r.hash)
          throw broken('content does not match its hash (the record was altered)');
        const seal = sealed.get(r.chain_id);
        if (seal && seal.seq === seq && seal.hash !== r.hash)
          throw broken(
            `the record differs from what checkpoint ${seal.checkpoint} sealed (the chain was re-written)`,
          );
        chain.seq = seq;
        chain.hash = r.hash;
        report.records++;
      }
      if (rows.length < pageSize) break;
      const last = rows[rows.length - 1];
      after = [last.chain_id, last.seq];
    }
    finish();

    for (const [chainId, head] of heads)
      if (!seen.has(chainId) && head.seq > 0n)
        throw new Broken({
          chainId,
          seq: String(head.seq),
          reason: "the chain's records are missing (deleted)",
        });
    for (const [chainId, seal] of sealed)
      if (!seen.has(chainId))
        throw new Broken({
          chainId,
          seq: String(seal.seq),
          reason: `checkpoint ${seal.checkpoint} sealed this chain, but its records are missing (deleted)`,
        });
    const [orphan] = await dataSource.query(
      `SELECT p.id FROM process_instances p WHERE p.organization_id = $1
          AND NOT EXISTS (SELECT 1 FROM history_records h WHERE h.organization_id = $1 AND h.chain_id = p.id)
          AND NOT EXISTS (SELECT 1 FROM history_records h WHERE h.instance_id = p.id) LIMIT 1`,
      [organizationId],
    );
    if (orphan)
      throw new Broken({
        chainId: orphan.id,
        seq: '1',
        reason: 'the process instance has no audit records (its chain was deleted)',
      });
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM audit_chain_heads WHERE organization_id = $1 AND dirty`,
      [organizationId],
    );
    report.unsealedChains = n;
  } catch (error) {
    if (!(error instanceof Broken)) throw error;
    report.ok = false;
    report.firstBroken = error.link;
  }
  return report;
}

/** The end of a chain's records must be its head, and no shorter than what a checkpoint sealed. */
function endOfChain(
  chainId: string,
  seq: bigint,
  hash: string,
  head: { seq: bigint; hash: string } | undefined,
  seal: Sealed | undefined,
): void {
  if (seal && seal.seq > seq)
    throw new Broken({
      chainId,
      seq: String(seq + 1n),
      reason: `checkpoint ${seal.checkpoint} sealed ${seal.seq} records, ${seq} are left (the chain was cut back)`,
    });
  if (!head) throw new Broken({ chainId, seq: String(seq), reason: "the chain's head is missing (deleted)" });
  if (head.seq !== seq || head.hash !== hash)
    throw new Broken({
      chainId,
      seq: String(head.seq),
      reason: 'the chain head does not match the last record (records were removed or added)',
    });
}

/** Checks the checkpoints' own chain and signatures; returns the latest sealed head of each chain. */
async function verifyCheckpoints(
  dataSource: EntityManager,
  organizationId: string,
  trusted: Map<string, KeyObject>,
  report: TrailReport,
): Promise<Map<string, Sealed>> {
  const sealed = new Map<string, Sealed>();
  const rows = await dataSource.query(
    `SELECT seq::text AS seq, created_at, prev_hash, body, hash, key_id, signature
       FROM audit_checkpoints WHERE organization_id = $1 ORDER BY audit_checkpoints.seq`,
    [organizationId],
  );
  let prev = GENESIS_HASH;
  let expected = 1n;
  for (const c of rows) {
    const broken = (reason: string) =>
      new Broken({ chainId: `checkpoint:${organizationId}`, seq: c.seq, reason });
    if (BigInt(c.seq) !== expected)
      throw broken(`expected checkpoint ${expected}, found ${c.seq} (one is missing)`);
    if (c.prev_hash !== prev) throw broken('prev_hash does not match the previous checkpoint');
    if (checkpointHash(c.body) !== c.hash)
      throw broken('the checkpoint does not match its hash (it was altered)');
    const key = trusted.get(c.key_id);
    if (!key) throw broken('the checkpoint is signed by a key this verifier does not trust');
    if (!verify(null, Buffer.from(c.body, 'utf8'), key, Buffer.from(c.signature, 'base64')))
      throw broken('the checkpoint signature is not valid (forged)');
    const body = JSON.parse(c.body) as CheckpointBody;
    if (
      body.organizationId !== organizationId ||
      body.seq !== c.seq ||
      body.prevHash !== c.prev_hash ||
      body.keyId !== c.key_id
    )
      throw broken('the checkpoint columns disagree with its signed body');
    for (const h of body.heads) {
      const before = sealed.get(h.chainId);
      const seq = BigInt(h.seq);
      if (before && seq < before.seq)
        throw broken(`chain ${h.chainId} was sealed shorter than before (rewound)`);
      sealed.set(h.chainId, { seq, hash: h.hash, checkpoint: c.seq });
    }
    prev = c.hash;
    expected++;
    report.checkpoints++;
    report.lastCheckpointAt = new Date(c.created_at).toISOString();
  }
  return sealed;
}
