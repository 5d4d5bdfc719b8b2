import { useEffect, useMemo, useRef, useState } from 'react';
import { LazyProcessDiagram } from '@aimsflow/process-diagram';
import { ApiError, errorMessage } from '../api/api-client';
import { roleLabel, type ProcessInstanceDetail } from '../api/api-types';
import { useQuery } from '../api/useQuery';
import { PageLoading } from '../app/Loading';
import { PageHeader } from '../app/PageHeader';
import type { PageProps } from '../app/routes';
import { useAuth, useCurrentUser } from '../auth/AuthProvider';
import { dueInfo, formatDateTime } from '../inbox/due';
import { subscribeInboxEvents } from '../inbox/inbox-events';
import { Link } from '../routing/Link';
import { ApprovalView } from '../tasks/ApprovalChain';
import { taskApi } from '../tasks/task-api';
import { HistorySection } from '../tasks/TaskSections';
import { processApi, stateText } from './process-api';
import { InstanceActions } from './InstanceActions';
import { StatusBadge } from './ProcessesPage';
import { InputPackSection } from '../management-review/InputPackSection';

const MANAGERS = ['admin', 'aims-manager'];

/** One process instance: where it stands on its diagram, its open tasks, children, context, approvals and history. */
export default function InstancePage({ params }: PageProps) {
  const id = params.id;
  const { api } = useAuth();
  const me = useCurrentUser();
  const processes = useMemo(() => processApi(api), [api]);
  const tasks = useMemo(() => taskApi(api), [api]);
  const query = useQuery((signal) => processes.get(id, signal), id);
  const instance = query.data;
  const { reload } = query;
  useEffect(() => subscribeInboxEvents((event) => event.type === 'task' && reload()), [reload]);

  const definition = useQuery(
    (signal) =>
      instance
        ? processes.definitionVersion(instance.definitionKey, instance.definitionVersion, signal)
        : Promise.resolve(null),
    instance ? `${instance.definitionKey}@${instance.definitionVersion}` : '',
  );
  const approvals = useQuery((signal) => tasks.approvals(id, signal), `approvals:${id}`);
  const [selectedState, setSelectedState] = useState<string | null>(null);

  if (query.error && !instance) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <section className="page">
        <PageHeader title={notFound ? 'Process not found' : 'Process'} />
        <div
          className={notFound ? 'empty-state' : 'alert alert--error'}
          role={notFound ? undefined : 'alert'}
        >
          <p>
            {notFound
              ? 'There is no process instance with this id.'
              : `Could not load the process: ${errorMessage(query.error)}`}
          </p>
          <Link className="button" to="/processes">
            All processes
          </Link>
        </div>
      </section>
    );
  }
  if (!instance) return <PageLoading label="Loading the process…" />;

  const canCancel = instance.status === 'active' && me.roles.some((role) => MANAGERS.includes(role));
  const name = definition.data?.name ?? instance.definitionKey;
  return (
    <section className="page instance-page">
      <PageHeader
        title={instance.businessKey ? `${name} · ${instance.businessKey}` : name}
        description={
          <Link to="/processes" className="small">
            ← All processes
          </Link>
        }
        actions={
          canCancel && (
            <CancelInstance
              instance={instance}
              onCancelled={reload}
              cancel={(reason) => processes.cancel(instance.id, reason)}
            />
          )
        }
      />
      <dl className="facts" aria-label="About this process">
        <div>
          <dt>Definition</dt>
          <dd>
            <code>{instance.definitionKey}</code> version {instance.definitionVersion}
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={instance.status} outcome={instance.outcome} />
          </dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>
            <code data-testid="instance-state">{stateText(instance.state)}</code>
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatDateTime(instance.createdAt)}</dd>
        </div>
        {instance.endedAt && (
          <div>
            <dt>Ended</dt>
            <dd>{formatDateTime(instance.endedAt)}</dd>
          </div>
        )}
        {instance.parentId && (
          <div>
            <dt>Parent</dt>
            <dd>
              <Link to={`/processes/${encodeURIComponent(instance.parentId)}`}>Parent process</Link>
            </dd>
          </div>
        )}
      </dl>

      <InstanceActions
        actions={instance.actions ?? []}
        send={(event) => processes.send(instance.id, event)}
        onSent={reload}
      />

      <section className="panel" aria-labelledby="diagram-title">
        <h2 id="diagram-title">Diagram</h2>
        <p className="muted small">
          The highlighted states are where the process is now. Select a state to see its id.
        </p>
        {definition.error ? (
          <p className="muted">The diagram is not available: {errorMessage(definition.error)}</p>
        ) : definition.data ? (
          <LazyProcessDiagram
            graph={definition.data.graph}
            stateValue={instance.state}
            onSelectState={setSelectedState}
            height={420}
          />
        ) : (
          <p role="status">Loading the definition…</p>
        )}
        {selectedState && (
          <p className="small" role="status">
            Selected state: <code>{selectedState}</code>
          </p>
        )}
      </section>

      <div className="instance-grid">
        <section className="panel" aria-labelledby="open-tasks-title">
          <h2 id="open-tasks-title">Open tasks ({instance.openTasks.length})</h2>
          {instance.openTasks.length === 0 ? (
            <p className="muted small">No task is waiting for anyone in this process.</p>
          ) : (
            <ul className="link-list">
              {instance.openTasks.map((task) => {
                const due = dueInfo(task.dueAt);
                return (
                  <li key={task.id}>
                    <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{task.title}</Link>
                    <span className="muted small">
                      {' '}
                      ·{' '}
                      {task.assigneeId
                        ? task.assigneeId === me.id
                          ? 'you'
                          : (task.assigneeName ?? 'claimed')
                        : task.candidateRole
                          ? roleLabel(task.candidateRole)
                          : 'a group'}
                    </span>
                    {due.tone !== 'none' && (
                      <span className={`badge badge--due-${due.tone}`}>{due.text}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="children-title">
          <h2 id="children-title">Sub-processes ({instance.children.length})</h2>
          {instance.children.length === 0 ? (
            <p className="muted small">This process has not started any sub-process.</p>
          ) : (
            <ul className="link-list">
              {instance.children.map((child) => (
                <li key={child.id}>
                  <Link to={`/processes/${encodeURIComponent(child.id)}`}>{child.definitionKey}</Link>{' '}
                  <StatusBadge status={child.status} outcome={child.outcome} />{' '}
                  <code className="small">{stateText(child.state)}</code>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {(approvals.data ?? []).map((approval) => (
        <ApprovalView key={approval.id} approval={approval} />
      ))}

      <details className="panel">
        <summary>
          <h2 className="history__title">Context</h2>
        </summary>
        <pre className="json-view">{JSON.stringify(instance.context, null, 2)}</pre>
        {instance.output !== null && instance.output !== undefined && (
          <>
            <h3>Output</h3>
            <pre className="json-view">{JSON.stringify(instance.output, null, 2)}</pre>
          </>
        )}
      </details>

      {instance.definitionKey === 'management-review' && (
        <InputPackSection api={api} reviewId={instance.id} />
      )}
      <HistorySection key={`${instance.updatedAt}`} tasks={tasks} instanceId={instance.id} defaultOpen />
    </section>
  );
}

function CancelInstance({
  instance,
  cancel,
  onCancelled,
}: {
  instance: ProcessInstanceDetail;
  cancel(reason: string): Promise<unknown>;
  onCancelled(): void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const confirmRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
        Cancel process
      </button>
    );
  }
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-label="Confirm cancelling the process"
      aria-describedby="cancel-explainer"
    >
      <p id="cancel-explainer" className="small">
        Cancel {instance.definitionKey}? Its {instance.openTasks.length} open task
        {instance.openTasks.length === 1 ? '' : 's'}, timers and sub-processes stop. This cannot be undone.
      </p>
      <label className="field">
        <span className="field__label">Reason (kept in the audit trail)</span>
        <input ref={confirmRef} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      </label>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <button
        type="button"
        className="button button--danger"
        disabled={busy || !reason.trim()}
        onClick={async () => {
          setBusy(true);
          setError('');
          try {
            await cancel(reason.trim());
            setConfirming(false);
            onCancelled();
          } catch (cause) {
            setError(errorMessage(cause));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Cancelling…' : 'Yes, cancel it'}
      </button>
      <button type="button" className="button" onClick={() => setConfirming(false)}>
        Keep it running
      </button>
    </div>
  );
}
