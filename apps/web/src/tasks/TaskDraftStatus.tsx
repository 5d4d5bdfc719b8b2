import { useRef } from 'react';
import { formatDateTime } from '../inbox/due';
import type { TaskDraftState } from './useTaskDraft';

const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/** The quiet line under the form heading: whether the draft is saved, and the restored-draft notice. */
export function TaskDraftStatus({ draft }: { draft: TaskDraftState }) {
  const line = useRef<HTMLParagraphElement>(null);
  if (!draft.enabled) return null;
  const text =
    draft.status === 'saving'
      ? 'Saving…'
      : draft.status === 'saved' && draft.savedAt
        ? `Draft saved ${clock(draft.savedAt)}`
        : draft.status === 'failed'
          ? `Draft not saved: ${draft.error}`
          : draft.status === 'discarded'
            ? 'Draft discarded.'
            : '';
  return (
    <div className="task-draft">
      {draft.restoredFrom && (
        <div className="alert alert--info" role="note" data-testid="draft-restored">
          Restored your draft from {formatDateTime(draft.restoredFrom)}.{' '}
          <button
            type="button"
            className="button button--small"
            onClick={() => void draft.discard().then(() => line.current?.focus())}
          >
            Discard draft
          </button>
        </div>
      )}
      {/* Always rendered, so screen readers announce each change of the live region. */}
      <p
        ref={line}
        tabIndex={-1}
        role="status"
        className={`small task-draft__status${draft.status === 'failed' ? ' task-draft__status--failed' : ' muted'}`}
        data-testid="draft-status"
      >
        {text}
      </p>
    </div>
  );
}
