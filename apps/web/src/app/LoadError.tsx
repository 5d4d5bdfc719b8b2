import { errorMessage } from '../api/api-client';

/** The alert a list shows when it could not load, with a retry button when one is given. */
export function LoadError({ what, error, onRetry }: { what: string; error: unknown; onRetry?: () => void }) {
  return (
    <div className="alert alert--error" role="alert">
      Could not load {what}: {errorMessage(error)}
      {onRetry ? (
        <>
          {' '}
          <button type="button" className="button button--small" onClick={onRetry}>
            Try again
          </button>
        </>
      ) : null}
    </div>
  );
}
