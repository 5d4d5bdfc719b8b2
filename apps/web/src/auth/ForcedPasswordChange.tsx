import { useEffect, useRef } from 'react';
import { useAuth } from './AuthProvider';
import { ChangePasswordForm } from './ChangePasswordForm';

/**
 * All a user signed in with a temporary password (set by an admin) sees until they choose their
 * own: the API refuses everything else to such a session.
 */
export function ForcedPasswordChange() {
  const { user, logout } = useAuth();
  const titleRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Choose your password · Aimsflow';
    titleRef.current?.focus();
  }, []);

  return (
    <main className="login-page" id="main">
      <div className="login-card">
        <div className="brand brand--large" aria-hidden="true">
          <span className="brand__mark">A</span> Aimsflow
        </div>
        <h1 id="forced-change-title" tabIndex={-1} ref={titleRef}>
          Choose your password
        </h1>
        <p className="muted">
          {user?.name ? `Welcome, ${user.name}. ` : ''}You signed in with a temporary password. Choose your
          own before you go on.
        </p>
        <ChangePasswordForm onChanged={() => undefined} submitLabel="Set my password" />
        <button type="button" className="button button--block" onClick={() => void logout()}>
          Log out
        </button>
      </div>
    </main>
  );
}
