import type { ApprovalChainView } from '../api/api-types';
import { formatDateTime } from '../inbox/due';
import {
  CHAIN_STATUS_LABELS,
  DECISION_LABELS,
  LEVEL_STATUS_LABELS,
  ruleText,
  shortHash,
  whoDecides,
} from './approval-rules';
import { usePeople } from './usePeopleNames';

/**
 * One approval chain: each level with who decides and the rule, every decision with who, when, the
 * comment and the first characters of the SHA-256 of the subject it was made on.
 */
export function ApprovalChainPanel({
  chain,
  names: given,
}: {
  chain: ApprovalChainView;
  names?: ReadonlyMap<string, string>;
}) {
  const fetched = usePeople();
  const names = given ?? fetched.names;
  const headingId = `approval-${chain.id}`;
  return (
    <section className="panel approval" aria-labelledby={headingId} data-testid="approval-chain">
      <h2 id={headingId}>
        Approval chain{' '}
        <span
          className={`badge ${chain.status === 'approved' ? 'badge--ok' : chain.status === 'pending' ? '' : 'badge--muted'}`}
        >
          {CHAIN_STATUS_LABELS[chain.status] ?? chain.status}
        </span>
      </h2>
      <p className="small muted">
        Started {formatDateTime(chain.createdAt)}
        {chain.authorName ? ` on the submission of ${chain.authorName}` : ''}. Subject SHA-256{' '}
        <code className="hash" title={chain.subjectSha256} data-testid="chain-hash">
          {shortHash(chain.subjectSha256)}
        </code>
      </p>
      <ol className="approval__levels">
        {chain.levels.map((level) => {
          const current = chain.status === 'pending' && level.level === chain.currentLevel;
          return (
            <li
              key={level.level}
              className={`approval__level${current ? ' is-current' : ''}`}
              data-testid="approval-level"
            >
              <div className="approval__level-head">
                <strong>Level {level.level}</strong>
                <span>{whoDecides(level, names)}</span>
                <span className="muted small">
                  {ruleText(level.rule)}
                  {level.required !== null && level.status !== 'waiting'
                    ? ` · ${level.approvals} of ${level.required} approved`
                    : ''}
                </span>
                <span
                  className={`badge ${level.status === 'approved' ? 'badge--ok' : level.status === 'pending' ? '' : 'badge--muted'}`}
                >
                  {LEVEL_STATUS_LABELS[level.status] ?? level.status}
                </span>
              </div>
              {level.decisions.length > 0 && (
                <ul className="approval__decisions">
                  {level.decisions.map((decision) => (
                    <li
                      key={decision.id}
                      data-testid="approval-decision"
                      className={`approval__decision approval__decision--${decision.decision}`}
                    >
                      <strong>{decision.userName ?? names.get(decision.userId) ?? 'Someone'}</strong> —{' '}
                      {DECISION_LABELS[decision.decision] ?? decision.decision},{' '}
                      <time dateTime={decision.decidedAt}>{formatDateTime(decision.decidedAt)}</time>
                      <span className="small muted">
                        {' '}
                        · subject{' '}
                        <code className="hash" title={decision.subjectSha256} data-testid="decision-hash">
                          {shortHash(decision.subjectSha256)}
                        </code>
                        {decision.subjectSha256 !== chain.subjectSha256 ? ' (not the current subject!)' : ''}
                      </span>
                      {decision.comment && <q className="approval__comment">{decision.comment}</q>}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
