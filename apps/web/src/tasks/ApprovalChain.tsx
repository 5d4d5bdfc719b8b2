import type { Approval } from '../api/api-types';
import { errorMessage } from '../api/api-client';
import { useQuery } from '../api/useQuery';
import { roleLabel } from '../api/api-types';
import { formatDateTime } from '../inbox/due';
import type { TaskApi } from './task-api';

const DECISION_LABELS: Record<string, string> = { approve: 'Approved', reject: 'Rejected', 'request-changes': 'Changes requested' };

/** The approval chain of the instance (the one of this step when the server says which): levels, decisions and the signed subject hash. */
export function ApprovalChain({ tasks, instanceId, stateId }: { tasks: TaskApi; instanceId: string; stateId?: string }) {
  const query = useQuery((signal) => tasks.approvals(instanceId, signal), `approvals:${instanceId}`);
  if (query.loading && !query.data) return <p className="muted">Loading the approval chain…</p>;
  if (query.error) return <p className="muted small">The approval chain is not available: {errorMessage(query.error)}</p>;
  const approvals = query.data ?? [];
  const approval =
    approvals.find((a) => (a as Approval & { stateId?: string }).stateId === stateId) ??
    approvals.find((a) => a.status === 'pending' || a.status === 'open' || a.status === 'in-progress') ??
    approvals[approvals.length - 1];
  if (!approval) return null;
  return <ApprovalView approval={approval} />;
}

/** One approval: each level with its rule, status and the decisions taken. */
export function ApprovalView({ approval }: { approval: Approval }) {
  return (
    <section className="panel approval" aria-labelledby={`approval-${approval.id}`}>
      <h2 id={`approval-${approval.id}`}>
        Approval chain <span className="badge">{approval.status}</span>
      </h2>
      {approval.subjectSha256 && (
        <p className="small muted">
          Subject SHA-256: <code className="hash">{approval.subjectSha256}</code>
        </p>
      )}
      <ol className="approval__levels">
        {approval.levels.map((level) => (
          <li key={level.index} className={`approval__level${level.index === approval.currentLevel ? ' is-current' : ''}`}>
            <div className="approval__level-head">
              <strong>Level {level.index + 1}</strong>
              <span>{whoDecides(level)}</span>
              <span className="muted small">{ruleText(level.rule)}</span>
              <span className="badge badge--muted">{level.index === approval.currentLevel && level.status === 'pending' ? 'Waiting (current level)' : level.status}</span>
            </div>
            {level.decisions.length > 0 ? (
              <ul className="approval__decisions">
                {level.decisions.map((decision, index) => (
                  <li key={index}>
                    <strong>{decision.userName}</strong> — {DECISION_LABELS[decision.decision] ?? decision.decision}, {formatDateTime(decision.createdAt)}
                    {decision.comment && <q className="approval__comment">{decision.comment}</q>}
                    {decision.subjectSha256 && (
                      <span className="small muted">
                        {' '}
                        signed <code className="hash">{decision.subjectSha256.slice(0, 12)}…</code>
                        {approval.subjectSha256 && decision.subjectSha256 !== approval.subjectSha256 ? ' (an earlier version of the subject)' : ''}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted small">No decisions yet.</p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function whoDecides(level: Approval['levels'][number]): string {
  if (level.users?.length) return level.users.join(', ');
  if (level.group) return `Group ${level.group}`;
  if (level.role) return roleLabel(level.role);
  return '';
}

function ruleText(rule: unknown): string {
  if (rule === 'any') return 'any one decides';
  if (rule === 'all') return 'everyone must approve';
  if (rule && typeof rule === 'object' && 'quorum' in rule) return `${(rule as { quorum: number }).quorum} must approve`;
  return typeof rule === 'string' ? rule : '';
}
