import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useAuth } from './AuthProvider';
import { changePassword, passwordChangeProblems, type PasswordField } from './password-api';

/** The server's minimum; its strength check (zxcvbn) says why a longer password is still refused. */
const MIN_LENGTH = 10;

type Problems = Partial<Record<PasswordField | 'confirm' | 'form', string>>;

/**
 * Current, new and repeated password. Problems are shown next to their field (the server's own
 * words for strength); on success the user's other sessions have ended.
 */
export function ChangePasswordForm({
  onChanged,
  submitLabel = 'Change password',
}: {
  onChanged: () => void;
  submitLabel?: string;
}) {
  const { api, passwordChanged } = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [submitting, setSubmitting] = useState(false);
  const id = useId();
  const refs = {
    currentPassword: useRef<HTMLInputElement>(null),
    newPassword: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };

  // After the inputs are enabled again: the first field with a problem takes focus.
  useEffect(() => {
    if (submitting) return;
    const first = (['currentPassword', 'newPassword', 'confirm'] as const).find((field) => problems[field]);
    if (first) refs[first].current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the refs are stable
  }, [problems, submitting]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const local: Problems = {};
    if (!current) local.currentPassword = 'Enter your current password.';
    if (next.length < MIN_LENGTH) local.newPassword = `Use at least ${MIN_LENGTH} characters.`;
    if (next !== confirm) local.confirm = 'The two new passwords are not the same.';
    if (Object.keys(local).length > 0) return setProblems(local);
    setProblems({});
    setSubmitting(true);
    try {
      await changePassword(api, current, next);
      passwordChanged();
      onChanged();
    } catch (cause) {
      setSubmitting(false);
      setProblems(passwordChangeProblems(cause));
    }
  }

  const field = (
    name: keyof typeof refs,
    label: string,
    value: string,
    set: (value: string) => void,
    autoComplete: string,
    hint?: string,
  ) => {
    const inputId = `${id}-${name}`;
    const hintId = `${inputId}-hint`;
    const errorId = `${inputId}-error`;
    const describedBy = [problems[name] ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ');
    // Hint and problem sit outside the <label>, so the input's name is the label alone.
    return (
      <div className="field">
        <label className="field__label" htmlFor={inputId}>
          {label}
        </label>
        <input
          id={inputId}
          ref={refs[name]}
          type="password"
          name={name}
          autoComplete={autoComplete}
          required
          value={value}
          onChange={(event) => set(event.target.value)}
          disabled={submitting}
          aria-invalid={!!problems[name]}
          aria-describedby={describedBy || undefined}
        />
        {hint && (
          <span className="field__hint" id={hintId}>
            {hint}
          </span>
        )}
        {problems[name] && (
          <span className="field__error" id={errorId}>
            {problems[name]}
          </span>
        )}
      </div>
    );
  };

  return (
    <form onSubmit={handleSubmit} noValidate aria-label="Change password">
      {problems.form && (
        <div className="alert alert--error" role="alert">
          {problems.form}
        </div>
      )}
      {field('currentPassword', 'Current password', current, setCurrent, 'current-password')}
      {field(
        'newPassword',
        'New password',
        next,
        setNext,
        'new-password',
        `At least ${MIN_LENGTH} characters and hard to guess: a few unrelated words work well. Not your name or email.`,
      )}
      {field('confirm', 'Repeat the new password', confirm, setConfirm, 'new-password')}
      <button type="submit" className="button button--primary" disabled={submitting}>
        {submitting ? 'Changing…' : submitLabel}
      </button>
    </form>
  );
}
