import { useState } from 'react';
import { errorMessage } from '../api/api-client';
import { useAuth, useCurrentUser } from '../auth/AuthProvider';
import { Link } from '../routing/Link';
import { navigate } from '../routing/router';

/** Everyone who works in the AIMS may raise these (external auditors only read). */
export const REPORTER_ROLES = ['admin', 'aims-manager', 'contributor', 'top-management', 'internal-auditor'];

const KINDS = [
  { kind: 'incident', label: 'Report an AI incident' },
  { kind: 'concern', label: 'Raise a concern' },
] as const;

/**
 * Starts an incident (A.8.4) or a concern (A.3.3) with the user as its reporter, and opens the
 * report task it gives them. The server's intake route lets every working role do this.
 */
export function RaiseReport() {
  const { api } = useAuth();
  const user = useCurrentUser();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState('');
  if (!user.roles.some((role) => REPORTER_ROLES.includes(role))) return null;

  async function raise(kind: string) {
    setBusy(kind);
    setError('');
    try {
      const started = await api.post<{ taskId: string | null; instanceId: string }>(
        `/reports/${encodeURIComponent(kind)}`,
      );
      navigate(started.taskId ? `/tasks/${encodeURIComponent(started.taskId)}` : '/inbox');
    } catch (cause) {
      setError(errorMessage(cause));
      setBusy(null);
    }
  }

  return (
    <div className="form-actions">
      {KINDS.map(({ kind, label }) => (
        <button
          key={kind}
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() => raise(kind)}
        >
          {busy === kind ? 'Opening…' : label}
        </button>
      ))}
      <Link className="button" to="/report/concern/anonymous">
        Raise a concern anonymously
      </Link>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
