import { useState } from 'react';
import { errorMessage } from '../api/api-client';
import type { OfferedAction, ProcessInstanceDetail } from '../api/api-types';

/**
 * The signals a process waits for from a person (say "Inventory complete"), as buttons. An action
 * with a `confirm` text asks first, in the page rather than a browser dialog; one its guard holds
 * back is shown disabled with the reason, so the rule is visible before the click.
 */
export function InstanceActions({
  actions,
  send,
  onSent,
}: {
  actions: readonly OfferedAction[];
  send: (event: string) => Promise<ProcessInstanceDetail>;
  onSent: (instance: ProcessInstanceDetail) => void;
}) {
  const [asking, setAsking] = useState<OfferedAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  if (actions.length === 0) return null;

  async function run(action: OfferedAction) {
    setBusy(true);
    setError('');
    try {
      const updated = await send(action.event);
      setAsking(null);
      onSent(updated);
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="instance-actions-title">
      <h2 id="instance-actions-title">What this process waits for from you</h2>
      <ul className="action-list">
        {actions.map((action) => (
          <li key={`${action.stateId}:${action.event}`}>
            <button
              type="button"
              className="button button--primary"
              disabled={!action.available || busy}
              aria-describedby={`action-${action.event}-about`}
              onClick={() => (action.confirm ? setAsking(action) : void run(action))}
            >
              {action.title}
            </button>{' '}
            <span id={`action-${action.event}-about`} className="muted small">
              {action.available ? action.description : (action.unavailableReason ?? 'Not possible yet.')}
            </span>
          </li>
        ))}
      </ul>
      {asking && (
        <div className="alert alert--info" role="alertdialog" aria-labelledby="action-confirm-text">
          <p id="action-confirm-text">{asking.confirm}</p>
          <div className="form-actions">
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void run(asking)}
            >
              {busy ? 'Sending…' : `Yes: ${asking.title.toLowerCase()}`}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setAsking(null)}>
              Not now
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
