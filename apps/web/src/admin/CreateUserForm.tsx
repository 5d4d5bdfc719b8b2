import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError, errorMessage } from '../api/api-client';
import type { UserSummary } from '../api/api-types';
import { dateInputToIso, type AdminApi } from './admin-api';
import { atLeastOneRole, RoleCheckboxes } from './RoleCheckboxes';

interface CreateUserValues {
  email: string;
  name: string;
  roles: string[];
  password: string;
  expiresAt: string;
}

/** Invite a user. Without a password, the server makes a temporary one that is shown once. */
export function CreateUserForm({
  admin,
  onCreated,
  onCancel,
}: {
  admin: AdminApi;
  onCreated: (user: UserSummary, temporaryPassword?: string) => void;
  onCancel: () => void;
}) {
  const [serverError, setServerError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CreateUserValues>({
    defaultValues: { email: '', name: '', roles: ['contributor'], password: '', expiresAt: '' },
  });

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const submit = handleSubmit(async (values) => {
    setServerError(null);
    try {
      const result = await admin.createUser({
        email: values.email.trim(),
        name: values.name.trim(),
        roles: values.roles,
        ...(values.password ? { password: values.password } : {}),
        ...(values.expiresAt ? { expiresAt: dateInputToIso(values.expiresAt) } : {}),
      });
      onCreated(result.user, result.temporaryPassword);
    } catch (cause) {
      // The password policy's reason belongs next to the password.
      const passwordProblem = fieldProblem(cause, 'password');
      if (passwordProblem) setError('password', { message: passwordProblem }, { shouldFocus: true });
      else setServerError(errorMessage(cause));
    }
  });

  return (
    <section className="panel" aria-labelledby="create-user-title">
      <h2 id="create-user-title" tabIndex={-1} ref={headingRef}>
        Invite a user
      </h2>
      <form onSubmit={submit} noValidate>
        {serverError && (
          <div className="alert alert--error" role="alert">
            {serverError}
          </div>
        )}
        <div className="form-grid">
          <label className="field">
            <span className="field__label">Email</span>
            <input
              type="email"
              autoComplete="off"
              aria-invalid={!!errors.email}
              {...register('email', {
                required: 'Enter an email address.',
                pattern: { value: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, message: 'Enter a valid email address.' },
              })}
            />
            {errors.email && <span className="field__error">{errors.email.message}</span>}
          </label>
          <label className="field">
            <span className="field__label">Full name</span>
            <input
              type="text"
              autoComplete="off"
              aria-invalid={!!errors.name}
              {...register('name', {
                required: 'Enter a name.',
                validate: (v) => v.trim().length > 0 || 'Enter a name.',
              })}
            />
            {errors.name && <span className="field__error">{errors.name.message}</span>}
          </label>
          <label className="field">
            <span className="field__label">Password (optional)</span>
            <input
              type="password"
              autoComplete="new-password"
              aria-describedby="create-user-password-hint"
              aria-invalid={!!errors.password}
              {...register('password', {
                validate: (v) => !v || v.length >= 10 || 'Use at least 10 characters, or leave empty.',
              })}
            />
            <span className="field__hint" id="create-user-password-hint">
              Leave empty to generate a temporary password, shown once. Either way the user chooses their own
              at first sign-in.
            </span>
            {errors.password && <span className="field__error">{errors.password.message}</span>}
          </label>
          <label className="field">
            <span className="field__label">Access expires (optional)</span>
            <input type="date" aria-describedby="create-user-expiry-hint" {...register('expiresAt')} />
            <span className="field__hint" id="create-user-expiry-hint">
              Time-box access, e.g. for an external auditor.
            </span>
          </label>
        </div>
        <RoleCheckboxes
          registration={register('roles', { validate: atLeastOneRole })}
          error={errors.roles?.message}
        />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={isSubmitting}>
            {isSubmitting ? 'Creating…' : 'Create user'}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={isSubmitting}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

/** The server's reason for one field (the problem's `errors` pointing to `/<field>`), if it gave one. */
function fieldProblem(cause: unknown, field: string): string | undefined {
  if (!(cause instanceof ApiError)) return undefined;
  const found = cause.errors.filter((e) => e.pointer === `/${field}`).map((e) => e.message);
  return found.length ? found.join(' ') : undefined;
}
