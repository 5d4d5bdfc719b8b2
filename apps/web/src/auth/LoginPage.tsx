import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/api-client';
import { useAuth } from './AuthProvider';

/** Email + password sign-in. Stays on the current URL, so the user lands where they were going. */
export function LoginPage() {
  const { login, notice } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    emailRef.current?.focus();
  }, []);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setError(null);
    setSubmitting(true);
    try {
      await login(email.trim(), password);
    } catch (cause) {
      setError(loginErrorMessage(cause));
      setPassword('');
      setSubmitting(false);
    }
  }

  return (
    <main className="login-page" id="main">
      <form className="login-card" onSubmit={handleSubmit} aria-labelledby="login-title" noValidate={false}>
        <div className="brand brand--large" aria-hidden="true">
          <span className="brand__mark">A</span> Aimsflow
        </div>
        <h1 id="login-title">Sign in</h1>
        <p className="muted">Your ISO/IEC 42001 programme, as work that gets done.</p>
        {notice && !error && (
          <div className="alert alert--info" role="status">
            {notice}
          </div>
        )}
        {error && (
          <div className="alert alert--error" role="alert" tabIndex={-1} ref={errorRef}>
            {error}
          </div>
        )}
        <label className="field">
          <span className="field__label">Email</span>
          <input
            ref={emailRef}
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            disabled={submitting}
          />
        </label>
        <label className="field">
          <span className="field__label">Password</span>
          <input
            ref={passwordRef}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            disabled={submitting}
          />
        </label>
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          {submitting ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

function loginErrorMessage(cause: unknown): string {
  if (cause instanceof ApiError) {
    if (cause.status === 401) return 'That email and password do not match. Check them and try again.';
    if (cause.status === 429) return 'Too many sign-in attempts. Wait a few minutes, then try again.';
  }
  return errorMessage(cause);
}
