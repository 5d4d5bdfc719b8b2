import type { ApiClient } from '../api/api-client';

/** The roles that may verify and export the organisation's audit trail (as the API enforces). */
export const AUDIT_ROLES = ['admin', 'internal-auditor', 'external-auditor'] as const;

/** Where the JSON Lines export downloads from (a plain link: the browser sends the session cookie). */
export const AUDIT_EXPORT_URL = '/api/audit/export';

/** The first link of the trail that did not verify. */
export interface BrokenLink {
  chainId: string;
  /** The record's position in its chain (a bigint, sent as text). */
  seq: string;
  /** The record's id, when the break is at a stored record. */
  id?: string;
  reason: string;
}

/** What `GET /api/audit/verify` reports for the signed-in user's organisation. */
export interface AuditVerifyReport {
  ok: boolean;
  /** Records whose link and hash were recomputed and matched (before the first break, if any). */
  records: number;
  chains: number;
  checkpoints: number;
  lastCheckpointAt: string | null;
  /** Chains with records newer than the last checkpoint. */
  unsealedChains: number;
  /** Id of the public key the checkpoints' signatures are checked with. */
  keyId: string;
  firstBroken?: BrokenLink;
}

/** Typed calls for the audit trail page. */
export function auditApi(api: ApiClient) {
  return {
    verify(signal?: AbortSignal) {
      return api.get<AuditVerifyReport>('/audit/verify', { signal });
    },
  };
}
