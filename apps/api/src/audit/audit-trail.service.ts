import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { chainBody, chainIdOf, storedForm } from './audit-chain';

export interface NewHistoryEntry {
  organizationId: string;
  /** Omit for records outside a process instance: they go on the organisation's chain. */
  instanceId?: string | null;
  kind: string;
  eventType?: string | null;
  actorId?: string | null;
  stateBefore?: unknown;
  stateAfter?: unknown;
  payload?: unknown;
}

/** Appends to the hash-chained audit trail inside the caller's transaction. */
@Injectable()
export class AuditTrailService {
  /**
   * Call last in a transaction. One round trip per organisation: the database function
   * `audit_append` locks each chain's head (an instance's own chain, so steps of different
   * instances never wait on each other), numbers and hashes the records and inserts them.
   */
  async append(tx: EntityManager, entries: NewHistoryEntry[], transactionNow?: Date): Promise<void> {
    if (entries.length === 0) return;
    // The database clock at the transaction's start (what now() returns throughout it).
    const createdAt = transactionNow ?? new Date((await tx.query('SELECT now() AS now'))[0].now);
    for (const [organizationId, rows] of this.chainRows(entries, createdAt))
      await tx.query('SELECT audit_append($1, $2::jsonb)', [organizationId, rows]);
  }

  /**
   * The `audit_append(org, rows)` calls that append `entries`, as SQL expressions with their
   * parameters taken through `param`, for a caller that sends them in a statement of its own
   * (the step's last one). Same records as `append`.
   */
  appendExpressions(
    entries: NewHistoryEntry[],
    createdAt: Date,
    param: (value: unknown) => string,
  ): string[] {
    return [...this.chainRows(entries, createdAt)].map(
      ([organizationId, rows]) => `audit_append(${param(organizationId)}::uuid, ${param(rows)}::jsonb)`,
    );
  }

  /** The records of each organisation, numbered and hashed by the database function, as JSON. */
  private chainRows(entries: NewHistoryEntry[], createdAt: Date): Map<string, string> {
    const byOrg = new Map<string, NewHistoryEntry[]>();
    for (const e of entries) byOrg.set(e.organizationId, [...(byOrg.get(e.organizationId) ?? []), e]);
    const result = new Map<string, string>();
    for (const [organizationId, list] of byOrg) {
      const rows = list.map((e) => {
        const fields = storedForm({
          organizationId,
          instanceId: e.instanceId ?? null,
          kind: e.kind,
          eventType: e.eventType ?? null,
          actorId: e.actorId ?? null,
          createdAt,
          stateBefore: e.stateBefore,
          stateAfter: e.stateAfter,
          payload: e.payload,
        });
        return {
          ...fields,
          chainId: chainIdOf(fields),
          createdAt: createdAt.toISOString(),
          body: chainBody(fields),
        };
      });
      result.set(organizationId, JSON.stringify(rows));
    }
    return result;
  }
}
