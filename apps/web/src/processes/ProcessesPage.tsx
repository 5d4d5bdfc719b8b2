import { LoadMore } from '../app/LoadMore';
import { LoadError } from '../app/LoadError';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-client';
import type { ProcessInstanceSummary } from '../api/api-types';
import { useQuery } from '../api/useQuery';
import { PageLoading } from '../app/Loading';
import { PageHeader } from '../app/PageHeader';
import { useAuth, useCurrentUser } from '../auth/AuthProvider';
import { formatDateTime } from '../inbox/due';
import { Link } from '../routing/Link';
import { navigate } from '../routing/router';
import { processApi, stateText, STATUS_LABELS, type ProcessApi } from './process-api';

const PAGE_SIZE = 25;
const STARTERS = ['admin', 'aims-manager'];

/** Running and finished process instances, filtered by definition and status; managers start new ones here. */
export default function ProcessesPage() {
  const { api } = useAuth();
  const me = useCurrentUser();
  const processes = useMemo(() => processApi(api), [api]);
  const definitions = useQuery((signal) => processes.definitions(signal), 'definitions');
  const [definitionKey, setDefinitionKey] = useState(
    () => new URLSearchParams(window.location.search).get('definitionKey') ?? '',
  );
  const [status, setStatus] = useState('active');
  const [starting, setStarting] = useState(false);
  const canStart = me.roles.some((role) => STARTERS.includes(role));
  const { items, nextCursor, loading, loadingMore, error, loadMore, reload } = useInstancePages(
    processes,
    definitionKey,
    status,
  );
  const names = new Map((definitions.data ?? []).map((d) => [d.key, d.name]));

  return (
    <section className="page">
      <PageHeader
        title="Processes"
        description="Every workflow instance of the programme: where it stands, who holds its tasks, its history."
        actions={
          canStart && (
            <button
              type="button"
              className="button button--primary"
              aria-expanded={starting}
              onClick={() => setStarting((v) => !v)}
            >
              Start a process
            </button>
          )
        }
      />
      {starting && canStart && (
        <StartProcessForm
          processes={processes}
          definitions={definitions.data ?? []}
          onCancel={() => setStarting(false)}
        />
      )}
      <div className="toolbar" role="search">
        <label className="field field--inline">
          <span className="field__label">Process</span>
          <select value={definitionKey} onChange={(event) => setDefinitionKey(event.target.value)}>
            <option value="">All processes</option>
            {(definitions.data ?? []).map((d) => (
              <option key={d.key} value={d.key}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span className="field__label">Status</span>
          <select value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">Any status</option>
            <option value="active">Running</option>
            <option value="completed">Completed</option>
            <option value="cancelled">Cancelled</option>
            <option value="failed">Failed</option>
          </select>
        </label>
      </div>
      {error ? <LoadError what="processes" error={error} onRetry={reload} /> : null}
      {loading && items.length === 0 ? (
        <PageLoading label="Loading processes…" />
      ) : items.length === 0 && !error ? (
        <div className="empty-state">
          <h2>No processes here</h2>
          <p>
            {status === 'active'
              ? 'No process is running with these filters. Started processes — the programme roadmap, gap analyses, risk assessments, approvals — are listed here while they run.'
              : 'No process matches these filters.'}
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-busy={loading}>
            <caption className="visually-hidden">Process instances</caption>
            <thead>
              <tr>
                <th scope="col">Process</th>
                <th scope="col">Business key</th>
                <th scope="col">State</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {items.map((instance) => (
                <tr key={instance.id}>
                  <td>
                    <Link to={`/processes/${encodeURIComponent(instance.id)}`} className="cell-title">
                      {names.get(instance.definitionKey) ?? instance.definitionKey}
                    </Link>
                    <div className="muted small">
                      {instance.definitionKey} v{instance.definitionVersion}
                      {instance.parentId ? ' · sub-process' : ''}
                    </div>
                  </td>
                  <td>{instance.businessKey ?? <span className="muted">—</span>}</td>
                  <td>
                    <code className="small">{stateText(instance.state)}</code>
                  </td>
                  <td>
                    <StatusBadge status={instance.status} outcome={instance.outcome} />
                  </td>
                  <td className="small">{formatDateTime(instance.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore nextCursor={nextCursor} loading={loadingMore} onLoadMore={loadMore} />
    </section>
  );
}

/** A status as a badge with its word (never colour alone), and the outcome when finished. */
export function StatusBadge({ status, outcome }: { status: string; outcome?: string | null }) {
  const tone =
    status === 'active'
      ? ''
      : status === 'completed'
        ? 'badge--ok'
        : status === 'failed'
          ? 'badge--due-overdue'
          : 'badge--muted';
  return (
    <span className={`badge ${tone}`}>
      {STATUS_LABELS[status] ?? status}
      {outcome ? ` · ${outcome}` : ''}
    </span>
  );
}

function StartProcessForm({
  processes,
  definitions,
  onCancel,
}: {
  processes: ProcessApi;
  definitions: { key: string; name: string; latestVersion: number }[];
  onCancel(): void;
}) {
  const [definitionKey, setDefinitionKey] = useState('');
  const [businessKey, setBusinessKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const selectRef = useRef<HTMLSelectElement>(null);
  useEffect(() => selectRef.current?.focus(), []);

  async function start(event: FormEvent) {
    event.preventDefault();
    if (!definitionKey) {
      setError('Choose the process to start.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const instance = await processes.start({ definitionKey, businessKey: businessKey.trim() || undefined });
      navigate(`/processes/${encodeURIComponent(instance.id)}`);
    } catch (cause) {
      setError(errorMessage(cause));
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-label="Start a process">
      <form onSubmit={start} className="form-grid">
        <label className="field">
          <span className="field__label">Process</span>
          <select
            ref={selectRef}
            value={definitionKey}
            onChange={(event) => setDefinitionKey(event.target.value)}
            required
          >
            <option value="">Choose…</option>
            {definitions.map((d) => (
              <option key={d.key} value={d.key}>
                {d.name} (v{d.latestVersion})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Business key (optional)</span>
          <input
            type="text"
            value={businessKey}
            maxLength={200}
            placeholder="e.g. RISK-2026-014"
            onChange={(event) => setBusinessKey(event.target.value)}
          />
          <span className="field__hint">A reference people search by; it does not need to be unique.</span>
        </label>
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Starting…' : 'Start'}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

function useInstancePages(processes: ProcessApi, definitionKey: string, status: string) {
  const [items, setItems] = useState<ProcessInstanceSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const requestId = useRef(0);

  useEffect(() => {
    const id = ++requestId.current;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    processes
      .list(
        { definitionKey: definitionKey || undefined, status: status || undefined, limit: PAGE_SIZE },
        controller.signal,
      )
      .then(
        (page) => {
          if (id !== requestId.current) return;
          setItems(page.items);
          setNextCursor(page.nextCursor);
          setLoading(false);
        },
        (cause: unknown) => {
          if (id !== requestId.current || controller.signal.aborted) return;
          setError(cause);
          setLoading(false);
        },
      );
    return () => controller.abort();
  }, [processes, definitionKey, status, generation]);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    const id = requestId.current;
    setLoadingMore(true);
    try {
      const page = await processes.list({
        definitionKey: definitionKey || undefined,
        status: status || undefined,
        limit: PAGE_SIZE,
        cursor: nextCursor,
      });
      if (id !== requestId.current) return;
      setItems((previous) => [
        ...previous,
        ...page.items.filter((item) => !previous.some((p) => p.id === item.id)),
      ]);
      setNextCursor(page.nextCursor);
    } catch (cause) {
      if (id === requestId.current) setError(cause);
    } finally {
      setLoadingMore(false);
    }
  }, [processes, definitionKey, status, nextCursor]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { items, nextCursor, loading, loadingMore, error, loadMore, reload };
}
