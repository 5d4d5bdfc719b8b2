import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-client';
import { guardLeaving } from '../routing/router';
import type { TaskApi } from './task-api';

type Data = Record<string, unknown>;

/** How long typing must pause before the draft goes to the server. */
export const DRAFT_SAVE_DELAY_MS = 1000;
export const LEAVE_QUESTION =
  'Your latest changes to this form are not saved yet. Leave the page and lose them?';

export interface TaskDraftState {
  /** Whether drafts are kept at all (only for someone who may complete the task now). */
  enabled: boolean;
  status: 'idle' | 'saving' | 'saved' | 'failed' | 'discarded';
  /** When the server last stored the draft. */
  savedAt: string | null;
  error: string | null;
  /** Set when the form was filled from a draft saved earlier: its time. */
  restoredFrom: string | null;
  discard(): Promise<void>;
  /** The work was submitted: nothing is left unsaved, and nothing more is saved. */
  settle(): void;
}

const same = (a: Data | undefined | null, b: Data | undefined | null) =>
  JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

/**
 * Keeps the server's draft of a task form in step with what the person types: restores it on opening,
 * saves it when typing pauses, and warns on leaving (reload, close, in-app link) while changes are unsaved.
 */
export function useTaskDraft(options: {
  tasks: TaskApi;
  taskId: string;
  enabled: boolean;
  /** The form as it is now. */
  value: Data | undefined;
  /** What the form holds without a draft (to go back to on discard). */
  initial: Data | undefined;
  /** Puts data into the form. */
  restore(data: Data | undefined): void;
  delayMs?: number;
}): TaskDraftState {
  const { tasks, taskId, enabled, value, initial, restore, delayMs = DRAFT_SAVE_DELAY_MS } = options;
  const [status, setStatus] = useState<TaskDraftState['status']>('idle');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [restoredFrom, setRestoredFrom] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  // What the server holds (or the form started with): a value equal to it needs no saving.
  const saved = useRef<Data | undefined>(value);
  const latest = useRef(value);
  latest.current = value;
  const dirty = useRef(false);
  /** Whether the person typed or picked anything in the form yet. */
  const touched = useRef(false);
  const settled = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const restoreRef = useRef(restore);
  restoreRef.current = restore;

  // On opening: restore the person's draft, unless they already started typing.
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    tasks
      .draft(taskId, abort.signal)
      .then((draft) => {
        if (abort.signal.aborted || touched.current) return;
        saved.current = draft.data;
        setRestoredFrom(draft.updatedAt);
        restoreRef.current(draft.data);
      })
      .catch((cause) => {
        if (abort.signal.aborted || (cause instanceof ApiError && cause.status === 404)) return;
        setStatus('failed');
        setError(`your earlier draft could not be loaded (${errorMessage(cause)})`);
      })
      .finally(() => !abort.signal.aborted && setLoaded(true));
    return () => abort.abort();
  }, [tasks, taskId, enabled]);

  const save = useCallback(async () => {
    const data = latest.current ?? {};
    setStatus('saving');
    try {
      const result = await tasks.saveDraft(taskId, data);
      if (settled.current) return;
      saved.current = data;
      dirty.current = !same(latest.current, data);
      setSavedAt(result.updatedAt);
      setError(null);
      setStatus('saved');
    } catch (cause) {
      if (settled.current) return;
      setError(errorMessage(cause));
      setStatus('failed');
    }
  }, [tasks, taskId]);

  // Only the person's own input counts: the form library also reports values it fills in itself
  // (defaults when it mounts or turns editable), which must neither be saved nor block leaving.
  useEffect(() => {
    if (!enabled) return;
    const mark = (event: Event) => {
      if ((event.target as Element | null)?.closest?.('.afr-form')) touched.current = true;
    };
    document.addEventListener('input', mark, true);
    document.addEventListener('change', mark, true);
    return () => {
      document.removeEventListener('input', mark, true);
      document.removeEventListener('change', mark, true);
    };
  }, [enabled]);

  // Each change (re)starts the pause timer; a value back to what is saved needs nothing.
  useEffect(() => {
    if (!enabled || !loaded || settled.current) return;
    clearTimeout(timer.current);
    if (!touched.current) {
      saved.current = value;
      return;
    }
    if (same(value, saved.current)) {
      dirty.current = false;
      return;
    }
    dirty.current = true;
    timer.current = setTimeout(() => void save(), delayMs);
  }, [value, enabled, loaded, save, delayMs]);

  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (!enabled) {
      clearTimeout(timer.current);
      dirty.current = false;
    }
  }, [enabled]);

  // Leaving with unsaved changes asks first: the browser's own question on reload or close, ours in the app.
  useEffect(() => {
    if (!enabled) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirty.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', beforeUnload);
    const removeGuard = guardLeaving(() => !dirty.current || window.confirm(LEAVE_QUESTION));
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      removeGuard();
    };
  }, [enabled]);

  const discard = useCallback(async () => {
    clearTimeout(timer.current);
    try {
      await tasks.discardDraft(taskId);
    } catch (cause) {
      setError(`the draft could not be discarded (${errorMessage(cause)})`);
      setStatus('failed');
      return;
    }
    // An empty object, not undefined: the form resets only when handed new data.
    const fresh = initial ?? {};
    saved.current = fresh;
    latest.current = fresh;
    dirty.current = false;
    setRestoredFrom(null);
    setSavedAt(null);
    setError(null);
    setStatus('discarded');
    restoreRef.current(fresh);
  }, [tasks, taskId, initial]);

  const settle = useCallback(() => {
    settled.current = true;
    clearTimeout(timer.current);
    dirty.current = false;
  }, []);

  return { enabled, status, savedAt, error, restoredFrom, discard, settle };
}
