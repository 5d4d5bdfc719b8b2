import type { ApiClient } from '../api/api-client';
import type { Group, Page, UserSummary } from '../api/api-types';

export interface CreateUserInput {
  email: string;
  name: string;
  roles: string[];
  password?: string;
  expiresAt?: string | null;
}

export interface UpdateUserInput {
  name?: string;
  roles?: string[];
  active?: boolean;
  expiresAt?: string | null;
}

/** Typed calls for the admin pages (users and groups). */
export function adminApi(api: ApiClient) {
  return {
    listUsers(params: { search?: string; limit?: number; cursor?: string | null }, signal?: AbortSignal) {
      return api.get<Page<UserSummary>>('/users', { query: params, signal });
    },
    /** Every user, following nextCursor (capped, for pickers such as group membership). */
    async listAllUsers(signal?: AbortSignal, maxPages = 20): Promise<UserSummary[]> {
      const all: UserSummary[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < maxPages; page++) {
        const result: Page<UserSummary> = await api.get<Page<UserSummary>>('/users', {
          query: { limit: 100, cursor },
          signal,
        });
        all.push(...result.items);
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      return all;
    },
    createUser(input: CreateUserInput) {
      return api.post<{ user: UserSummary; temporaryPassword?: string }>('/users', input);
    },
    updateUser(id: string, input: UpdateUserInput) {
      return api.patch<UserSummary>(`/users/${encodeURIComponent(id)}`, input);
    },
    listGroups(signal?: AbortSignal) {
      return api.get<{ items: Group[] }>('/groups', { signal });
    },
    createGroup(input: { name: string; description?: string }) {
      return api.post<Group>('/groups', input);
    },
    setGroupMembers(id: string, userIds: string[]) {
      return api.put<Group>(`/groups/${encodeURIComponent(id)}/members`, { userIds });
    },
  };
}

export type AdminApi = ReturnType<typeof adminApi>;

/** A date input's `YYYY-MM-DD` as the end of that day in UTC, or null when empty. */
export function dateInputToIso(value: string | undefined | null): string | null {
  if (!value) return null;
  return `${value}T23:59:59.000Z`;
}

/** An ISO timestamp as a date input's `YYYY-MM-DD` (UTC), or '' when absent. */
export function isoToDateInput(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '';
}
