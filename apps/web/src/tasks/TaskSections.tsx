import { useState, type FormEvent } from 'react';
import { HistoryTimeline } from '@aimsflow/process-diagram';
import { errorMessage } from '../api/api-client';
import type { HistoryItem, TaskComment } from '../api/api-types';
import { useQuery } from '../api/useQuery';
import { formatDateTime } from '../inbox/due';
import type { TaskApi } from './task-api';

/** Comments on a task: the thread and a box to add one. */
export function TaskComments({ tasks, taskId }: { tasks: TaskApi; taskId: string }) {
  const query = useQuery((signal) => tasks.comments(taskId, signal), `comments:${taskId}`);
  const [added, setAdded] = useState<TaskComment[]>([]);
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const comments = [
    ...(query.data ?? []),
    ...added.filter((a) => !(query.data ?? []).some((c) => c.id === a.id)),
  ];

  async function add(event: FormEvent) {
    event.preventDefault();
    const text = body.trim();
    if (!text) return;
    setBusy(true);
    setError('');
    try {
      const comment = await tasks.addComment(taskId, text);
      if (comment && comment.id) setAdded((previous) => [...previous, comment]);
      else query.reload();
      setBody('');
    } catch (cause) {
      setError(`Could not add the comment: ${errorMessage(cause)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel comments" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments{comments.length ? ` (${comments.length})` : ''}</h2>
      {query.error ? (
        <p className="muted small">Comments are not available: {errorMessage(query.error)}</p>
      ) : comments.length === 0 ? (
        <p className="muted small">
          {query.loading
            ? 'Loading comments…'
            : 'No comments yet. Ask a question or leave a note for whoever picks this up next.'}
        </p>
      ) : (
        <ol className="comments__list">
          {comments.map((comment) => (
            <li key={comment.id}>
              <p className="comments__who">
                <strong>{comment.authorName}</strong>{' '}
                <span className="muted small">{formatDateTime(comment.createdAt)}</span>
              </p>
              <p className="comments__body">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={add} className="comments__form">
        <label className="field">
          <span className="field__label">Add a comment</span>
          <textarea
            rows={2}
            value={body}
            maxLength={4000}
            onChange={(event) => setBody(event.target.value)}
          />
        </label>
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--small" disabled={busy || !body.trim()}>
          {busy ? 'Posting…' : 'Post comment'}
        </button>
      </form>
    </section>
  );
}

/** The instance's hash-chained history, loaded when the reader opens it. */
export function HistorySection({
  tasks,
  instanceId,
  defaultOpen = false,
}: {
  tasks: TaskApi;
  instanceId: string;
  defaultOpen?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <details
      className="panel history"
      open={defaultOpen}
      onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}
    >
      <summary>
        <h2 className="history__title">Process history</h2>
      </summary>
      {open && <HistoryBody tasks={tasks} instanceId={instanceId} />}
    </details>
  );
}

function HistoryBody({ tasks, instanceId }: { tasks: TaskApi; instanceId: string }) {
  const query = useQuery<HistoryItem[]>(
    (signal) => tasks.history(instanceId, signal),
    `history:${instanceId}`,
  );
  if (query.error)
    return <p className="muted small">The history is not available: {errorMessage(query.error)}</p>;
  if (!query.data) return <p className="muted small">Loading history…</p>;
  return <HistoryTimeline items={query.data} formatTime={formatDateTime} />;
}
