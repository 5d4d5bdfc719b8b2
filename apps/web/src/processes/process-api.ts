import type { ApiClient } from '../api/api-client';
import {
  itemsOf,
  type Page,
  type ProcessInstanceDetail,
  type ProcessInstanceSummary,
  type WorkflowDefinitionSummary,
  type WorkflowDefinitionVersion,
} from '../api/api-types';

/** Typed calls for the processes pages. */
export function processApi(api: ApiClient) {
  const enc = encodeURIComponent;
  return {
    async definitions(signal?: AbortSignal): Promise<WorkflowDefinitionSummary[]> {
      return itemsOf(
        await api.get<WorkflowDefinitionSummary[] | { items: WorkflowDefinitionSummary[] }>(
          '/workflow-definitions',
          { signal },
        ),
      );
    },
    definitionVersion: (key: string, version: number, signal?: AbortSignal) =>
      api.get<WorkflowDefinitionVersion>(`/workflow-definitions/${enc(key)}/versions/${version}`, { signal }),
    list: (
      query: {
        definitionKey?: string;
        status?: string;
        businessKey?: string;
        limit?: number;
        cursor?: string | null;
      },
      signal?: AbortSignal,
    ) => api.get<Page<ProcessInstanceSummary>>('/process-instances', { query, signal }),
    get: (id: string, signal?: AbortSignal) =>
      api.get<ProcessInstanceDetail>(`/process-instances/${enc(id)}`, { signal }),
    start: (input: { definitionKey: string; businessKey?: string; input?: Record<string, unknown> }) =>
      api.post<ProcessInstanceDetail>('/process-instances', input),
    /** The reason goes into the audit trail; the AIMS programme cannot be cancelled without one. */
    /** A hand-sent signal the instance offers (`actions`); answers the instance after it. */
    send: (id: string, type: string) =>
      api.post<ProcessInstanceDetail>(`/process-instances/${enc(id)}/events`, { type }),
    cancel: (id: string, reason: string) =>
      api.post<ProcessInstanceDetail>(`/process-instances/${enc(id)}/cancel`, { reason }),
  };
}

export type ProcessApi = ReturnType<typeof processApi>;

/** The instance's XState state value as short text: `drafting`, `review.legal`, `{a: x, b: y}` → `a.x, b.y`. */
export function stateText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) =>
        inner && typeof inner === 'object' && Object.keys(inner).length === 0
          ? key
          : `${key}.${stateText(inner)}`,
      )
      .join(', ');
  }
  return String(value);
}

export const STATUS_LABELS: Record<string, string> = {
  active: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
};
