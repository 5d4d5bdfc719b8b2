import type { ApiClient } from '../api/api-client';

/** One register (or form) the pack reads for an input, as `GET /api/management-reviews/{id}/input-pack` returns it. */
export interface PackSourceView {
  source: string;
  title: string;
  available: boolean;
  note?: string;
  total?: number;
  byStatus?: Array<{ value: string; title: string; count: number }>;
  byGrade?: Array<{ value: string; count: number }>;
  newSinceLastReview?: number;
  changedSinceLastReview?: number;
  totalAtLastReview?: number | null;
  items?: Array<{ id: string; label: string; status: string | null; changedSinceLastReview: boolean }>;
}

export interface InputPackView {
  reviewId: string;
  frozen: boolean;
  frozenAt: string | null;
  sha256: string;
  pack: {
    compiledAt: string;
    lastReview: { id: string; title: string | null; heldOn: string | null } | null;
    inputs: Array<{ id: string; title: string; sources: PackSourceView[] }>;
  };
}

export function inputPackApi(api: ApiClient) {
  return {
    get: (reviewId: string, signal?: AbortSignal) =>
      api.get<InputPackView>(`/management-reviews/${encodeURIComponent(reviewId)}/input-pack`, { signal }),
  };
}
