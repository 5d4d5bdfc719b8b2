import { useMemo } from 'react';
import type { ApiClient } from '../api/api-client';
import { errorMessage } from '../api/api-client';
import { useQuery } from '../api/useQuery';
import { formatDateTime } from '../inbox/due';
import { inputPackApi, type PackSourceView } from './input-pack-api';

/**
 * The management review's input pack (9.3.2), read-only, on the review's task pages: live from the
 * registers while the review is prepared, the frozen copy and its SHA-256 once it was held. Each
 * register's records are in a native disclosure, so the whole section works from the keyboard.
 */
export function InputPackSection({ api, reviewId }: { api: ApiClient; reviewId: string }) {
  const packs = useMemo(() => inputPackApi(api), [api]);
  const query = useQuery((signal) => packs.get(reviewId, signal), `input-pack:${reviewId}`);
  const view = query.data;
  return (
    <section className="panel input-pack" aria-labelledby="input-pack-title">
      <h2 id="input-pack-title">Input pack of the review (9.3.2)</h2>
      {query.error && !view ? (
        <p className="muted small">The input pack is not available: {errorMessage(query.error)}</p>
      ) : !view ? (
        <p className="muted small">Compiling the input pack from the registers…</p>
      ) : (
        <>
          <p className="small" data-testid="input-pack-state">
            {view.frozen ? (
              <>
                Frozen when the review was held, {formatDateTime(view.frozenAt!)}. SHA-256{' '}
                <code>{view.sha256}</code>
              </>
            ) : (
              <>
                Live: compiled from the registers at {formatDateTime(view.pack.compiledAt)}; it is frozen when
                the minutes are recorded.{' '}
                <button type="button" className="button button--small" onClick={query.reload}>
                  Compile again
                </button>
              </>
            )}
          </p>
          <p className="muted small">
            {view.pack.lastReview
              ? `Changes are counted since the last review${view.pack.lastReview.title ? `, ${view.pack.lastReview.title}` : ''}${view.pack.lastReview.heldOn ? ` (held ${view.pack.lastReview.heldOn})` : ''}.`
              : 'This is the first review: everything counts as new.'}
          </p>
          {view.pack.inputs.map((input) => (
            <section key={input.id} aria-labelledby={`input-${input.id}`} className="input-pack__input">
              <h3 id={`input-${input.id}`}>
                <span className="muted">{input.id}</span> {input.title}
              </h3>
              <ul>
                {input.sources.map((source) => (
                  <li key={source.source}>
                    <SourceView source={source} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  );
}

function SourceView({ source }: { source: PackSourceView }) {
  if (!source.available)
    return (
      <>
        <strong>{source.title}</strong>: <span className="muted">{source.note ?? 'nothing yet'}</span>
      </>
    );
  const counts = (source.byStatus ?? []).map((s) => `${s.title} ${s.count}`).join(' · ');
  const grades = (source.byGrade ?? []).map((g) => `${g.value} ${g.count}`).join(' · ');
  const trend =
    source.totalAtLastReview === null || source.totalAtLastReview === undefined
      ? ''
      : `; ${source.totalAtLastReview} at the last review`;
  return (
    <>
      <strong>{source.title}</strong>: {source.total ?? 0} in all{trend}
      {source.newSinceLastReview !== undefined && `, ${source.newSinceLastReview} new`}
      {source.changedSinceLastReview !== undefined && `, ${source.changedSinceLastReview} changed`}
      {counts && <span className="muted small"> ({counts})</span>}
      {grades && <span className="muted small"> by grade: {grades}</span>}
      {source.items && source.items.length > 0 && (
        <details>
          <summary>
            Show {source.items.length === 1 ? 'the record' : `${source.items.length} records`}
          </summary>
          <ul>
            {source.items.map((item) => (
              <li key={item.id}>
                {item.label}
                {item.status && <span className="badge badge--muted">{item.status}</span>}
                {item.changedSinceLastReview && <span className="muted small"> changed</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
