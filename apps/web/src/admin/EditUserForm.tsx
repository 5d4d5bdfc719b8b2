import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { errorMessage } from '../api/api-client';
import type { UserSummary } from '../api/api-types';
import { dateInputToIso, isoToDateInput, type AdminApi } from './admin-api';
import { atLeastOneRole, RoleCheckboxes } from './RoleCheckboxes';

interface EditUserValues {
  name: string;
  roles: string[];
  expiresAt: string;
}

/** Change a user's name, roles and access expiry. */
export function EditUserForm({
  admin,
  user,
  onSaved,
  onCancel,
}: {
  admin: AdminApi;
  user: UserSummary;
  onSaved: (user: UserSummary) => void;
  onCancel: () => void;
}) {
  const [serverError, setServerError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<EditUserValues>({
    defaultValues: { name: user.name, roles: user.roles, expiresAt: isoToDateInput(user.expiresAt) },
  });

  useEffect(() => {
    headingRef.current?.focus();
  }, [user.id]);

  const submit = handleSubmit(async (values) => {
    setServerError(null);
    try {
      const saved = await admin.updateUser(user.id, {
        name: values.name.trim(),
        roles: values.roles,
        expiresAt: dateInputToIso(values.expiresAt),
      });
      onSaved(saved);
    } catch (cause) {
      setServerError(errorMessage(cause));
    }
  });

  return (
    <section className="panel" aria-labelledby="edit-user-title">
      <h2 id="edit-user-title" tabIndex={-1} ref={headingRef}>
        Edit {user.name}
      </h2>
      <p className="muted">{user.email}</p>
      <form onSubmit={submit} noValidate>
        {serverError && (
          <div className="alert alert--error" role="alert">
            {serverError}
          </div>
        )}
        <div className="form-grid">
          <label className="field">
            <span className="field__label">Full name</span>
            <input
              type="text"
              aria-invalid={!!errors.name}
              {...register('name', { validate: (v) => v.trim().length > 0 || 'Enter a name.' })}
            />
            {errors.name && <span className="field__error">{errors.name.message}</span>}
          </label>
          <label className="field">
            <span className="field__label">Access expires (optional)</span>
            <input type="date" {...register('expiresAt')} />
          </label>
        </div>
        <RoleCheckboxes
          registration={register('roles', { validate: atLeastOneRole })}
          error={errors.roles?.message}
        />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : 'Save changes'}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={isSubmitting}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
