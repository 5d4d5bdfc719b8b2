import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { chainBody } from './audit-chain';

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
  /**
   * Call last in a transaction. One round trip: the database function `audit_append` locks the
   * organisation's chain head, numbers and hashes the records and inserts them, so the head (which
   * orders every step of the organisation) is held only for that statement and the commit.
   */
  async append(tx: EntityManager, entries: NewHistoryEntry[], transactionNow?: Date): Promise<void> {
    if (entries.length === 0) return;
    // The database clock at the transaction's start (what now() returns throughout it).
    const createdAt = transactionNow ?? new Date((await tx.query('SELECT now() AS now'))[0].now);
    const byOrg = new Map<string, NewHistoryEntry[]>();
    for (const e of entries) byOrg.set(e.organizationId, [...(byOrg.get(e.organizationId) ?? []), e]);
    for (const [organizationId, list] of byOrg) {
      const rows = list.map((e) => {
        const fields = {
          organizationId,
          instanceId: e.instanceId ?? null,
          kind: e.kind,
          eventType: e.eventType ?? null,
          actorId: e.actorId ?? null,
          createdAt,
          stateBefore: e.stateBefore ?? null,
          stateAfter: e.stateAfter ?? null,
          payload: e.payload ?? null,
        };
        return { ...fields, createdAt: createdAt.toISOString(), body: chainBody(fields) };
      });
      await tx.query('SELECT audit_append($1, $2::jsonb)', [organizationId, JSON.stringify(rows)]);
    }
  }
}
