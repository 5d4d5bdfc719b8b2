import { useEffect, useMemo, useState } from 'react';
import { schemaToModel } from '@aimsflow/form-schema';
import { errorMessage } from '../api/api-client';
import { useQuery } from '../api/useQuery';
import { formatDateTime } from '../inbox/due';
import { Link } from '../routing/Link';
import { diffFormModels, type FormDiff } from './form-diff';
import type { FormsApi } from './forms-api';

const CHANGE_LABELS = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const;

/** Published versions (newest first), each exportable, and a field-level comparison of any two. */
export function VersionsPanel({ forms, formKey }: { forms: FormsApi; formKey: string }) {
  const versions = useQuery((signal) => forms.versions(formKey, signal), `versions:${formKey}`);
  const list = useMemo(() => versions.data ?? [], [versions.data]);
  const [from, setFrom] = useState<number | ''>('');
  const [to, setTo] = useState<number | ''>('');
  useEffect(() => {
    if (list.length >= 2 && from === '' && to === '') {
      const sorted = [...list].sort((a, b) => b.version - a.version);
      setTo(sorted[0].version);
      setFrom(sorted[1].version);
    }
  }, [list, from, to]);

  return (
    <section className="panel versions-panel" aria-labelledby="versions-title">
      <h2 id="versions-title">Published versions</h2>
      {versions.error ? (
        <p className="muted">Could not load versions: {errorMessage(versions.error)}</p>
      ) : list.length === 0 ? (
        <p className="muted small">
          {versions.loading
            ? 'Loading…'
            : 'Not published yet. Publish from the designer to create version 1.'}
        </p>
      ) : (
        <>
          <ol className="versions-list">
            {list.map((v) => (
              <li key={v.version}>
                <strong>Version {v.version}</strong>{' '}
                <span className="muted small">
                  {formatDateTime(v.publishedAt)}
                  {v.publishedBy ? ` by ${v.publishedBy.name}` : ''}
                </span>
                <div className="small">{v.changeNote}</div>
                <a className="small" href={forms.exportUrl(formKey, v.version)} download>
                  Export version {v.version}
                </a>
              </li>
            ))}
          </ol>
          {list.length >= 2 && (
            <div className="versions-compare">
              <h3>Compare</h3>
              <div className="toolbar">
                <label className="field field--inline">
                  <span className="field__label">From</span>
                  <select value={from} onChange={(e) => setFrom(Number(e.target.value))}>
                    {list.map((v) => (
                      <option key={v.version} value={v.version}>
                        Version {v.version}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="field field--inline">
                  <span className="field__label">To</span>
                  <select value={to} onChange={(e) => setTo(Number(e.target.value))}>
                    {list.map((v) => (
                      <option key={v.version} value={v.version}>
                        Version {v.version}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              {from !== '' && to !== '' && (
                <VersionDiff forms={forms} formKey={formKey} from={from} to={to} />
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

function VersionDiff({
  forms,
  formKey,
  from,
  to,
}: {
  forms: FormsApi;
  formKey: string;
  from: number;
  to: number;
}) {
  const diff = useQuery<FormDiff>(async (signal) => {
    const [a, b] = await Promise.all([
      forms.version(formKey, from, signal),
      forms.version(formKey, to, signal),
    ]);
    return diffFormModels(
      schemaToModel({ schema: a.schema, uiSchema: a.uiSchema }),
      schemaToModel({ schema: b.schema, uiSchema: b.uiSchema }),
    );
  }, `${formKey}:${from}:${to}`);
  if (from === to) return <p className="muted small">Pick two different versions.</p>;
  if (diff.error)
    return (
      <p className="muted">These versions cannot be compared field by field: {errorMessage(diff.error)}</p>
    );
  if (!diff.data) return <p className="muted small">Comparing…</p>;
  const { fields, titleChange } = diff.data;
  if (!fields.length && !titleChange)
    return (
      <p className="small">
        No field differs between version {from} and version {to}.
      </p>
    );
  return (
    <ul className="diff-list" aria-label={`Changes from version ${from} to version ${to}`}>
      {titleChange && (
        <li className="diff diff--changed">
          <span className="badge">Title</span> “{titleChange.from}” → “{titleChange.to}”
        </li>
      )}
      {fields.map((field) => (
        <li key={`${field.change}:${field.path}`} className={`diff diff--${field.change}`}>
          <span
            className={`badge ${field.change === 'added' ? 'badge--ok' : field.change === 'removed' ? 'badge--due-overdue' : 'badge--due-soon'}`}
          >
            {CHANGE_LABELS[field.change]}
          </span>{' '}
          <strong>{field.label}</strong> <code className="small">{field.path}</code>
          {field.details.length > 0 && (
            <ul className="small">
              {field.details.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The workflow states whose tasks use this form. */
export function UsagePanel({ forms, formKey }: { forms: FormsApi; formKey: string }) {
  const usage = useQuery((signal) => forms.usage(formKey, signal), `usage:${formKey}`);
  return (
    <section className="panel" aria-labelledby="usage-title">
      <h2 id="usage-title">Used in</h2>
      {usage.error ? (
        <p className="muted">Could not load usage: {errorMessage(usage.error)}</p>
      ) : !usage.data ? (
        <p className="muted small">Loading…</p>
      ) : usage.data.length === 0 ? (
        <p className="muted small">No deployed workflow uses this form yet.</p>
      ) : (
        <ul className="link-list">
          {usage.data.map((u) => (
            <li key={`${u.definitionKey}:${u.version}:${u.stateId}`}>
              <Link to={`/processes?definitionKey=${encodeURIComponent(u.definitionKey)}`}>
                {u.definitionKey}
              </Link>{' '}
              version {u.version}, step <code>{u.stateId}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
