import type { ApiClient } from '../api/api-client';
import { itemsOf, type ApprovalChainView, type DecisionKind, type Person } from '../api/api-types';

/** Typed calls for approval chains and the people they name. */
export function approvalsApi(api: ApiClient) {
  const enc = encodeURIComponent;
  return {
    get: (id: string, signal?: AbortSignal) =>
      api.get<ApprovalChainView>(`/approvals/${enc(id)}`, { signal }),
    async forInstance(instanceId: string, signal?: AbortSignal): Promise<ApprovalChainView[]> {
      return itemsOf(
        await api.get<ApprovalChainView[] | { items: ApprovalChainView[] }>(
          `/process-instances/${enc(instanceId)}/approvals`,
          { signal },
        ),
      );
    },
    /** The one way a decision is made: the server checks the level, the rule and segregation of duties. */
    decide: (id: string, decision: DecisionKind, comment: string) =>
      api.post<ApprovalChainView>(`/approvals/${enc(id)}/decisions`, {
        decision,
        ...(comment ? { comment } : {}),
      }),
    async people(signal?: AbortSignal): Promise<Person[]> {
      return itemsOf(await api.get<Person[] | { items: Person[] }>('/inbox/people', { signal }));
    },
  };
}

export type ApprovalsApi = ReturnType<typeof approvalsApi>;
