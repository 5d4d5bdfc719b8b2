import { useEffect, useState } from 'react';
import { ApiError } from '../api/api-client';
import { useQuery } from '../api/useQuery';
import { PageLoading } from '../app/Loading';
import { PageHeader } from '../app/PageHeader';
import { useAuth } from '../auth/AuthProvider';
import { Link } from '../routing/Link';
import { fieldText, type RecordItem, type RecordPage } from './declared';
import { HeatMap } from './HeatMap';

/**
 * Any declared register, rendered from its declaration: its columns, a status filter from its
 * vocabulary, a server-side search, "load more" over keyset pages, CSV, and each row linking to
 * the record with its versions. Adding a register to the product needs no change here.
 */
export function DeclaredRegisterTable({ registerKey }: { registerKey: string }) {
  const { api } = useAuth();
  const [search, setSearch] = useState('');
  const [submitted, setSubmitted] = useState('');
  const [status, setStatus] = useState('');
  // The status field is filtered on the server when declared as a filter (every page), else on the loaded rows.
  const [serverStatusField, setServerStatusField] = useState<string | null>(null);
  const params = new URLSearchParams();
  if (submitted) params.set('q', submitted);
  if (status && serverStatusField) params.set(serverStatusField, status);
  const page = useQuery(
    (signal) => api.get<RecordPage>(`/registers/${registerKey}?${params}`, { signal }),
    `${registerKey}?${params}`,
  );
  const [extra, setExtra] = useState<RecordItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => {
    setExtra([]);
    setCursor(page.data?.nextCursor ?? null);
  }, [page.data]);

  // Debounced: the search runs on the server, over every record, not only the loaded page.
  useEffect(() => {
    const timer = setTimeout(() => setSubmitted(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);

  const register = page.data?.register;
  const statusField = register?.status?.field;
  useEffect(() => {
    if (statusField && register?.filters?.includes(statusField)) setServerStatusField(statusField);
  }, [statusField, register]);
  const items = [...(page.data?.items ?? []), ...extra].filter(
    (item) => !status || !statusField || serverStatusField || item[statusField] === status,
  );
  const [byStatus, setByStatus] = useState<RecordPage['byStatus']>();
  useEffect(() => {
    // Keep the whole register's chart while a status narrows the list.
    if (page.data?.byStatus && !status) setByStatus(page.data.byStatus);
  }, [page.data, status]);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const next = new URLSearchParams(params);
      next.set('cursor', cursor);
      const more = await api.get<RecordPage>(`/registers/${registerKey}?${next}`);
      setExtra((previous) => [...previous, ...more.items]);
      setCursor(more.nextCursor);
    } finally {
      setLoadingMore(false);
    }
  };

  if (page.error !== undefined && !page.data)
    return (
      <section className="page">
        <p className="alert alert--error" role="alert">
          {page.error instanceof ApiError ? page.error.message : 'The register could not be loaded.'}
        </p>
      </section>
    );
  if (!register) return <PageLoading />;
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/registers">Registers</Link> /
      </p>
      <PageHeader
        title={register.title}
        description={[register.description, register.clause && `ISO/IEC 42001 ${register.clause}`]
          .filter(Boolean)
          .join(' · ')}
        actions={
          <>
            <a className="button" href={`/api/registers/${registerKey}.csv`} download>
              Download CSV
            </a>
            <a className="button" href={`/api/registers/${registerKey}.pdf`} download>
              Download PDF
            </a>
          </>
        }
      />
      {page.data?.heatmap && <HeatMap counts={page.data.heatmap} />}
      {byStatus && (
        <StatusChart title={register.title} counts={byStatus} selected={status} onSelect={setStatus} />
      )}
      <div className="toolbar">
        <label className="field field--inline">
          <span className="field__label">Search</span>
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={`Search ${register.title}`}
          />
        </label>
        {register.status && (
          <label className="field field--inline">
            <span className="field__label">Status</span>
            <select value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">All</option>
              {register.status.values.map((v) => (
                <option key={v.value} value={v.value}>
                  {v.title}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="table-wrap">
        <table className="table register-table">
          <caption className="visually-hidden">{register.title}</caption>
          <thead>
            <tr>
              {register.columns.map((c) => (
                <th key={c.field} scope="col">
                  {c.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                {register.columns.map((c, i) => (
                  <td key={c.field}>
                    {i === 0 ? (
                      <Link to={`/registers/${registerKey}/${item.id}`}>
                        {fieldText(register, item, c.field, c.kind)}
                      </Link>
                    ) : (
                      fieldText(register, item, c.field, c.kind)
                    )}
                  </td>
                ))}
              </tr>
            ))}
            {items.length === 0 && (
              <tr>
                <td colSpan={register.columns.length} className="muted">
                  {submitted || status
                    ? 'No record matches.'
                    : 'Nothing recorded yet: records appear as the processes that feed this register are completed.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        {items.length} record{items.length === 1 ? '' : 's'} shown
        {cursor && (
          <>
            {' · '}
            <button type="button" className="button button--link" onClick={loadMore} disabled={loadingMore}>
              {loadingMore ? 'Loading…' : 'Load more'}
            </button>
          </>
        )}
      </p>
    </section>
  );
}

/** Counts by status as bars; each is a button that narrows the list to that status (pressed again: all). */
function StatusChart({
  title,
  counts,
  selected,
  onSelect,
}: {
  title: string;
  counts: NonNullable<RecordPage['byStatus']>;
  selected: string;
  onSelect: (status: string) => void;
}) {
  const most = Math.max(1, ...counts.map((c) => c.count));
  return (
    <figure className="status-chart">
      <figcaption>{title} by status</figcaption>
      <ul>
        {counts.map((c) => (
          <li key={c.value}>
            <button
              type="button"
              className="status-chart__bar"
              aria-pressed={selected === c.value}
              onClick={() => onSelect(selected === c.value ? '' : c.value)}
            >
              <span className="status-chart__label">{c.title}</span>
              <span className="status-chart__track" aria-hidden="true">
                <span className="status-chart__fill" style={{ width: `${(c.count / most) * 100}%` }} />
              </span>
              <span className="status-chart__count">{c.count}</span>
            </button>
          </li>
        ))}
      </ul>
    </figure>
  );
}
