/** An uploaded evidence file, as the `file` field stores it. */
export interface EvidenceRef {
  sha256: string;
  name: string;
  size: number;
  type: string;
}

export interface RealIds {
  /** Replaces every person id of the example (owners, signers, assessors). */
  personId?: string;
  /** Replaces ids under `aiSystem` / `system` keys. */
  systemId?: string | null;
  /** Replaces every evidence file of the example. */
  evidence?: EvidenceRef;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The built-in forms' examples cite made-up people and evidence; the server checks that picked users
 * exist and cited files were uploaded. This turns an example into a submission a real person could
 * make (used by tests and demo drivers).
 */
export function realiseExample(value: unknown, ids: RealIds, key = ''): unknown {
  if (typeof value === 'string' && UUID.test(value)) {
    if (key === 'aiSystem' || key === 'system') return ids.systemId ?? value;
    return ids.personId ?? value;
  }
  if (Array.isArray(value)) return value.map((v) => realiseExample(v, ids, key));
  if (value && typeof value === 'object') {
    if (ids.evidence && typeof (value as { sha256?: unknown }).sha256 === 'string')
      return { ...ids.evidence };
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, realiseExample(v, ids, k)]));
  }
  return value;
}
