import { canonicalJson } from '@aimsflow/engine';
import { createHash } from 'node:crypto';

/** The hashed fields of a history record, in the form both the writer and `audit:verify` use. */
export interface ChainedFields {
  organizationId: string;
  instanceId: string | null;
  kind: string;
  eventType: string | null;
  actorId: string | null;
  createdAt: Date;
  stateBefore: unknown;
  stateAfter: unknown;
  payload: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The canonical body of a record: everything hashed except its position (seq) in the chain. */
export function chainBody(fields: ChainedFields): string {
  return canonicalJson({
    organizationId: fields.organizationId,
    instanceId: fields.instanceId,
    kind: fields.kind,
    eventType: fields.eventType,
    actorId: fields.actorId,
    createdAt: fields.createdAt.toISOString(),
    stateBefore: fields.stateBefore ?? null,
    stateAfter: fields.stateAfter ?? null,
    payload: fields.payload ?? null,
  });
}

/**
 * hash = SHA-256(previous hash ‖ "\n" ‖ seq ‖ "\n" ‖ canonical body). The database function
 * `audit_append` computes exactly this under the chain-head lock; `audit:verify` recomputes it here.
 */
export function chainHash(prevHash: string, seq: string, body: string): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${body}`).digest('hex');
}
