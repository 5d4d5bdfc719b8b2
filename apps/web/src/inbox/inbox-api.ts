import type { ApiClient } from '../api/api-client';
import { itemsOf, type AppNotification, type InboxPage, type SavedInboxView } from '../api/api-types';

/** Typed calls for the inbox, saved views and notifications. */
export function inboxApi(api: ApiClient) {
  return {
    list(query: Record<string, string | number | boolean | undefined>, signal?: AbortSignal) {
      return api.get<InboxPage>('/inbox', { query, signal });
    },
    async views(signal?: AbortSignal): Promise<SavedInboxView[]> {
      return itemsOf(
        await api.get<SavedInboxView[] | { items: SavedInboxView[] }>('/inbox/views', { signal }),
      );
    },
    saveView(name: string, query: Record<string, unknown>) {
      return api.post<SavedInboxView>('/inbox/views', { name, query });
    },
    deleteView(id: string) {
      return api.delete<void>(`/inbox/views/${encodeURIComponent(id)}`);
    },
    notifications(signal?: AbortSignal) {
      return api.get<{ items: AppNotification[]; unread: number }>('/notifications', { signal });
    },
    markRead(id: string) {
      return api.post<void>(`/notifications/${encodeURIComponent(id)}/read`);
    },
    markAllRead() {
      return api.post<void>('/notifications/read-all');
    },
  };
}

export type InboxApi = ReturnType<typeof inboxApi>;
