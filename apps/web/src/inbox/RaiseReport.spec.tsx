import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { SessionUser } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi } from '../test-support/fake-api';

const user = (roles: string[]): SessionUser => ({
  id: 'u-1',
  email: 'someone@acme.example',
  name: 'Sam Someone',
  roles: roles as SessionUser['roles'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
});

const server = (roles: string[]) =>
  fakeApi({
    'GET /api/auth/me': () => ({ status: 200, body: { user: user(roles) } }),
    'GET /api/inbox': () => ({
      status: 200,
      body: { items: [], nextCursor: null, counts: { mine: 0, available: 0, overdue: 0 } },
    }),
    'GET /api/inbox/views': () => ({ status: 200, body: { items: [] } }),
    'POST /api/reports/incident': () => ({
      status: 201,
      body: { instanceId: 'i-9', definitionKey: 'incident', taskId: 't-9' },
    }),
  });

beforeEach(() => window.history.replaceState(null, '', '/inbox'));

describe('raising an incident or a concern from the inbox', () => {
  it('lets a contributor report an incident and opens the report task', async () => {
    const { api, calls } = server(['contributor']);
    render(<App api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Report an AI incident' }, { timeout: 8000 }));
    await waitFor(() => expect(window.location.pathname).toBe('/tasks/t-9'));
    expect(calls).toContain('POST /api/reports/incident');
  });

  it('offers nothing to raise to an external auditor', async () => {
    const { api } = server(['external-auditor']);
    render(<App api={api} />);
    await screen.findByRole('heading', { name: 'Inbox' }, { timeout: 8000 });
    expect(screen.queryByRole('button', { name: 'Report an AI incident' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Raise a concern' })).not.toBeInTheDocument();
  });
});
