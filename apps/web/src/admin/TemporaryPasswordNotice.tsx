import { useEffect, useRef, useState } from 'react';
import type { UserSummary } from '../api/api-types';

/** Confirms a new user and, when the server generated one, shows the temporary password once. */
export function TemporaryPasswordNotice({
  user,
  temporaryPassword,
  onDismiss,
}: {
  user: UserSummary;
  temporaryPassword?: string;
  onDismiss: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    ref.current?.focus();
  }, []);

  async function copy() {
    if (!temporaryPassword) return;
    try {
      await navigator.clipboard.writeText(temporaryPassword);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div
      className="alert alert--success"
      role="status"
      tabIndex={-1}
      ref={ref}
      aria-labelledby="user-created-title"
    >
      <p id="user-created-title">
        <strong>
          {user.name} ({user.email}) was created.
        </strong>
      </p>
      {temporaryPassword && (
        <>
          <p>
            Temporary password:{' '}
            <code className="secret" data-testid="temporary-password">
              {temporaryPassword}
            </code>
          </p>
          <p className="small">
            Copy it now and give it to {user.name} securely — it will not be shown again.
          </p>
        </>
      )}
      <div className="form-actions">
        {temporaryPassword && (
          <button type="button" className="button button--small" onClick={copy}>
            {copied ? 'Copied' : 'Copy password'}
          </button>
        )}
        <button type="button" className="button button--small" onClick={onDismiss}>
          Done
        </button>
      </div>
    </div>
  );
}
