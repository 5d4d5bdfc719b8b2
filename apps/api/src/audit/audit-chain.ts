import { jcs, toJsonValue } from '@aimsflow/engine';
import { createHash } from 'node:crypto';

/** The hashed fields of a history record, in the form both the writer and the verifier use. */
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

/** The chain a record belongs to: its instance's, or the organisation's for records outside instances. */
export function chainIdOf(fields: { organizationId: string; instanceId?: string | null }): string {
  return fields.instanceId ?? fields.organizationId;
}

/**
 * The record's JSON values as they are stored (a `Date` becomes its ISO string, `undefined` goes):
 * the writer stores exactly these and hashes exactly these, so the verifier, reading them back,
 * rebuilds the same canonical body.
 */
export function storedForm(fields: ChainedFields): ChainedFields {
  return {
    ...fields,
    stateBefore: toJsonValue(fields.stateBefore ?? null),
    stateAfter: toJsonValue(fields.stateAfter ?? null),
    payload: toJsonValue(fields.payload ?? null),
  };
}

/**
 * The canonical body of a record: RFC 8785 (JCS) of everything hashed except its position in the
 * chain. The README ("Verifying the audit trail") documents this for outside verifiers.
 */
export function chainBody(fields: ChainedFields): string {
  return jcs({
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

/** A stored `history_records` row as the database driver returns it (snake_case columns). */
export interface StoredRecordRow {
  organization_id: string;
  instance_id: string | null;
  kind: string;
  event_type: string | null;
  actor_id: string | null;
  created_at: Date | string;
  state_before: unknown;
  state_after: unknown;
  payload: unknown;
}

/** The canonical body of a stored row: what the verifier and the export rebuild. */
export function chainBodyOfRow(r: StoredRecordRow): string {
  return chainBody({
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
}

/**
 * hash = hex(SHA-256(UTF-8(previous hash ‖ "\n" ‖ seq ‖ "\n" ‖ canonical body))). The database
 * function `audit_append` computes exactly this under the chain-head lock; the verifier recomputes it.
 */
export function chainHash(prevHash: string, seq: string, body: string): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${body}`).digest('hex');
}
