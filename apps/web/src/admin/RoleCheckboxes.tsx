import type { UseFormRegisterReturn } from 'react-hook-form';
import { ROLES, roleLabel } from '../api/api-types';

/** A fieldset of one checkbox per role, registered as one react-hook-form array field. */
export function RoleCheckboxes({
  registration,
  error,
  legend = 'Roles',
}: {
  registration: UseFormRegisterReturn;
  error?: string;
  legend?: string;
}) {
  const errorId = `${registration.name}-error`;
  return (
    <fieldset
      className="field checkbox-group"
      aria-describedby={error ? errorId : undefined}
      aria-invalid={!!error}
    >
      <legend className="field__label">{legend}</legend>
      {ROLES.map((role) => (
        <label key={role} className="checkbox">
          <input type="checkbox" value={role} {...registration} />
          <span>{roleLabel(role)}</span>
        </label>
      ))}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Validation rule: at least one role must be ticked. */
export function atLeastOneRole(value: unknown): true | string {
  return (Array.isArray(value) && value.length > 0) || 'Choose at least one role.';
}
