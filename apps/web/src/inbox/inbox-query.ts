/** The inbox's filters, kept in the URL (`/inbox?filter=available&overdue=true`) so views can be shared and bookmarked. */

export type InboxFilter = 'mine' | 'available' | 'all';
export type InboxStatus = 'open' | 'completed' | 'cancelled';
export type InboxSort = 'due' | 'priority' | 'created';

export interface InboxQuery {
  filter: InboxFilter;
  status: InboxStatus;
  overdue: boolean;
  q: string;
  sort: InboxSort;
  definitionKey: string;
  formKey: string;
}

export const DEFAULT_INBOX_QUERY: InboxQuery = {
  filter: 'mine',
  status: 'open',
  overdue: false,
  q: '',
  sort: 'due',
  definitionKey: '',
  formKey: '',
};

const FILTERS: readonly InboxFilter[] = ['mine', 'available', 'all'];
const STATUSES: readonly InboxStatus[] = ['open', 'completed', 'cancelled'];
const SORTS: readonly InboxSort[] = ['due', 'priority', 'created'];

function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

/** Reads a query from URL search params or a saved view's object, falling back to defaults for anything unknown. */
export function parseInboxQuery(
  source: string | URLSearchParams | Record<string, unknown> | null | undefined,
): InboxQuery {
  let get: (key: string) => unknown;
  if (source && typeof source === 'object' && !(source instanceof URLSearchParams)) {
    const record = source;
    get = (key) => record[key];
  } else {
    const params = source instanceof URLSearchParams ? source : new URLSearchParams(source ?? '');
    get = (key) => params.get(key) ?? undefined;
  }
  const text = (key: string) => (typeof get(key) === 'string' ? String(get(key)) : '');
  const overdue = get('overdue');
  return {
    filter: oneOf(FILTERS, get('filter'), DEFAULT_INBOX_QUERY.filter),
    status: oneOf(STATUSES, get('status'), DEFAULT_INBOX_QUERY.status),
    overdue: overdue === true || overdue === 'true',
    q: text('q'),
    sort: oneOf(SORTS, get('sort'), DEFAULT_INBOX_QUERY.sort),
    definitionKey: text('definitionKey'),
    formKey: text('formKey'),
  };
}

/** The query as a search string (`?filter=available`), leaving out defaults; '' when all are defaults. */
export function inboxQueryToSearch(query: InboxQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(toSavedQuery(query))) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Only the values that differ from the defaults: what a saved view stores. */
export function toSavedQuery(query: InboxQuery): Record<string, string | boolean> {
  const saved: Record<string, string | boolean> = {};
  for (const key of Object.keys(DEFAULT_INBOX_QUERY) as (keyof InboxQuery)[]) {
    const value = key === 'q' ? query.q.trim() : query[key];
    if (value !== DEFAULT_INBOX_QUERY[key]) saved[key] = value;
  }
  return saved;
}

/** The API's query parameters for `GET /api/inbox`. */
export function toApiQuery(query: InboxQuery): Record<string, string | boolean | undefined> {
  return {
    filter: query.filter,
    status: query.status,
    overdue: query.overdue ? true : undefined,
    q: query.q.trim() || undefined,
    sort: query.sort,
    definitionKey: query.definitionKey || undefined,
    formKey: query.formKey || undefined,
  };
}

/** Roles that may look at every task of the organisation ("All"). */
export const ALL_TASKS_ROLES = ['admin', 'aims-manager', 'internal-auditor', 'external-auditor'];
