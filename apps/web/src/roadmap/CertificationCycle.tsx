import { useState } from 'react';
import { ApiError } from '../api/api-client';
import { useQuery } from '../api/useQuery';
import { useAuth } from '../auth/AuthProvider';

/** `GET /api/certification/coverage`: what the certification body sampled over the cycle. */
export interface SamplingCoverage {
  certificateNumber: string | null;
  visits: Array<{
    id: string;
    title: string;
    dueBy: string | null;
    startDate: string | null;
    status: string | null;
  }>;
  clauses: Array<{ id: string; title: string; sampled: number; total: number; areas: CoverageLine[] }>;
  controls: CoverageLine[];
  totals: { clauseAreas: { sampled: number; total: number }; controls: { sampled: number; total: number } };
  complete: boolean;
}
interface CoverageLine {
  id: string;
  title: string;
  sampledBy: string[];
}

const ENDERS = ['admin', 'aims-manager'];

/**
 * Phase 5's own part of the roadmap: the sampling coverage of the certification body's visits over
 * the cycle (per clause 4–10 and per applicable control), and, for an AIMS manager, ending the
 * programme (the phase process's END_PROGRAMME event).
 */
export function CertificationCycle({ instanceId, active }: { instanceId: string; active: boolean }) {
  const { user } = useAuth();
  const canEnd = active && !!user?.roles.some((role) => ENDERS.includes(role));
  return (
    <div className="certification-cycle">
      <Coverage />
      {canEnd && <EndProgramme instanceId={instanceId} />}
    </div>
  );
}

function Coverage() {
  const { api } = useAuth();
  const coverage = useQuery(
    (signal) => api.get<SamplingCoverage>('/certification/coverage', { signal }),
    'certification-coverage',
  );
  const data = coverage.data;
  if (coverage.error !== undefined)
    return <p className="muted small">The sampling coverage could not be loaded.</p>;
  if (!data) return null;
  if (data.visits.length === 0)
    return <p className="muted small">No visit of the certification body is recorded for this cycle yet.</p>;
  const notSampled = data.controls.filter((c) => c.sampledBy.length === 0);
  return (
    <details className="coverage">
      <summary>
        Sampling coverage of certificate {data.certificateNumber ?? '—'}: {data.totals.clauseAreas.sampled} of{' '}
        {data.totals.clauseAreas.total} clause areas, {data.totals.controls.sampled} of{' '}
        {data.totals.controls.total} controls
        {data.complete ? ' — everything sampled' : ''}
      </summary>
      <p className="muted small">
        Visits: {data.visits.map((v) => `${v.title} (due by ${v.dueBy ?? '—'})`).join(', ')}. By the
        recertification every clause and every applicable control should have been sampled at least once.
      </p>
      <div className="table-wrap">
        <table className="table" aria-label="Sampling coverage per clause">
          <thead>
            <tr>
              <th scope="col">Clause</th>
              <th scope="col">Areas sampled</th>
              <th scope="col">Not sampled yet</th>
            </tr>
          </thead>
          <tbody>
            {data.clauses.map((clause) => (
              <tr key={clause.id}>
                <th scope="row">
                  {clause.id} {clause.title}
                </th>
                <td>
                  {clause.sampled} of {clause.total}
                </td>
                <td>
                  {clause.areas
                    .filter((a) => a.sampledBy.length === 0)
                    .map((a) => a.id)
                    .join(', ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small" data-testid="controls-not-sampled">
        {notSampled.length === 0
          ? 'Every applicable Annex A control has been sampled.'
          : `Applicable controls not sampled yet: ${notSampled.map((c) => c.id).join(', ')}`}
      </p>
    </details>
  );
}

function EndProgramme({ instanceId }: { instanceId: string }) {
  const { api } = useAuth();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [state, setState] = useState<{ busy: boolean; error: string | null; done: boolean }>({
    busy: false,
    error: null,
    done: false,
  });

  async function end() {
    setState({ busy: true, error: null, done: false });
    try {
      await api.post(`/process-instances/${instanceId}/events`, {
        type: 'END_PROGRAMME',
        data: { reason: reason.trim() },
      });
      setState({ busy: false, error: null, done: true });
    } catch (error) {
      const message = error instanceof ApiError ? error.message : 'The programme could not be ended.';
      setState({ busy: false, error: message, done: false });
    }
  }

  if (state.done) return <p className="alert alert--info">The programme has ended.</p>;
  if (!open)
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        End the programme…
      </button>
    );
  return (
    <div className="end-programme">
      <label htmlFor="end-programme-reason">Why does the organisation end its certification programme?</label>
      <textarea
        id="end-programme-reason"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        rows={3}
      />
      <p className="muted small">
        This cancels the open work of the certification cycle and ends the programme.
      </p>
      {state.error && (
        <p className="alert alert--error" role="alert">
          {state.error}
        </p>
      )}
      <button
        type="button"
        className="button button--danger"
        onClick={end}
        disabled={state.busy || reason.trim().length < 5}
      >
        {state.busy ? 'Ending…' : 'End the programme'}
      </button>{' '}
      <button type="button" className="button" onClick={() => setOpen(false)} disabled={state.busy}>
        Keep it running
      </button>
    </div>
  );
}
