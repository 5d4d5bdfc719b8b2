import { useMemo } from 'react';
import { annexAControls } from '@aimsflow/iso42001';
import type { DataSourceOption, FormDataSources, UploadedFile } from '@aimsflow/form-renderer';
import { problemToApiError, type ApiClient } from '../api/api-client';
import { itemsOf, ROLES, roleLabel, type Group, type Person } from '../api/api-types';
import { useAuth } from '../auth/AuthProvider';

/** Who may list groups (the user admin list too). */
const PEOPLE_READERS = ['admin', 'aims-manager'];
/** Who works tasks: the server lists the organisation's active people to them (`/inbox/people`). */
const WORKERS = ['admin', 'aims-manager', 'contributor', 'top-management', 'internal-auditor'];

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

/**
 * The sources every form in the app uses: people (for everyone who works tasks: an auditor names
 * the auditees, an owner the owners of actions), groups (for those allowed to list them), roles,
 * Annex A controls, evidence upload.
 */
export function appDataSources(api: ApiClient, roles: readonly string[]): FormDataSources {
  const sources: FormDataSources = {
    roles: async () => roleOptions,
    controls: async () => controlOptions,
    uploadFile: (file) => uploadEvidence(file),
  };
  if (roles.some((role) => WORKERS.includes(role))) {
    // The active people, all of them (the user admin list pages by 100).
    sources.users = async () => {
      const people = itemsOf(await api.get<Person[] | { items: Person[] }>('/inbox/people'));
      return people.map((person) => ({ id: person.id, title: person.name, subtitle: person.email }));
    };
  }
  if (roles.some((role) => PEOPLE_READERS.includes(role))) {
    sources.groups = async () => {
      const groups = itemsOf(await api.get<Group[] | { items: Group[] }>('/groups'));
      return groups.map((group) => ({
        id: group.id,
        title: group.name,
        subtitle: group.description ?? undefined,
      }));
    };
  }
  // An external auditor only reads; a picker without a source falls back to a text box.
  return sources;
}

/** `appDataSources` for the signed-in user, stable across renders. */
export function useAppDataSources(): FormDataSources {
  const { api, user } = useAuth();
  const roles = user?.roles ?? [];
  return useMemo(() => appDataSources(api, roles), [api, roles.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
}
