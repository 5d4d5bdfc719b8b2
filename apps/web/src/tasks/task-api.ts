import type { ApiClient } from '../api/api-client';
import {
  itemsOf,
  type ApprovalChainView,
  type FormDraftInfo,
  type FormVersion,
  type FormVersionInfo,
  type HistoryItem,
  type ProcessInstanceDetail,
  type Page,
  type TaskComment,
  type TaskDetail,
  type UserSummary,
} from '../api/api-types';

/** Typed calls for the task page. */
export function taskApi(api: ApiClient) {
  const enc = encodeURIComponent;
  return {
    get: (id: string, signal?: AbortSignal) => api.get<TaskDetail>(`/tasks/${enc(id)}`, { signal }),
    claim: (id: string) => api.post<TaskDetail>(`/tasks/${enc(id)}/claim`),
    unclaim: (id: string) => api.post<TaskDetail>(`/tasks/${enc(id)}/unclaim`),
    complete: (id: string, data: Record<string, unknown>) =>
      api.post<TaskDetail>(`/tasks/${enc(id)}/complete`, { data }),
    /** Managers: give the task to someone (ends any delegation). */
    assign: (id: string, userId: string) => api.post<TaskDetail>(`/tasks/${enc(id)}/assign`, { userId }),
    /** The assignee: let someone complete it for them; `null` ends the delegation. */
    delegate: (id: string, userId: string | null) =>
      api.post<TaskDetail>(`/tasks/${enc(id)}/delegate`, { userId }),
    /** Managers: move the due date (`null` removes it); reminders move with it. */
    setDue: (id: string, dueAt: string | null) => api.put<TaskDetail>(`/tasks/${enc(id)}/due`, { dueAt }),
    /** Active users of the directory (managers only), for assigning. */
    async assignableUsers(signal?: AbortSignal): Promise<UserSummary[]> {
      const page = await api.get<Page<UserSummary>>('/users', { query: { limit: 100 }, signal });
      return page.items.filter((user) => user.active);
    },
    async comments(id: string, signal?: AbortSignal): Promise<TaskComment[]> {
      return itemsOf(
        await api.get<TaskComment[] | { items: TaskComment[] }>(`/tasks/${enc(id)}/comments`, { signal }),
      );
    },
    /** Your own draft of the task's form (404 when you have none). */
    draft: (id: string, signal?: AbortSignal) => api.get<TaskDraft>(`/tasks/${enc(id)}/draft`, { signal }),
    saveDraft: (id: string, data: Record<string, unknown>) =>
      api.put<TaskDraft>(`/tasks/${enc(id)}/draft`, { data }),
    discardDraft: (id: string) => api.delete<void>(`/tasks/${enc(id)}/draft`),
    addComment: (id: string, body: string) => api.post<TaskComment>(`/tasks/${enc(id)}/comments`, { body }),
    instance: (instanceId: string, signal?: AbortSignal) =>
      api.get<ProcessInstanceDetail>(`/process-instances/${enc(instanceId)}`, { signal }),
    async history(instanceId: string, signal?: AbortSignal): Promise<HistoryItem[]> {
      return itemsOf(
        await api.get<HistoryItem[] | { items: HistoryItem[] }>(
          `/process-instances/${enc(instanceId)}/history`,
          { signal },
        ),
      );
    },
    async approvals(instanceId: string, signal?: AbortSignal): Promise<ApprovalChainView[]> {
      return itemsOf(
        await api.get<ApprovalChainView[] | { items: ApprovalChainView[] }>(
          `/process-instances/${enc(instanceId)}/approvals`,
          { signal },
        ),
      );
    },
    /** The pinned version of a form; without a version, the latest published one. */
    async formVersion(key: string, version: number | null, signal?: AbortSignal): Promise<FormVersion> {
      if (version) return api.get<FormVersion>(`/forms/${enc(key)}/versions/${version}`, { signal });
      const versions = itemsOf(
        await api.get<FormVersionInfo[] | { items: FormVersionInfo[] }>(`/forms/${enc(key)}/versions`, {
          signal,
        }),
      );
      const latest = versions.reduce((max, v) => Math.max(max, v.version), 0);
      if (!latest) {
        // Never published: a designer may still preview the draft.
        const draft = await api.get<FormDraftInfo>(`/forms/${enc(key)}`, { signal });
        return {
          key,
          version: 0,
          title: draft.title,
          schema: draft.draft.schema,
          uiSchema: draft.draft.uiSchema,
          changeNote: '',
          publishedAt: '',
        };
      }
      return api.get<FormVersion>(`/forms/${enc(key)}/versions/${latest}`, { signal });
    },
  };
}

export type TaskApi = ReturnType<typeof taskApi>;

/** Work in progress on a task form, kept on the server per task and person. */
export interface TaskDraft {
  data: Record<string, unknown>;
  updatedAt: string;
}
