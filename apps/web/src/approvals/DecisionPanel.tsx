import { useId, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-client';
import type { ApprovalChainView, DecisionKind } from '../api/api-types';
import { useCurrentUser } from '../auth/AuthProvider';
import { formatDateTime } from '../inbox/due';
import type { ApprovalsApi } from './approvals-api';
import {
  commentProblem,
  decisionBy,
  DECISION_LABELS,
  isAskedAt,
  outcomeText,
  whoDecides,
} from './approval-rules';

const BUTTONS: { decision: DecisionKind; label: string; busyLabel: string; className: string }[] = [
  { decision: 'approve', label: 'Approve', busyLabel: 'Approving…', className: 'button button--primary' },
  { decision: 'request-changes', label: 'Request changes', busyLabel: 'Sending…', className: 'button' },
  { decision: 'reject', label: 'Reject', busyLabel: 'Rejecting…', className: 'button button--danger' },
];

/**
 * Approve / request changes / reject at the chain's current level, with a comment (required unless
 * approving). A refusal for segregation of duties is shown in the server's own words.
 */
export function DecisionPanel({
  chain,
  approvals,
  names,
  onDecided,
}: {
  chain: ApprovalChainView;
  approvals: ApprovalsApi;
  names: ReadonlyMap<string, string>;
  onDecided(after: ApprovalChainView, message: string): void;
}) {
  const me = useCurrentUser();
  const commentId = useId();
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

  async function decide(decision: DecisionKind) {
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
        {BUTTONS.map((button) => (
          <button
            key={button.decision}
            type="button"
            className={button.className}
            disabled={busy !== null}
            onClick={() => void decide(button.decision)}
          >
            {busy === button.decision ? button.busyLabel : button.label}
          </button>
        ))}
      </div>
    </section>
  );
}
