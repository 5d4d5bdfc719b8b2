import { useMemo } from 'react';
import { useQuery } from '../api/useQuery';
import { LoadError } from '../app/LoadError';
import { PageLoading } from '../app/Loading';
import { PageHeader } from '../app/PageHeader';
import { useAuth } from '../auth/AuthProvider';
import { formatDateTime } from '../inbox/due';
import { Link } from '../routing/Link';
import { workflowsAdminApi } from './workflows-admin-api';

/** Admin → Workflows: the organisation's workflow definitions, each opening its step settings. */
export function WorkflowsListPage() {
  const { api } = useAuth();
  const workflows = useMemo(() => workflowsAdminApi(api), [api]);
  const list = useQuery((signal) => workflows.list(signal), 'workflow-definitions');
  const items = list.data?.items ?? [];
  return (
    <section className="page">
      <PageHeader
        title="Workflows"
        description="Choose who does each step, by when, and who approves. Each change publishes a new version; running processes keep theirs."
      />
      {list.error ? (
        <LoadError what="workflows" error={list.error} onRetry={list.reload} />
      ) : list.loading && items.length === 0 ? (
        <PageLoading label="Loading workflows…" />
      ) : items.length === 0 ? (
        <div className="empty-state">
          <p>No workflows are deployed yet.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-busy={list.loading}>
            <caption className="visually-hidden">Workflows</caption>
            <thead>
              <tr>
                <th scope="col">Workflow</th>
                <th scope="col">Latest version</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {items.map((workflow) => (
                <tr key={workflow.key}>
                  <td>
                    <Link to={`/admin/workflows/${encodeURIComponent(workflow.key)}`} className="cell-title">
                      {workflow.name}
                    </Link>
                    <div className="muted small">
                      <code>{workflow.key}</code>
                    </div>
                  </td>
                  <td>Version {workflow.latestVersion}</td>
                  <td className="small">{formatDateTime(workflow.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
