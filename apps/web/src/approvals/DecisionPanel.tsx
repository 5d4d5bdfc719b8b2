import { Fragment, useId, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-client';
import type { AllowedAction, ApprovalChainView, DecisionKind } from '../api/api-types';
import { useCurrentUser } from '../auth/AuthProvider';
import { formatDateTime } from '../inbox/due';
import type { ApprovalsApi } from './approvals-api';
import {
  commentProblem,
  decisionBy,
  DECISION_LABELS,
  isAskedAt,
  outcomeText,
  refusedDecisions,
  whoDecides,
} from './approval-rules';

const BUTTONS: { decision: DecisionKind; label: string; busyLabel: string; className: string }[] = [
  { decision: 'approve', label: 'Approve', busyLabel: 'Approving…', className: 'button button--primary' },
  { decision: 'request-changes', label: 'Request changes', busyLabel: 'Sending…', className: 'button' },
  { decision: 'reject', label: 'Reject', busyLabel: 'Rejecting…', className: 'button button--danger' },
];

/**
 * Approve / request changes / reject at the chain's current level, with a comment (required unless
 * approving). What the server says the user may not decide (`allowedActions`, e.g. segregation of
 * duties) is shown before any click, its buttons disabled; a refusal on the click is shown in the
 * server's own words.
 */
export function DecisionPanel({
  chain,
  approvals,
  names,
  allowedActions,
  onDecided,
}: {
  chain: ApprovalChainView;
  approvals: ApprovalsApi;
  names: ReadonlyMap<string, string>;
  /** What the user may decide now; defaults to the chain's own `allowedActions`. */
  allowedActions?: readonly AllowedAction[];
  onDecided(after: ApprovalChainView, message: string): void;
}) {
  const me = useCurrentUser();
  const commentId = useId();
  const reasonId = useId();
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const [comment, setComment] = useState('');
  const [fieldError, setFieldError] = useState('');
  const [busy, setBusy] = useState<DecisionKind | null>(null);
  const [refusal, setRefusal] = useState('');
  const [error, setError] = useState('');

  if (chain.status !== 'pending') return null;
  const level = chain.levels[chain.currentLevel - 1];
  const earlier = decisionBy(chain, me.id);
  if (earlier) {
    return (
      <p className="alert alert--info" role="status" data-testid="decision-done">
        You decided at level {earlier.level}: {DECISION_LABELS[earlier.decision.decision]} on{' '}
        {formatDateTime(earlier.decision.decidedAt)}. One person decides once in a chain.
      </p>
    );
  }
  if (!level || !isAskedAt(level, me)) {
    return (
      <p className="alert alert--info" role="status">
        Level {chain.currentLevel} is decided by {level ? whoDecides(level, names) : 'its approvers'}. You can
        follow the chain here.
      </p>
    );
  }

  const refused = refusedDecisions(allowedActions ?? chain.allowedActions);
  const reasons = [...new Set(refused.values())];
  const noneAllowed = refused.size === BUTTONS.length;
  const reasonIdOf = (reason: string) => `${reasonId}-${reasons.indexOf(reason)}`;

  async function decide(decision: DecisionKind) {
    if (refused.has(decision)) return;
    const problem = commentProblem(decision, comment);
    setRefusal('');
    setError('');
    setFieldError(problem ?? '');
    if (problem) {
      commentRef.current?.focus();
      return;
    }
    setBusy(decision);
    try {
      const after = await approvals.decide(chain.id, decision, comment.trim());
      setComment('');
      onDecided(after, outcomeText(decision, after, chain.currentLevel));
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 403) setRefusal(cause.message);
      else if (cause instanceof ApiError && cause.status === 400 && /comment/i.test(cause.message))
        setFieldError(cause.message);
      else setError(`Your decision was not recorded: ${errorMessage(cause)}`);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="panel decision" aria-labelledby="decision-title" data-testid="decision-panel">
      <h2 id="decision-title">
        Your decision (level {chain.currentLevel} of {chain.levels.length})
      </h2>
      {refused.size > 0 && (
        <div className="alert alert--info" role="note" data-testid="decision-not-allowed">
          {noneAllowed ? (
            <p className="decision__reason">
              You cannot decide on this approval:{' '}
              {reasons.map((reason, index) => (
                <Fragment key={reason}>
                  {index > 0 && ' '}
                  <span id={reasonIdOf(reason)} data-testid="not-allowed-reason">
                    {reason}
                  </span>
                </Fragment>
              ))}
            </p>
          ) : (
            BUTTONS.filter((b) => refused.has(b.decision)).map((b) => (
              <p key={b.decision} className="decision__reason">
                You cannot {b.label.toLowerCase()}:{' '}
                <span id={`${reasonId}-${b.decision}`} data-testid="not-allowed-reason">
                  {refused.get(b.decision)}
                </span>
              </p>
            ))
          )}
        </div>
      )}
      {refusal && (
        <div className="alert alert--error" role="alert" data-testid="decision-refused">
          <strong>The server refused your decision.</strong>
          <p className="decision__reason" data-testid="refusal-reason">
            {refusal}
          </p>
        </div>
      )}
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label className="field__label" htmlFor={commentId}>
          Comment
        </label>
        <span className="field__hint" id={`${commentId}-hint`}>
          Required to reject or request changes; it goes back to the author with the submission.
        </span>
        <textarea
          id={commentId}
          ref={commentRef}
          rows={3}
          maxLength={5000}
          value={comment}
          disabled={noneAllowed}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={`${commentId}-hint${fieldError ? ` ${commentId}-error` : ''}`}
          onChange={(event) => {
            setComment(event.target.value);
            if (fieldError && event.target.value.trim()) setFieldError('');
          }}
        />
        {fieldError && (
          <span className="field__error" id={`${commentId}-error`} role="alert">
            {fieldError}
          </span>
        )}
      </div>
      <div className="decision__buttons">
        {BUTTONS.map((button) => {
          const reason = refused.get(button.decision);
          return (
            <button
              key={button.decision}
              type="button"
              className={button.className}
              disabled={busy !== null || reason !== undefined}
              aria-disabled={reason !== undefined ? true : undefined}
              aria-describedby={
                reason === undefined
                  ? undefined
                  : noneAllowed
                    ? reasonIdOf(reason)
                    : `${reasonId}-${button.decision}`
              }
              title={reason}
              onClick={() => void decide(button.decision)}
            >
              {busy === button.decision ? button.busyLabel : button.label}
            </button>
          );
        })}
      </div>
    </section>
  );
}
