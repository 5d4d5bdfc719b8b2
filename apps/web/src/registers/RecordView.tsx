import { ApiError } from '../api/api-client';
import { useQuery } from '../api/useQuery';
import { PageLoading } from '../app/Loading';
import { PageHeader } from '../app/PageHeader';
import { useAuth } from '../auth/AuthProvider';
import { Link } from '../routing/Link';
import { fieldText, type RecordDetail } from './declared';
import { formatDate, formatDateTime } from '../inbox/due';

/** One record of a declared register: its fields, every version with who changed it and when, and what wrote it. */
export function RecordView({ registerKey, id }: { registerKey: string; id: string }) {
  const { api } = useAuth();
  const query = useQuery(
    (signal) => api.get<RecordDetail>(`/registers/${registerKey}/${id}`, { signal }),
    `${registerKey}/${id}`,
  );
  if (query.error !== undefined)
    return (
      <section className="page">
        <p className="alert alert--error" role="alert">
          {query.error instanceof ApiError ? query.error.message : 'The record could not be loaded.'}
        </p>
      </section>
    );
  if (!query.data) return <PageLoading />;
  const { register, record, versions, sources, evidence = [], audit = [] } = query.data;
  const fields = Object.keys(register.fields).filter((f) => f !== 'details');
  const kindOf = (field: string) => register.columns.find((c) => c.field === field)?.kind;
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/registers">Registers</Link> /{' '}
        <Link to={`/registers/${registerKey}`}>{register.title}</Link> /
      </p>
      <PageHeader
        title={fieldText(register, record, register.columns[0].field, register.columns[0].kind)}
        description={`Version ${record.version}, last changed ${formatDateTime(record.updatedAt)}`}
      />
      <dl className="record-fields">
        {fields.map((field) => (
          <div key={field}>
            <dt>{register.columns.find((c) => c.field === field)?.title ?? humanise(field)}</dt>
            <dd>{fieldText(register, record, field, kindOf(field))}</dd>
          </div>
        ))}
      </dl>
      <h2>Where it comes from</h2>
      <ul>
        {sources.tasks.map((task) => (
          <li key={task.id}>
            <Link to={`/tasks/${task.id}`}>{task.title}</Link> ({task.status}
            {task.completedAt ? `, ${formatDate(task.completedAt)}` : ''})
          </li>
        ))}
        {sources.instances.map((instance) => (
          <li key={instance.id}>
            <Link to={`/processes/${instance.id}`}>Process {instance.definitionKey}</Link> ({instance.status})
          </li>
        ))}
        {sources.tasks.length + sources.instances.length === 0 && (
          <li className="muted">Recorded before sources were kept.</li>
        )}
      </ul>
      <h2>Evidence</h2>
      {evidence.length ? (
        <ul>
          {evidence.map((file) => (
            <li key={file.sha256}>
              <a href={file.href} download>
                {file.name}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No evidence cited.</p>
      )}
      <h2>Versions</h2>
      <table className="table">
        <caption className="visually-hidden">Versions of this record</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">When</th>
            <th scope="col">By</th>
            <th scope="col">What it said</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <td>{v.version === record.version ? `${v.version} (current)` : v.version}</td>
              <td>{formatDateTime(v.changedAt)}</td>
              <td>{v.changedBy?.name ?? '—'}</td>
              <td>
                {register.columns
                  .map((c) => `${c.title}: ${fieldText(register, v.data, c.field, c.kind)}`)
                  .join(' · ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Audit trail</h2>
      {audit.length ? (
        <ol className="record-audit">
          {audit.map((a) => (
            <li key={a.seq}>
              {formatDateTime(a.createdAt)} · {a.kind} · {a.actor?.name ?? 'the system'}{' '}
              <code title="hash of this record in the chain">{a.hash.slice(0, 12)}…</code>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No audit records found for the steps that wrote it.</p>
      )}
    </section>
  );
}

function humanise(field: string): string {
  const words = field
    .replace(/Id$/, '')
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
