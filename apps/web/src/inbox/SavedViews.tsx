import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-client';
import type { SavedInboxView } from '../api/api-types';
import type { InboxApi } from './inbox-api';
import { inboxQueryToSearch, parseInboxQuery, toSavedQuery, type InboxQuery } from './inbox-query';

/** Named inbox filters: apply one with a click, save the current filters, delete old ones. */
export function SavedViews({
  inbox,
  query,
  onApply,
}: {
  inbox: InboxApi;
  query: InboxQuery;
  onApply(query: InboxQuery): void;
}) {
  const [views, setViews] = useState<SavedInboxView[]>([]);
  const [available, setAvailable] = useState(true);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    inbox.views(controller.signal).then(setViews, () => {
      if (!controller.signal.aborted) setAvailable(false);
    });
    return () => controller.abort();
  }, [inbox]);

  if (!available) return null;
  const currentSearch = inboxQueryToSearch(query);

  async function save(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    setBusy(true);
    try {
      const saved = await inbox.saveView(trimmed, toSavedQuery(query));
      setViews((previous) => [...previous.filter((view) => view.id !== saved.id), saved]);
      setStatus(`Saved the view “${trimmed}”.`);
      setName('');
      setNaming(false);
    } catch (cause) {
      setStatus(`Could not save the view: ${errorMessage(cause)}`);
    } finally {
      setBusy(false);
    }
  }

  async function remove(view: SavedInboxView) {
    try {
      await inbox.deleteView(view.id);
      setViews((previous) => previous.filter((v) => v.id !== view.id));
      setStatus(`Deleted the view “${view.name}”.`);
    } catch (cause) {
      setStatus(`Could not delete the view: ${errorMessage(cause)}`);
    }
  }

  return (
    <div className="saved-views">
      <span className="saved-views__label">Saved views</span>
      {views.length === 0 && (
        <span className="muted small">None yet — set filters, then save them here.</span>
      )}
      <ul className="saved-views__list" aria-label="Saved views">
        {views.map((view) => {
          const viewQuery = parseInboxQuery(typeof view.query === 'string' ? view.query : view.query);
          const active = inboxQueryToSearch(viewQuery) === currentSearch;
          return (
            <li key={view.id} className="saved-view">
              <button
                type="button"
                className="saved-view__apply"
                aria-pressed={active}
                onClick={() => onApply(viewQuery)}
              >
                {view.name}
              </button>
              <button
                type="button"
                className="saved-view__delete"
                aria-label={`Delete view ${view.name}`}
                onClick={() => void remove(view)}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      {naming ? (
        <form className="saved-views__form" onSubmit={save} aria-label="Save the current filters">
          <label className="visually-hidden" htmlFor="saved-view-name">
            View name
          </label>
          <input
            id="saved-view-name"
            type="text"
            value={name}
            placeholder="View name"
            autoFocus
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
          />
          <button
            type="submit"
            className="button button--small button--primary"
            disabled={busy || !name.trim()}
          >
            Save
          </button>
          <button type="button" className="button button--small" onClick={() => setNaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="button button--small" onClick={() => setNaming(true)}>
          Save current view
        </button>
      )}
      <span className="inline-status small" role="status" aria-live="polite">
        {status}
      </span>
    </div>
  );
}
