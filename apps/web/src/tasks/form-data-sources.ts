import { useMemo } from 'react';
import { annexAControls } from '@aimsflow/iso42001';
import type { DataSourceOption, FormDataSources, UploadedFile } from '@aimsflow/form-renderer';
import { problemToApiError, type ApiClient } from '../api/api-client';
import { itemsOf, ROLES, roleLabel, type Group, type Page, type UserSummary } from '../api/api-types';
import { useAuth } from '../auth/AuthProvider';

const PEOPLE_READERS = ['admin', 'aims-manager'];

const controlOptions: DataSourceOption[] = annexAControls.map((control) => ({
  id: control.id,
  title: `${control.id} ${control.title}`,
}));
const roleOptions: DataSourceOption[] = ROLES.map((role) => ({ id: role, title: roleLabel(role) }));

/** Uploads one evidence file as raw bytes; resolves to what the form stores. */
export async function uploadEvidence(file: File, fetchImpl: typeof fetch = fetch): Promise<UploadedFile> {
  const query = new URLSearchParams({ name: file.name, type: file.type || 'application/octet-stream' });
  const response = await fetchImpl(`/api/evidence?${query}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
    body: file,
  });
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      // no problem body: the status says it
    }
    throw problemToApiError(response.status, `Upload failed (${response.status})`, body);
  }
  return (await response.json()) as UploadedFile;
}

/** The sources every form in the app uses: people and groups (for those allowed to list them), roles, Annex A controls, evidence upload. */
export function appDataSources(api: ApiClient, roles: readonly string[]): FormDataSources {
  const canListPeople = roles.some((role) => PEOPLE_READERS.includes(role));
  const sources: FormDataSources = {
    roles: async () => roleOptions,
    controls: async () => controlOptions,
    uploadFile: (file) => uploadEvidence(file),
  };
  if (canListPeople) {
    sources.users = async () => {
      const page = await api.get<Page<UserSummary>>('/users', { query: { limit: 100 } });
      return page.items
        .filter((user) => user.active)
        .map((user) => ({ id: user.id, title: user.name, subtitle: user.email }));
    };
    sources.groups = async () => {
      const groups = itemsOf(await api.get<Group[] | { items: Group[] }>('/groups'));
      return groups.map((group) => ({
        id: group.id,
        title: group.name,
        subtitle: group.description ?? undefined,
      }));
    };
  }
  // Others type an id: the picker falls back to a text box when a source is absent.
  return sources;
}

/** `appDataSources` for the signed-in user, stable across renders. */
export function useAppDataSources(): FormDataSources {
  const { api, user } = useAuth();
  const roles = user?.roles ?? [];
  return useMemo(() => appDataSources(api, roles), [api, roles.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
}
