import {
  DEFAULT_INBOX_QUERY,
  inboxQueryToSearch,
  parseInboxQuery,
  toApiQuery,
  toSavedQuery,
} from './inbox-query';
import { dueInfo } from './due';

describe('inbox query', () => {
  it('reads filters from the URL and falls back to defaults for unknown values', () => {
    expect(parseInboxQuery('?filter=available&overdue=true&sort=priority&q=risk')).toEqual({
      ...DEFAULT_INBOX_QUERY,
      filter: 'available',
      overdue: true,
      sort: 'priority',
      q: 'risk',
    });
    expect(parseInboxQuery('?filter=everything&status=lost&sort=random')).toEqual(DEFAULT_INBOX_QUERY);
  });

  it('writes only non-default values, so the plain inbox URL stays /inbox', () => {
    expect(inboxQueryToSearch(DEFAULT_INBOX_QUERY)).toBe('');
    expect(inboxQueryToSearch({ ...DEFAULT_INBOX_QUERY, filter: 'all', q: '  gap ' })).toBe(
      '?filter=all&q=gap',
    );
  });

  it('round-trips a saved view stored as an object', () => {
    const query = {
      ...DEFAULT_INBOX_QUERY,
      filter: 'available' as const,
      overdue: true,
      definitionKey: 'gap-analysis',
    };
    expect(parseInboxQuery(toSavedQuery(query))).toEqual(query);
  });

  it('leaves out empty search and a false overdue flag from the API query', () => {
    expect(toApiQuery(DEFAULT_INBOX_QUERY)).toEqual({
      filter: 'mine',
      status: 'open',
      overdue: undefined,
      q: undefined,
      sort: 'due',
      definitionKey: undefined,
      formKey: undefined,
    });
  });
});

describe('dueInfo', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  it('says overdue in words, not only in colour', () => {
    expect(dueInfo('2026-03-08T12:00:00Z', now)).toEqual({ tone: 'overdue', text: 'Overdue by 2 days' });
  });
  it('calls a task due within two days "due soon"', () => {
    expect(dueInfo('2026-03-10T17:00:00Z', now)).toEqual({ tone: 'soon', text: 'Due in 5 hours' });
  });
  it('treats a later or missing date calmly', () => {
    expect(dueInfo('2026-04-10T12:00:00Z', now).tone).toBe('later');
    expect(dueInfo(null, now)).toEqual({ tone: 'none', text: 'No due date' });
  });
});
