import { LoadMore } from '../app/LoadMore';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { errorMessage } from '../api/api-client';
import { roleLabel, type InboxCounts, type InboxItem } from '../api/api-types';
import { PageLoading } from '../app/Loading';
import { PageHeader } from '../app/PageHeader';
import { useAuth, useCurrentUser } from '../auth/AuthProvider';
import { useDebouncedValue } from '../admin/useDebouncedValue';
import { Link } from '../routing/Link';
import { navigate } from '../routing/router';
import { useLocation } from '../routing/useRoute';
import { cannotDecideReason } from '../approvals/approval-rules';
import { dueInfo } from './due';
import { clearFlash, peekFlash } from './flash';
import { inboxApi, type InboxApi } from './inbox-api';
import { subscribeInboxEvents } from './inbox-events';
import {
  ALL_TASKS_ROLES,
  DEFAULT_INBOX_QUERY,
  inboxQueryToSearch,
  parseInboxQuery,
  toApiQuery,
  type InboxFilter,
  type InboxQuery,
} from './inbox-query';
import { RaiseReport } from './RaiseReport';
import { SavedViews } from './SavedViews';

const PAGE_SIZE = 25;

const FILTER_LABELS: Record<InboxFilter, string> = { mine: 'Mine', available: 'Available', all: 'All' };

/** The user's work queue: their tasks, tasks they may claim, and (for managers and auditors) all tasks. */
export function InboxPage() {
  const user = useCurrentUser();
  const { api } = useAuth();
  const inbox = useMemo(() => inboxApi(api), [api]);
  const { search } = useLocation();
  const query = useMemo(() => parseInboxQuery(search), [search]);
  const canSeeAll = user.roles.some((role) => ALL_TASKS_ROLES.includes(role));
  const effective: InboxQuery = query.filter === 'all' && !canSeeAll ? { ...query, filter: 'mine' } : query;

  const [searchText, setSearchText] = useState(query.q);
  const debouncedSearch = useDebouncedValue(searchText, 300);
  const [flash] = useState(peekFlash);
  useEffect(() => clearFlash(), []);

  const setQuery = useCallback((patch: Partial<InboxQuery>) => {
    const next = { ...parseInboxQuery(window.location.search), ...patch };
    navigate(`/inbox${inboxQueryToSearch(next)}`, { replace: true });
  }, []);

  useEffect(() => {
    if (debouncedSearch.trim() !== query.q.trim()) setQuery({ q: debouncedSearch });
    // Only the typed text drives this; a URL change (saved view) resets the box below.
  }, [debouncedSearch]); // eslint-disable-line react-hooks/exhaustive-deps

  const lastUrlQ = useRef(query.q);
  useEffect(() => {
    if (query.q !== lastUrlQ.current) {
      lastUrlQ.current = query.q;
      if (query.q.trim() !== searchText.trim()) setSearchText(query.q);
    }
  }, [query.q, searchText]);

  const { items, counts, nextCursor, loading, loadingMore, error, loadMore, reload } = useInboxPages(
    inbox,
    effective,
  );

  const listRef = useRef<HTMLUListElement>(null);
  useListKeyboard(listRef);

  const filters: InboxFilter[] = canSeeAll ? ['mine', 'available', 'all'] : ['mine', 'available'];
  const filtered =
    effective.q.trim() !== '' ||
    effective.overdue ||
    effective.definitionKey !== '' ||
    effective.formKey !== '';

  return (
    <section className="page inbox">
      <PageHeader
        title="Inbox"
        description={`Welcome, ${user.name.split(' ')[0]}. Use j / k or the arrow keys to move through tasks, Enter to open one.`}
        actions={<RaiseReport />}
      />

      {flash && (
        <div className="alert alert--success" role="status">
          {flash}
        </div>
      )}

      <div className="inbox-tabs" role="group" aria-label="Which tasks">
        {filters.map((filter) => {
          const count = filter === 'all' ? undefined : counts?.[filter];
          return (
            <button
              key={filter}
              type="button"
              className="inbox-tab"
              aria-pressed={effective.filter === filter}
              onClick={() => setQuery({ filter })}
              data-testid={`inbox-filter-${filter}`}
            >
              {FILTER_LABELS[filter]}
              {count !== undefined && (
                <span
                  className="inbox-tab__count"
                  aria-label={`${count} tasks`}
                  data-testid={`inbox-count-${filter}`}
                >
                  {count}
                </span>
              )}
            </button>
          );
        })}
      </div>

      <div className="toolbar inbox-toolbar" role="search">
        <label className="field field--inline">
          <span className="field__label">Search tasks</span>
          <input
            type="search"
            placeholder="Title or process"
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
          />
        </label>
        <label className="field field--inline">
          <span className="field__label">Status</span>
          <select
            value={effective.status}
            onChange={(event) => setQuery({ status: event.target.value as InboxQuery['status'] })}
          >
            <option value="open">Open</option>
            <option value="completed">Completed</option>
            <option value="cancelled">Cancelled</option>
          </select>
        </label>
        <label className="field field--inline">
          <span className="field__label">Sort by</span>
          <select
            value={effective.sort}
            onChange={(event) => setQuery({ sort: event.target.value as InboxQuery['sort'] })}
          >
            <option value="due">Due date</option>
            <option value="priority">Priority</option>
            <option value="created">Newest</option>
          </select>
        </label>
        <label className="checkbox inbox-overdue">
          <input
            type="checkbox"
            checked={effective.overdue}
            onChange={(event) => setQuery({ overdue: event.target.checked })}
          />
          <span>Overdue only{counts ? ` (${counts.overdue})` : ''}</span>
        </label>
        {(effective.definitionKey || effective.formKey) && (
          <span className="tag">
            {effective.definitionKey && `Process: ${effective.definitionKey}`}
            {effective.formKey && ` Form: ${effective.formKey}`}
          </span>
        )}
      </div>

      <SavedViews
        inbox={inbox}
        query={effective}
        onApply={(next) => navigate(`/inbox${inboxQueryToSearch(next)}`, { replace: true })}
      />

      {error ? (
        <div className="alert alert--error" role="alert">
          Could not load your tasks: {errorMessage(error)}{' '}
          <button type="button" className="button button--small" onClick={reload}>
            Try again
          </button>
        </div>
      ) : null}

      {loading && items.length === 0 ? (
        <PageLoading label="Loading tasks…" />
      ) : items.length === 0 && !error ? (
        <InboxEmptyState
          query={effective}
          filtered={filtered}
          counts={counts}
          onClear={() => {
            setSearchText('');
            navigate(`/inbox${inboxQueryToSearch({ ...DEFAULT_INBOX_QUERY, filter: effective.filter })}`, {
              replace: true,
            });
          }}
        />
      ) : items.length === 0 ? null : (
        <ul
          className="inbox-list"
          aria-label="Tasks"
          aria-busy={loading}
          ref={listRef}
          data-testid="inbox-list"
        >
          {items.map((item) => (
            <InboxRow key={item.id} item={item} meId={user.id} />
          ))}
        </ul>
      )}

      <LoadMore nextCursor={nextCursor} loading={loadingMore} onLoadMore={loadMore} label="Load more tasks" />
    </section>
  );
}

function InboxRow({ item, meId }: { item: InboxItem; meId: string }) {
  const due = item.status === 'open' ? dueInfo(item.dueAt) : null;
  const blocked = item.status === 'open' && item.approvalId ? cannotDecideReason(item.allowedActions) : null;
  return (
    <li>
      <Link
        to={`/tasks/${encodeURIComponent(item.id)}`}
        className="inbox-row"
        data-inbox-row
        data-testid="inbox-row"
      >
        <span className="inbox-row__main">
          <span className="inbox-row__title">{item.title}</span>
          <span className="inbox-row__meta muted small">
            <span>{item.definitionKey}</span>
            <span aria-hidden="true"> · </span>
            <span>{holderText(item, meId)}</span>
            {item.status !== 'open' && (
              <>
                <span aria-hidden="true"> · </span>
                <span>{item.status === 'completed' ? 'Completed' : 'Cancelled'}</span>
              </>
            )}
          </span>
        </span>
        <span className="inbox-row__side">
          {blocked && (
            <span className="badge badge--muted" title={blocked} data-testid="inbox-cannot-decide">
              Cannot decide<span className="visually-hidden">: {blocked}</span>
            </span>
          )}
          {due && due.tone !== 'none' && <span className={`badge badge--due-${due.tone}`}>{due.text}</span>}
          {!!item.priority && (
            <span className="badge badge--muted" title="Priority">
              Priority {item.priority}
            </span>
          )}
        </span>
      </Link>
    </li>
  );
}

/** "You", a person's name, or the role/group the task is offered to. */
export function holderText(
  item: Pick<
    InboxItem,
    'assigneeId' | 'assigneeName' | 'candidateRole' | 'candidateGroupName' | 'candidateGroupId'
  > & { delegateName?: string | null },
  meId: string,
): string {
  if (item.assigneeId) {
    const who = item.assigneeId === meId ? 'You' : (item.assigneeName ?? 'Someone else');
    return item.delegateName ? `${who} (delegated to ${item.delegateName})` : who;
  }
  const offered = [
    item.candidateRole ? roleLabel(item.candidateRole) : null,
    item.candidateGroupName ?? (item.candidateGroupId ? 'a group' : null),
  ].filter(Boolean);
  return offered.length ? `Offered to ${offered.join(' / ')}` : 'Unassigned';
}

function InboxEmptyState({
  query,
  filtered,
  counts,
  onClear,
}: {
  query: InboxQuery;
  filtered: boolean;
  counts?: InboxCounts;
  onClear(): void;
}) {
  const user = useCurrentUser();
  const groups = user.groups.map((group) => group.name);
  const roles = user.roles.map(roleLabel);
  let title: string;
  let body: string;
  if (filtered) {
    title = 'No tasks match these filters';
    body = 'Try a different search, or clear the filters to see everything in this list.';
  } else if (query.status !== 'open') {
    title = query.status === 'completed' ? 'Nothing completed yet' : 'No cancelled tasks';
    body =
      query.status === 'completed'
        ? 'Tasks you have completed will be listed here, with the data you submitted.'
        : 'Tasks withdrawn because their process moved on or was cancelled show here.';
  } else if (query.filter === 'mine') {
    title = 'Your inbox is empty';
    body = `Tasks assigned to you, or that you claim from your roles${groups.length ? ` and groups (${groups.join(', ')})` : ' and groups'}, will appear here with their due dates — gap-analysis items, risk assessments, approvals and audit findings as the ISO/IEC 42001 programme runs.`;
  } else if (query.filter === 'available') {
    title = 'Nothing to claim';
    body = `Tasks offered to your roles (${roles.join(', ')})${groups.length ? ` or groups (${groups.join(', ')})` : ''} wait here until someone claims them.`;
  } else {
    title = 'No open tasks in the organisation';
    body = 'When a process is started, every task it opens is listed here, whoever holds it.';
  }
  return (
    <div className="empty-state" aria-labelledby="inbox-empty-title">
      <div className="empty-state__icon" aria-hidden="true">
        ✓
      </div>
      <h2 id="inbox-empty-title">{title}</h2>
      <p>{body}</p>
      {filtered ? (
        <button type="button" className="button" onClick={onClear}>
          Clear filters
        </button>
      ) : query.filter === 'mine' && query.status === 'open' && counts && counts.available > 0 ? (
        <Link className="button button--primary" to="/inbox?filter=available">
          {counts.available} task{counts.available === 1 ? '' : 's'} available to claim
        </Link>
      ) : (
        <p className="muted">Nothing is waiting here right now.</p>
      )}
    </div>
  );
}

/** Pages of inbox rows for a query; appends on "Load more"; refetches when the live stream says something changed. */
function useInboxPages(inbox: InboxApi, query: InboxQuery) {
  const [items, setItems] = useState<InboxItem[]>([]);
  const [counts, setCounts] = useState<InboxCounts | undefined>();
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const requestId = useRef(0);
  const apiQuery = toApiQuery(query);
  const key = JSON.stringify(apiQuery);

  useEffect(() => {
    const id = ++requestId.current;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    inbox.list({ ...apiQuery, limit: PAGE_SIZE }, controller.signal).then(
      (page) => {
        if (id !== requestId.current) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
        if (page.counts) setCounts(page.counts);
        setLoading(false);
      },
      (cause: unknown) => {
        if (id !== requestId.current || controller.signal.aborted) return;
        setError(cause);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [inbox, key, generation]); // eslint-disable-line react-hooks/exhaustive-deps

  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribeInboxEvents((event) => {
      if (event.type !== 'task') return;
      clearTimeout(timer);
      timer = setTimeout(reload, 250);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [reload]);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    const id = requestId.current;
    setLoadingMore(true);
    try {
      const page = await inbox.list({ ...apiQuery, limit: PAGE_SIZE, cursor: nextCursor });
      if (id !== requestId.current) return;
      setItems((previous) => [
        ...previous,
        ...page.items.filter((item) => !previous.some((p) => p.id === item.id)),
      ]);
      setNextCursor(page.nextCursor);
      if (page.counts) setCounts(page.counts);
    } catch (cause) {
      if (id === requestId.current) setError(cause);
    } finally {
      setLoadingMore(false);
    }
  }, [inbox, key, nextCursor]); // eslint-disable-line react-hooks/exhaustive-deps

  return { items, counts, nextCursor, loading, loadingMore, error, loadMore, reload };
}

/**
 * j / k (anywhere outside a text box) and ArrowDown / ArrowUp (inside the list) move focus between
 * rows; Enter opens the focused row because rows are links.
 */
function useListKeyboard(listRef: RefObject<HTMLUListElement | null>) {
  useEffect(() => {
    function onKeyDown(event: globalThis.KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const list = listRef.current;
      if (!list) return;
      const target = event.target as HTMLElement | null;
      const inList = !!target && list.contains(target);
      const typing =
        !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      let step = 0;
      if ((event.key === 'j' || event.key === 'k') && !typing) step = event.key === 'j' ? 1 : -1;
      else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && inList)
        step = event.key === 'ArrowDown' ? 1 : -1;
      if (!step) return;
      const rows = Array.from(list.querySelectorAll<HTMLElement>('[data-inbox-row]'));
      if (rows.length === 0) return;
      event.preventDefault();
      const current = rows.findIndex((row) => row === document.activeElement);
      const next =
        current === -1
          ? step > 0
            ? 0
            : rows.length - 1
          : Math.min(rows.length - 1, Math.max(0, current + step));
      rows[next].focus();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [listRef]);
}
