import type { ApiClient } from '../api/api-client';
import {
  itemsOf,
  type FormDraftInfo,
  type FormListItem,
  type FormUsage,
  type FormVersion,
  type FormVersionInfo,
  type Page,
} from '../api/api-types';

export interface FormContent {
  title?: string;
  description?: string;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

/** Typed calls for Admin → Forms. */
export function formsApi(api: ApiClient) {
  const enc = encodeURIComponent;
  return {
    list: (query: { search?: string; cursor?: string | null; limit?: number }, signal?: AbortSignal) =>
      api.get<Page<FormListItem>>('/forms', { query, signal }),
    create: (input: {
      key: string;
      title: string;
      description?: string;
      schema: Record<string, unknown>;
      uiSchema: Record<string, unknown>;
    }) => api.post<FormDraftInfo>('/forms', input),
    get: (key: string, signal?: AbortSignal) => api.get<FormDraftInfo>(`/forms/${enc(key)}`, { signal }),
    saveDraft: (key: string, content: FormContent & { baseVersion?: number }) =>
      api.put<FormDraftInfo>(`/forms/${enc(key)}/draft`, content),
    publish: (key: string, changeNote: string) =>
      api.post<{ key: string; version: number }>(`/forms/${enc(key)}/publish`, { changeNote }),
    async versions(key: string, signal?: AbortSignal): Promise<FormVersionInfo[]> {
      return itemsOf(
        await api.get<FormVersionInfo[] | { items: FormVersionInfo[] }>(`/forms/${enc(key)}/versions`, {
          signal,
        }),
      );
    },
    version: (key: string, version: number, signal?: AbortSignal) =>
      api.get<FormVersion>(`/forms/${enc(key)}/versions/${version}`, { signal }),
    async usage(key: string, signal?: AbortSignal): Promise<FormUsage[]> {
      return itemsOf(
        await api.get<FormUsage[] | { items: FormUsage[] }>(`/forms/${enc(key)}/usage`, { signal }),
      );
    },
    import: (file: Record<string, unknown>) =>
      api.post<{ created: boolean; form: FormDraftInfo }>('/forms/import', file),
    exportUrl: (key: string, version?: number) =>
      `/api/forms/${enc(key)}/export${version ? `?version=${version}` : ''}`,
  };
}

export type FormsApi = ReturnType<typeof formsApi>;

/** The draft's optimistic-lock number, whichever name the server uses for it. */
export function lockVersionOf(info: FormDraftInfo): number | undefined {
  return info.lockVersion ?? info.version;
}
