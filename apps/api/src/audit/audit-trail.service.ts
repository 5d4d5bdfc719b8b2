import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { chainHash, GENESIS_HASH } from './audit-chain';
import { AuditChainHead, HistoryRecord } from './history-record.entity';

export interface NewHistoryEntry {
  organizationId: string;
  instanceId?: string | null;
  kind: string;
  eventType?: string | null;
  actorId?: string | null;
  stateBefore?: unknown;
  stateAfter?: unknown;
  payload?: unknown;
}

/** Appends to the organisation's hash-chained audit trail inside the caller's transaction. */
@Injectable()
export class AuditTrailService {
  /** Call late in a transaction: the chain head stays locked until commit, ordering the organisation's appends. */
  async append(tx: EntityManager, entries: NewHistoryEntry[]): Promise<HistoryRecord[]> {
    if (entries.length === 0) return [];
    const byOrg = new Map<string, NewHistoryEntry[]>();
    for (const e of entries) byOrg.set(e.organizationId, [...(byOrg.get(e.organizationId) ?? []), e]);
    const saved: HistoryRecord[] = [];
    for (const [organizationId, list] of byOrg) {
      await tx.query(
        `INSERT INTO audit_chain_heads (organization_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING`,
        [organizationId, GENESIS_HASH],
      );
      const [head] = await tx.query(
        `SELECT seq, hash, now() AS "now" FROM audit_chain_heads WHERE organization_id = $1 FOR UPDATE`,
        [organizationId],
      );
      let seq = BigInt(head.seq);
      let prevHash: string = head.hash;
      const createdAt = new Date(head.now);
      const rows = list.map((e) => {
        seq += 1n;
        const fields = {
          organizationId,
          seq: seq.toString(),
          instanceId: e.instanceId ?? null,
          kind: e.kind,
          eventType: e.eventType ?? null,
          actorId: e.actorId ?? null,
          createdAt,
          stateBefore: e.stateBefore ?? null,
          stateAfter: e.stateAfter ?? null,
          payload: e.payload ?? null,
        };
        const hash = chainHash(prevHash, fields);
        const row = tx.getRepository(HistoryRecord).create({ ...fields, prevHash, hash });
        prevHash = hash;
        return row;
      });
      // jsonb columns are typed unknown; TypeORM's deep-partial type cannot express that.
      await tx.getRepository(HistoryRecord).insert(rows as never);
      await tx
        .getRepository(AuditChainHead)
        .update({ organizationId }, { seq: seq.toString(), hash: prevHash });
      saved.push(...rows);
    }
    return saved;
  }
}
