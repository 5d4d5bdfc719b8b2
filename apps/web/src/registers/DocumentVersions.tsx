import { ApiError } from '../api/api-client';
import { useQuery } from '../api/useQuery';
import { PageLoading } from '../app/Loading';
import { PageHeader } from '../app/PageHeader';
import { useAuth } from '../auth/AuthProvider';
import { Link } from '../routing/Link';
import type { DocumentRow, DocumentVersion } from './registers';
import { formatDateTime } from '../inbox/due';

const STANDING: Record<DocumentVersion['standing'], string> = {
  'in-force': 'In force',
  superseded: 'Superseded',
  'in-approval': 'In approval',
  draft: 'Not approved',
};

/** One controlled document: which version is in force, and every kept version with what it said (7.5.3). */
export function DocumentVersions({ id }: { id: string }) {
  const { api } = useAuth();
  const query = useQuery(
    (signal) =>
      api.get<{ document: DocumentRow; versions: DocumentVersion[] }>(`/registers/documents/${id}`, {
        signal,
      }),
    `documents/${id}`,
  );
  if (query.error !== undefined)
    return (
      <section className="page">
        <p className="alert alert--error" role="alert">
          {query.error instanceof ApiError ? query.error.message : 'The document could not be loaded.'}
        </p>
      </section>
    );
  if (!query.data) return <PageLoading />;
  const { document, versions } = query.data;
  const pending = document.inForce && document.version !== document.inForce.version;
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/registers">Registers</Link> / <Link to="/registers/documents">Documented information</Link>{' '}
        /
      </p>
      <PageHeader
        title={document.title}
        description={
          document.inForce
            ? `Version ${document.inForce.version} is in force${pending ? `; version ${document.version} is ${document.approvalState.replace('-', ' ')}` : ''}.`
            : `No version approved yet; version ${document.version} is ${document.approvalState.replace('-', ' ')}.`
        }
      />
      <table className="table">
        <caption className="visually-hidden">Versions of {document.title}</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Standing</th>
            <th scope="col">Recorded</th>
            <th scope="col">Approved</th>
            <th scope="col">Owner</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <td>{v.version}</td>
              <td>
                <span className={`badge ${v.standing === 'in-force' ? 'badge--ok' : ''}`}>
                  {STANDING[v.standing]}
                </span>
              </td>
              <td>{formatDateTime(v.recordedAt)}</td>
              <td>{formatDateTime(v.approvedAt)}</td>
              <td>{v.owner?.name ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {versions.map((v) => (
        <details key={v.version} className="card" open={v.standing === 'in-force'}>
          <summary>
            What version {v.version} says ({STANDING[v.standing].toLowerCase()})
          </summary>
          <Content value={v.content} />
        </details>
      ))}
    </section>
  );
}

/** A version's content as the form answers it holds: each field and its text. */
function Content({ value }: { value: unknown }) {
  if (!value || typeof value !== 'object') return <p className="muted">No content kept.</p>;
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i + 1), v] as const)
    : Object.entries(value);
  return (
    <dl className="record-fields">
      {entries.map(([field, v]) => (
        <div key={field}>
          <dt>{field}</dt>
          <dd className="subject__value">{typeof v === 'string' ? v : JSON.stringify(v, null, 1)}</dd>
        </div>
      ))}
    </dl>
  );
}
