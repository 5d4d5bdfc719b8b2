import { useState } from 'react';
import { ApiError } from '../api/api-client';
import { roleLabel } from '../api/api-types';
import { useQuery } from '../api/useQuery';
import { PageLoading } from '../app/Loading';
import { PageHeader } from '../app/PageHeader';
import { useAuth } from '../auth/AuthProvider';
import { Link } from '../routing/Link';
import { CertificationCycle } from './CertificationCycle';
import { ROADMAP_PHASES } from './phases';
import {
  GATE_LABEL,
  PHASE_STATUS_LABEL,
  type PhaseView,
  type ProgrammeView,
  type WaitingTask,
} from './programme-api';
import { formatDate } from '../inbox/due';

const STARTERS = ['admin', 'aims-manager'];

/** The programme dashboard: the five phases, how far each is, who is holding it up, and its gate. */
export default function RoadmapPage() {
  const { api, user } = useAuth();
  const programme = useQuery((signal) => api.get<ProgrammeView>('/programme', { signal }), 'programme');
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const canStart = !!user?.roles.some((role) => STARTERS.includes(role));

  async function start() {
    setStarting(true);
    setStartError(null);
    try {
      await api.post('/programme', {});
      programme.reload();
    } catch (error) {
      setStartError(error instanceof ApiError ? error.message : 'The programme could not be started.');
    } finally {
      setStarting(false);
    }
  }

  const data = programme.data;
  const notStarted = !data || data.instanceId === null;
  return (
    <section className="page">
      <PageHeader
        title="Roadmap"
        description="Your ISO/IEC 42001 programme, phase by phase. Each phase ends with a gate that top management signs."
      />
      {programme.loading && !data && <PageLoading label="Loading the programme…" />}
      {programme.error !== undefined && (
        <p className="alert alert--error" role="alert">
          {programme.error instanceof ApiError
            ? programme.error.message
            : 'The programme could not be loaded.'}
        </p>
      )}
      {data && notStarted && (
        <div className="empty-state">
          <p className="empty-state__icon" aria-hidden="true">
            ▶
          </p>
          <h2>The AIMS programme has not started</h2>
          <p>
            Starting it opens the first tasks of Phase 1 — orientation, leadership commitment, context and
            interested parties — in the inboxes of the people who do them.
          </p>
          {startError && (
            <p className="alert alert--error" role="alert">
              {startError}
            </p>
          )}
          {canStart ? (
            <button type="button" className="button button--primary" onClick={start} disabled={starting}>
              {starting ? 'Starting…' : 'Start the AIMS programme'}
            </button>
          ) : (
            <p className="muted">An AIMS manager starts the programme.</p>
          )}
        </div>
      )}
      <ol className="phase-list roadmap" aria-label="Programme phases">
        {(data?.phases ?? placeholderPhases()).map((phase) => (
          <PhaseCard key={phase.key} phase={phase} />
        ))}
      </ol>
    </section>
  );
}

function PhaseCard({ phase }: { phase: PhaseView }) {
  const summary = ROADMAP_PHASES[phase.number - 1]?.summary;
  const percent = phase.steps.total ? Math.round((phase.steps.done / phase.steps.total) * 100) : 0;
  return (
    <li className={`phase-card phase-card--${phase.status}`} aria-labelledby={`phase-${phase.number}-title`}>
      <span className="phase-card__number" aria-hidden="true">
        {phase.status === 'done' ? '✓' : phase.number}
      </span>
      <div className="phase-card__body">
        <div className="phase-card__head">
          <h2 id={`phase-${phase.number}-title`}>{phase.title}</h2>
          <span
            className={`badge ${phase.status === 'done' ? 'badge--ok' : phase.status === 'active' ? '' : 'badge--muted'}`}
            data-testid={`phase-${phase.number}-status`}
          >
            {PHASE_STATUS_LABEL[phase.status]}
          </span>
        </div>
        {summary && <p className="muted">{summary}</p>}
        <div
          className="progress"
          role="progressbar"
          aria-label={`${phase.title} progress`}
          aria-valuemin={0}
          aria-valuemax={phase.steps.total}
          aria-valuenow={phase.steps.done}
        >
          <span className="progress__bar" style={{ width: `${percent}%` }} />
        </div>
        <p className="phase-card__status">
          {phase.steps.done} of {phase.steps.total} steps done
          {phase.overdue > 0 && <span className="badge badge--danger"> {phase.overdue} overdue</span>}
          <span> · {GATE_LABEL[phase.gate.status]}</span>
          {phase.instanceId && (
            <>
              {' · '}
              <Link to={`/processes/${phase.instanceId}`}>Open the phase process</Link>
            </>
          )}
        </p>
        {phase.status === 'active' && phase.waitingOn.length > 0 && <WaitingList phase={phase} />}
        {phase.number === 5 && phase.instanceId && (
          <CertificationCycle instanceId={phase.instanceId} active={phase.status === 'active'} />
        )}
      </div>
    </li>
  );
}

function WaitingList({ phase }: { phase: PhaseView }) {
  return (
    <details className="waiting" open={phase.waitingCount <= 5}>
      <summary>
        Waiting on {phase.waitingCount} open task{phase.waitingCount === 1 ? '' : 's'}
      </summary>
      <ul className="waiting__list">
        {phase.waitingOn.map((task) => (
          <li key={task.taskId} className={task.overdue ? 'is-overdue' : undefined}>
            <Link to={`/tasks/${task.taskId}`}>{task.title}</Link>{' '}
            <span className="muted">— {who(task)}</span>
            {task.dueAt && (
              <span className={task.overdue ? 'due due--overdue' : 'due'}>
                {' '}
                · due {formatDate(task.dueAt)}
              </span>
            )}
          </li>
        ))}
      </ul>
      {phase.waitingCount > phase.waitingOn.length && (
        <p className="muted small">and {phase.waitingCount - phase.waitingOn.length} more in the inboxes.</p>
      )}
    </details>
  );
}

function who(task: WaitingTask): string {
  if (task.assignee) return task.assignee.name;
  return task.candidateRole ? `any ${roleLabel(task.candidateRole)}` : 'unassigned';
}

/** The phases as they will be, while the programme is loading or could not be read. */
function placeholderPhases(): PhaseView[] {
  return ROADMAP_PHASES.map((phase, i) => ({
    number: i + 1,
    title: phase.name,
    key: phase.key,
    status: 'not-started',
    steps: { done: 0, total: 0 },
    overdue: 0,
    waitingOn: [],
    waitingCount: 0,
    gate: { status: 'not-reached' },
  }));
}
