import type { DataSource } from 'typeorm';
import { chainBody, chainHash, GENESIS_HASH } from './audit-chain';

export interface ChainReport {
  organizationId: string;
  checked: number;
  ok: boolean;
  /** The first record whose link or hash does not match, with the reason. */
  firstBroken?: { seq: string; id: string; reason: string };
}

/** Re-computes every organisation's hash chain from the stored records, in order, streaming in pages. */
export async function verifyAuditChains(dataSource: DataSource, pageSize = 2000): Promise<ChainReport[]> {
  const orgs: { organization_id: string; seq: string; hash: string }[] = await dataSource.query(
    'SELECT organization_id, seq, hash FROM audit_chain_heads ORDER BY organization_id',
  );
  const reports: ChainReport[] = [];
  for (const head of orgs) {
    const report: ChainReport = { organizationId: head.organization_id, checked: 0, ok: true };
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1n;
    let after = '0';
    for (;;) {
      const rows = await dataSource.query(
        `SELECT id, organization_id, seq::text AS seq, instance_id, kind, event_type, actor_id, created_at,
                state_before, state_after, payload, prev_hash, hash
           FROM history_records WHERE organization_id = $1 AND history_records.seq > $2 ORDER BY history_records.seq LIMIT $3`,
        [head.organization_id, after, pageSize],
      );
      for (const r of rows) {
        const broken = (reason: string) => ({ seq: r.seq, id: r.id, reason });
        if (BigInt(r.seq) !== expectedSeq)
          report.firstBroken = broken(`expected seq ${expectedSeq}, found ${r.seq} (a record is missing)`);
        else if (r.prev_hash !== prevHash)
          report.firstBroken = broken('prev_hash does not match the previous record');
        else {
          const body = chainBody({
            organizationId: r.organization_id,
            instanceId: r.instance_id,
            kind: r.kind,
            eventType: r.event_type,
            actorId: r.actor_id,
            createdAt: new Date(r.created_at),
            stateBefore: r.state_before,
            stateAfter: r.state_after,
            payload: r.payload,
          });
          const hash = chainHash(prevHash, r.seq, body);
          if (hash !== r.hash)
            report.firstBroken = broken('content does not match its hash (the record was altered)');
        }
        if (report.firstBroken) break;
        report.checked++;
        prevHash = r.hash;
        expectedSeq++;
      }
      if (report.firstBroken || rows.length < pageSize) break;
      after = rows[rows.length - 1].seq;
    }
    if (!report.firstBroken && (String(expectedSeq - 1n) !== String(head.seq) || prevHash !== head.hash)) {
      report.firstBroken = {
        seq: String(head.seq),
        id: '',
        reason: 'the chain head does not match the last record (records were removed)',
      };
    }
    report.ok = !report.firstBroken;
    reports.push(report);
  }
  return reports;
}
