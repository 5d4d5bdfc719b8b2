import { createHash } from 'node:crypto';

/** The hashed fields of a history record, in the form both the writer and `audit:verify` use. */
export interface ChainedFields {
  organizationId: string;
  seq: string;
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

/** JSON with object keys sorted at every depth, so jsonb's key reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** hash = SHA-256(previous hash ‖ canonical JSON of the record's fields). */
export function chainHash(prevHash: string, fields: ChainedFields): string {
  const body = canonicalJson({
    organizationId: fields.organizationId,
    seq: String(fields.seq),
    instanceId: fields.instanceId,
    kind: fields.kind,
    eventType: fields.eventType,
    actorId: fields.actorId,
    createdAt: fields.createdAt.toISOString(),
    stateBefore: fields.stateBefore ?? null,
    stateAfter: fields.stateAfter ?? null,
    payload: fields.payload ?? null,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
