import { ApiError, type ApiClient } from '../api/api-client';

/** The fields of a password change; the server names one of them when it refuses it. */
export type PasswordField = 'currentPassword' | 'newPassword';

/** The signed-in user sets a new password; the server ends their other sessions. */
export function changePassword(api: ApiClient, currentPassword: string, newPassword: string): Promise<void> {
  return api.post<void>('/auth/password', { currentPassword, newPassword });
}

/**
 * The server's reason per field (the problem's `errors`, pointing to `/currentPassword` or
 * `/newPassword`) of a refused change. A reason that names no field of the form comes back under `form`.
 */
export function passwordChangeProblems(cause: unknown): Partial<Record<PasswordField | 'form', string>> {
  if (!(cause instanceof ApiError)) return { form: cause instanceof Error ? cause.message : String(cause) };
  if (cause.status === 429) return { form: 'Too many wrong attempts. Wait a few minutes, then try again.' };
  const problems: Partial<Record<PasswordField | 'form', string>> = {};
  for (const error of cause.errors) {
    const name = error.pointer.slice(1);
    const field = name === 'currentPassword' || name === 'newPassword' ? name : 'form';
    const message = plain(error.message) || cause.message;
    problems[field] = problems[field] ? `${problems[field]} ${message}` : message;
  }
  return Object.keys(problems).length > 0 ? problems : { form: cause.message };
}

/** "newPassword is too easy…" reads better next to its field as "This password is too easy…". */
function plain(message: string): string {
  return message
    .replace(/^currentPassword is wrong\.?/, 'That is not your current password.')
    .replace(/^(newPassword|password) /, 'This password ');
}
