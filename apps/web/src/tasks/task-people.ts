import { roleLabel, type TaskDetail } from '../api/api-types';

/** A person's name for the reader: "you", their name, or a fallback when the name is not known. */
export function personName(
  id: string,
  meId: string,
  names: ReadonlyMap<string, string>,
  unknown = 'someone else',
): string {
  if (id === meId) return 'you';
  return names.get(id) ?? unknown;
}

/** Who holds the task now, as a short phrase. */
export function holderText(task: TaskDetail, meId: string, names: ReadonlyMap<string, string>): string {
  if (task.assigneeId) {
    const name =
      task.assigneeId === meId ? 'You' : (names.get(task.assigneeId) ?? task.assigneeName ?? 'Someone else');
    return name;
  }
  const offered = [
    task.candidateRole ? roleLabel(task.candidateRole) : null,
    task.candidateGroupName ?? (task.candidateGroupId ? 'a group' : null),
  ].filter(Boolean);
  return offered.length ? `Nobody yet — offered to ${offered.join(' / ')}` : 'Nobody yet';
}

/** "Delegated to X by Y" (the assignee delegates and stays accountable), or null. */
export function delegationText(
  task: TaskDetail,
  meId: string,
  names: ReadonlyMap<string, string>,
): string | null {
  if (!task.delegateId) return null;
  const by = task.assigneeId ? personName(task.assigneeId, meId, names, 'the assignee') : 'the assignee';
  return `Delegated to ${personName(task.delegateId, meId, names)} by ${by}`;
}

/** An ISO instant as the value of an `<input type="datetime-local">`, in the browser's time zone. */
export function toDateTimeLocal(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The value of a `datetime-local` input as an ISO instant, or null when empty or invalid. */
export function fromDateTimeLocal(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
