import type { ApiClient } from '../api/api-client';
import { itemsOf, type Approval, type FormDraftInfo, type FormVersion, type FormVersionInfo, type HistoryItem, type ProcessInstanceDetail, type Task, type TaskComment } from '../api/api-types';

/** Typed calls for the task page. */
export function taskApi(api: ApiClient) {
  const enc = encodeURIComponent;
  return {
    get: (id: string, signal?: AbortSignal) => api.get<Task>(`/tasks/${enc(id)}`, { signal }),
    claim: (id: string) => api.post<Task>(`/tasks/${enc(id)}/claim`),
    unclaim: (id: string) => api.post<Task>(`/tasks/${enc(id)}/unclaim`),
    complete: (id: string, data: Record<string, unknown>) => api.post<Task>(`/tasks/${enc(id)}/complete`, { data }),
    async comments(id: string, signal?: AbortSignal): Promise<TaskComment[]> {
      return itemsOf(await api.get<TaskComment[] | { items: TaskComment[] }>(`/tasks/${enc(id)}/comments`, { signal }));
    },
    addComment: (id: string, body: string) => api.post<TaskComment>(`/tasks/${enc(id)}/comments`, { body }),
    instance: (instanceId: string, signal?: AbortSignal) => api.get<ProcessInstanceDetail>(`/process-instances/${enc(instanceId)}`, { signal }),
    async history(instanceId: string, signal?: AbortSignal): Promise<HistoryItem[]> {
      return itemsOf(await api.get<HistoryItem[] | { items: HistoryItem[] }>(`/process-instances/${enc(instanceId)}/history`, { signal }));
    },
    async approvals(instanceId: string, signal?: AbortSignal): Promise<Approval[]> {
      return itemsOf(await api.get<Approval[] | { items: Approval[] }>(`/process-instances/${enc(instanceId)}/approvals`, { signal }));
    },
    approval: (id: string, signal?: AbortSignal) => api.get<Approval>(`/approvals/${enc(id)}`, { signal }),
    /** The pinned version of a form; without a version, the latest published one. */
    async formVersion(key: string, version: number | null, signal?: AbortSignal): Promise<FormVersion> {
      if (version) return api.get<FormVersion>(`/forms/${enc(key)}/versions/${version}`, { signal });
      const versions = itemsOf(await api.get<FormVersionInfo[] | { items: FormVersionInfo[] }>(`/forms/${enc(key)}/versions`, { signal }));
      const latest = versions.reduce((max, v) => Math.max(max, v.version), 0);
      if (!latest) {
        // Never published: a designer may still preview the draft.
        const draft = await api.get<FormDraftInfo>(`/forms/${enc(key)}`, { signal });
        return { key, version: 0, title: draft.title, schema: draft.draft.schema, uiSchema: draft.draft.uiSchema, changeNote: '', publishedAt: '' };
      }
      return api.get<FormVersion>(`/forms/${enc(key)}/versions/${latest}`, { signal });
    },
  };
}

export type TaskApi = ReturnType<typeof taskApi>;
