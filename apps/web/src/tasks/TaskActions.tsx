import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-client';
import type { Person, TaskDetail } from '../api/api-types';
import { useQuery } from '../api/useQuery';
import { useCurrentUser } from '../auth/AuthProvider';
import type { TaskApi } from './task-api';
import { fromDateTimeLocal, personName, toDateTimeLocal } from './task-people';

const MANAGERS = ['admin', 'aims-manager'];

type Action = 'assign' | 'delegate' | 'end-delegation' | 'due' | 'clear-due';

/**
 * Assign (managers), delegate (the assignee) and move the due date (managers). Approval tasks are
 * personal decisions: they cannot be assigned or delegated, only re-dated.
 */
export function TaskActions({
  task,
  tasks,
  people,
  names,
  onChanged,
}: {
  task: TaskDetail;
  tasks: TaskApi;
  people: Person[];
  names: ReadonlyMap<string, string>;
  onChanged(next: TaskDetail, message: string): void;
}) {
  const me = useCurrentUser();
  const isManager = me.roles.some((role) => MANAGERS.includes(role));
  const isApproval = !!task.approvalId;
  const canAssign = isManager && !isApproval;
  const canDelegate = task.assigneeId === me.id && !isApproval;
  const canRedate = isManager;
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState('');
  const [assignee, setAssignee] = useState('');
  const [delegate, setDelegate] = useState('');
  const [due, setDue] = useState(toDateTimeLocal(task.dueAt));
  const directory = useQuery(
    (signal) => (canAssign ? tasks.assignableUsers(signal) : Promise.resolve([])),
    `assignable:${canAssign}`,
  );

  if (task.status !== 'open' || !(canAssign || canDelegate || canRedate)) return null;

  async function run(action: Action, call: () => Promise<TaskDetail>, message: (next: TaskDetail) => string) {
    setBusy(action);
    setError('');
    try {
      const next = await call();
      onChanged(next, message(next));
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(null);
    }
  }

  const submit = (handler: () => void) => (event: FormEvent) => {
    event.preventDefault();
    if (busy === null) handler();
  };

  return (
    <section className="panel task-actions" aria-labelledby="task-actions-title">
      <h2 id="task-actions-title">Task actions</h2>
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      <div className="task-actions__row">
        {canAssign && (
          <form
            className="task-actions__form"
            aria-label="Assign the task"
            onSubmit={submit(
              () =>
                void run(
                  'assign',
                  () => tasks.assign(task.id, assignee),
                  (next) => `Assigned to ${personName(next.assigneeId ?? assignee, me.id, names)}.`,
                ),
            )}
          >
            <label className="field">
              <span className="field__label">Assign to</span>
              <select
                value={assignee}
                onChange={(event) => setAssignee(event.target.value)}
                disabled={!directory.data}
              >
                <option value="">
                  {directory.error
                    ? 'The directory is not available'
                    : directory.data
                      ? 'Choose a person…'
                      : 'Loading people…'}
                </option>
                {(directory.data ?? [])
                  .filter((user) => user.id !== task.assigneeId)
                  .map((user) => (
                    <option key={user.id} value={user.id}>
                      {user.name} ({user.email})
                    </option>
                  ))}
              </select>
            </label>
            <button type="submit" className="button button--small" disabled={!assignee || busy !== null}>
              {busy === 'assign' ? 'Assigning…' : 'Assign'}
            </button>
          </form>
        )}
        {canDelegate && (
          <form
            className="task-actions__form"
            aria-label="Delegate the task"
            onSubmit={submit(
              () =>
                void run(
                  'delegate',
                  () => tasks.delegate(task.id, delegate),
                  () => `Delegated to ${personName(delegate, me.id, names)}; you stay accountable.`,
                ),
            )}
          >
            <label className="field">
              <span className="field__label">Delegate to</span>
              <select value={delegate} onChange={(event) => setDelegate(event.target.value)}>
                <option value="">Choose a person…</option>
                {people
                  .filter((person) => person.id !== me.id && person.id !== task.delegateId)
                  .map((person) => (
                    <option key={person.id} value={person.id}>
                      {person.name} ({person.email})
                    </option>
                  ))}
              </select>
            </label>
            <button type="submit" className="button button--small" disabled={!delegate || busy !== null}>
              {busy === 'delegate' ? 'Delegating…' : 'Delegate'}
            </button>
            {task.delegateId && (
              <button
                type="button"
                className="button button--small"
                disabled={busy !== null}
                onClick={() =>
                  void run(
                    'end-delegation',
                    () => tasks.delegate(task.id, null),
                    () => 'The delegation ended; the task is yours alone again.',
                  )
                }
              >
                {busy === 'end-delegation' ? 'Ending…' : 'End delegation'}
              </button>
            )}
          </form>
        )}
        {canRedate && (
          <form
            className="task-actions__form"
            aria-label="Change the due date"
            onSubmit={submit(() => {
              const dueAt = fromDateTimeLocal(due);
              if (dueAt)
                void run(
                  'due',
                  () => tasks.setDue(task.id, dueAt),
                  () => 'The due date changed; reminders moved with it.',
                );
            })}
          >
            <label className="field">
              <span className="field__label">Due date</span>
              <input type="datetime-local" value={due} onChange={(event) => setDue(event.target.value)} />
            </label>
            <button
              type="submit"
              className="button button--small"
              disabled={!fromDateTimeLocal(due) || busy !== null}
            >
              {busy === 'due' ? 'Saving…' : 'Change due date'}
            </button>
            {task.dueAt && (
              <button
                type="button"
                className="button button--small"
                disabled={busy !== null}
                onClick={() =>
                  void run(
                    'clear-due',
                    () => tasks.setDue(task.id, null),
                    () => 'The task has no due date now.',
                  )
                }
              >
                {busy === 'clear-due' ? 'Removing…' : 'Remove due date'}
              </button>
            )}
          </form>
        )}
      </div>
    </section>
  );
}
