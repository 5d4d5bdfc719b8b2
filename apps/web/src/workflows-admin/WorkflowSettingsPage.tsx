import { useMemo, useState } from 'react';
import { ApiError } from '../api/api-client';
import type { Group } from '../api/api-types';
import { useQuery } from '../api/useQuery';
import { LoadError } from '../app/LoadError';
import { PageLoading } from '../app/Loading';
import { PageHeader } from '../app/PageHeader';
import type { PageProps } from '../app/routes';
import { useAuth } from '../auth/AuthProvider';
import { Link } from '../routing/Link';
import { WorkflowSettingsForm } from './WorkflowSettingsForm';
import { workflowsAdminApi } from './workflows-admin-api';

/** Admin → Workflows → one workflow: who does each step, by when, and who approves. */
export default function WorkflowSettingsPage({ params }: PageProps) {
  const key = params.key;
  const { api } = useAuth();
  const workflows = useMemo(() => workflowsAdminApi(api), [api]);
  const settings = useQuery((signal) => workflows.getSettings(key, signal), `workflow-settings:${key}`);
  const groups = useQuery(
    (signal) => api.get<{ items: Group[] }>('/groups', { signal }).then((r) => r.items),
    'groups',
  );
  const [saved, setSaved] = useState('');

  const breadcrumb = (
    <p className="breadcrumb">
      <Link to="/admin/workflows">Workflows</Link> › {key}
    </p>
  );
  if (settings.error && !settings.data) {
    const notFound = settings.error instanceof ApiError && settings.error.status === 404;
    return (
      <section className="page">
        {breadcrumb}
        {notFound ? (
          <div className="empty-state">
            <p>There is no workflow with the key {key}.</p>
          </div>
        ) : (
          <LoadError what="the workflow settings" error={settings.error} onRetry={settings.reload} />
        )}
      </section>
    );
  }
  if (!settings.data) return <PageLoading label="Loading the workflow settings…" />;
  const view = settings.data;
  return (
    <section className="page">
      {breadcrumb}
      <PageHeader
        title={view.name}
        description={
          <>
            Version {view.version}. Saving publishes a new version: running processes keep theirs, new ones
            start on it.
          </>
        }
      />
      {groups.error ? <LoadError what="the groups" error={groups.error} onRetry={groups.reload} /> : null}
      <p className="inline-status" role="status" aria-live="polite">
        {saved}
      </p>
      {view.steps.length === 0 ? (
        <div className="empty-state">
          <p>This workflow has no tasks or approvals to configure.</p>
        </div>
      ) : (
        <WorkflowSettingsForm
          // A new version brings new starting values: start the form afresh.
          key={view.version}
          view={view}
          groups={groups.data ?? []}
          onSave={(settingsToSave) => workflows.saveSettings(key, settingsToSave)}
          onSaved={(result) => {
            setSaved(
              result.created
                ? `Saved as version ${result.version}.`
                : `Nothing changed: still version ${result.version}.`,
            );
            settings.reload();
          }}
        />
      )}
    </section>
  );
}
