import { useMemo, useState } from 'react';
import { useQuery } from '../api/useQuery';
import { LoadError } from '../app/LoadError';
import { PageLoading } from '../app/Loading';
import { PageHeader } from '../app/PageHeader';
import { useAuth } from '../auth/AuthProvider';
import { evidencePackApi, type Readiness, type ReadinessReport } from './evidence-pack-api';

const LABELS: Record<Readiness, string> = { ready: 'Ready', gap: 'Gap', 'no-evidence': 'No evidence' };
const ORDER: Readiness[] = ['ready', 'gap', 'no-evidence'];

/**
 * Readiness for certification: each requirement area of clauses 4–10 and each applicable Annex A
 * control, ready / gap / no evidence, computed by the server from the registers (the rule is shown).
 */
export default function ReadinessPage() {
  const { api } = useAuth();
  const calls = useMemo(() => evidencePackApi(api), [api]);
  const { data, error, loading, reload } = useQuery((signal) => calls.readiness(signal), 'readiness');
  const [shown, setShown] = useState<Readiness | null>(null);

  return (
    <section className="page">
      <PageHeader
        title="Readiness"
        description="Where each clause and each applicable control stands before the certification audit, from what the registers hold."
        actions={
          <a className="button" href="/api/readiness.csv" download="readiness.csv">
            Download CSV
          </a>
        }
      />
      {error ? (
        <LoadError what="the readiness report" error={error} onRetry={reload} />
      ) : loading && !data ? (
        <PageLoading label="Loading the readiness report…" />
      ) : data ? (
        <>
          <ReadinessChart report={data} />
          <div className="panel">
            <div className="form-actions" role="group" aria-label="Show">
              {[null, ...ORDER].map((status) => (
                <button
                  key={status ?? 'all'}
                  type="button"
                  className="button button--small"
                  aria-pressed={shown === status}
                  onClick={() => setShown(status)}
                >
                  {status ? `${LABELS[status]} (${data.totals[status]})` : `All (${data.items.length})`}
                </button>
              ))}
            </div>
            <ReadinessTable report={data} shown={shown} />
            {data.undecidedControls > 0 && (
              <p className="small">
                {data.undecidedControls} Annex A controls are not counted: the SoA has not decided whether
                they apply.
              </p>
            )}
            <p className="small">How it is decided: {data.rule}</p>
          </div>
        </>
      ) : null}
    </section>
  );
}

/** One stacked bar per clause and one for Annex A: plain CSS widths, the counts also as text. */
function ReadinessChart({ report }: { report: ReadinessReport }) {
  return (
    <figure className="panel readiness-chart">
      <figcaption>
        Ready {report.totals.ready} · Gap {report.totals.gap} · No evidence {report.totals['no-evidence']}
      </figcaption>
      <ul>
        {report.groups.map((g) => {
          const total = g.ready + g.gap + g['no-evidence'];
          const label = `${g.group === 'A' ? '' : `${g.group} `}${g.title}`;
          return (
            <li key={g.group} className="readiness-chart__row" data-testid={`readiness-bar-${g.group}`}>
              <span className="readiness-chart__label">{label}</span>
              <span
                className="readiness-chart__track"
                role="img"
                aria-label={`${label}: ${g.ready} ready, ${g.gap} gap, ${g['no-evidence']} no evidence`}
              >
                {total > 0 &&
                  ORDER.map((status) =>
                    g[status] ? (
                      <span
                        key={status}
                        className={`readiness-chart__fill readiness-chart__fill--${status}`}
                        style={{ width: `${(g[status] / total) * 100}%` }}
                      />
                    ) : null,
                  )}
              </span>
              <span className="readiness-chart__count">
                {g.ready}/{total}
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

function ReadinessTable({ report, shown }: { report: ReadinessReport; shown: Readiness | null }) {
  const items = shown ? report.items.filter((i) => i.status === shown) : report.items;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Readiness by clause and control</caption>
        <thead>
          <tr>
            <th scope="col">Requirement</th>
            <th scope="col">Title</th>
            <th scope="col">Readiness</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>{item.id}</td>
              <td>{item.title}</td>
              <td>
                <span className={`badge readiness-badge--${item.status}`}>{LABELS[item.status]}</span>
              </td>
              <td>{(item.status === 'gap' ? item.gaps : item.evidence).join('; ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
