import type { ApiClient } from '../api/api-client';
import type { WorkflowDefinitionSummary, WorkflowSettings, WorkflowSettingsView } from '../api/api-types';

/** Typed calls for Admin → Workflows. */
export function workflowsAdminApi(api: ApiClient) {
  const base = (key: string) => `/workflow-definitions/${encodeURIComponent(key)}`;
  return {
    list(signal?: AbortSignal) {
      return api.get<{ items: WorkflowDefinitionSummary[] }>('/workflow-definitions', { signal });
    },
    getSettings(key: string, signal?: AbortSignal) {
      return api.get<WorkflowSettingsView>(`${base(key)}/settings`, { signal });
    },
    /** Publishes the latest machine with these settings as a new version (unchanged: `created: false`). */
    saveSettings(key: string, settings: WorkflowSettings) {
      return api.put<{ key: string; version: number; created: boolean }>(`${base(key)}/settings`, {
        settings,
      });
    },
  };
}

export type WorkflowsAdminApi = ReturnType<typeof workflowsAdminApi>;
