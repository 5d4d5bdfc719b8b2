import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { SessionUser, UserSummary } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi } from '../test-support/fake-api';

const me: SessionUser = {
  id: 'u0',
  email: 'admin@acme.example',
  name: 'Ada Admin',
  roles: ['admin'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
};

function user(n: number, extra: Partial<UserSummary> = {}): UserSummary {
  return {
    id: `u${n}`,
    email: `user${n}@acme.example`,
    name: `User ${n}`,
    roles: ['contributor'],
    groups: [],
    active: true,
    expiresAt: null,
    ...extra,
  };
}

beforeEach(() => window.history.replaceState(null, '', '/admin/users'));

describe('Admin → Users', () => {
  it('loads the next page with nextCursor and appends it to the list', async () => {
    const requests: string[] = [];
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
      'GET /api/users': (_init, url) => {
        requests.push(url.search);
        return url.searchParams.get('cursor') === 'page-2'
          ? { status: 200, body: { items: [user(3)], nextCursor: null } }
          : { status: 200, body: { items: [user(1), user(2)], nextCursor: 'page-2' } };
      },
    });
    render(<App api={api} />);

    await screen.findByText('user2@acme.example');
    fireEvent.click(screen.getByRole('button', { name: 'Load more users' }));

    await screen.findByText('user3@acme.example');
    expect(screen.getAllByRole('row')).toHaveLength(4); // header + 3 users
    expect(screen.queryByRole('button', { name: 'Load more users' })).not.toBeInTheDocument();
    expect(requests[1]).toContain('cursor=page-2');
  });

  it('searches on the server and replaces the list', async () => {
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
      'GET /api/users': (_init, url) =>
        url.searchParams.get('search') === 'aud'
          ? { status: 200, body: { items: [user(9, { name: 'Ivan Auditor' })], nextCursor: null } }
          : { status: 200, body: { items: [user(1), user(2)], nextCursor: null } },
    });
    render(<App api={api} />);
    await screen.findByText('user1@acme.example');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search users' }), { target: { value: 'aud' } });

    await screen.findByText('Ivan Auditor');
    await waitFor(() => expect(screen.queryByText('user1@acme.example')).not.toBeInTheDocument());
  });

  it('creates a user and shows the temporary password until dismissed', async () => {
    let created: unknown;
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
      'GET /api/users': () => ({ status: 200, body: { items: [user(1)], nextCursor: null } }),
      'POST /api/users': (init) => {
        created = JSON.parse(String(init.body));
        return {
          status: 201,
          body: {
            user: user(7, { name: 'Nia New', email: 'nia@acme.example' }),
            temporaryPassword: 'Temp-Pass-123',
          },
        };
      },
    });
    render(<App api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Invite user' }));
    const form = screen.getByRole('region', { name: 'Invite a user' });
    fireEvent.change(within(form).getByLabelText('Email'), { target: { value: 'nia@acme.example' } });
    fireEvent.change(within(form).getByLabelText('Full name'), { target: { value: 'Nia New' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Internal auditor' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Create user' }));

    expect(await screen.findByTestId('temporary-password')).toHaveTextContent('Temp-Pass-123');
    expect(created).toEqual({
      email: 'nia@acme.example',
      name: 'Nia New',
      roles: ['contributor', 'internal-auditor'],
    });

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('Temp-Pass-123')).not.toBeInTheDocument();
  });

  it('refuses to create a user without any role', async () => {
    const { api, calls } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
      'GET /api/users': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    });
    render(<App api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Invite user' }));
    const form = screen.getByRole('region', { name: 'Invite a user' });
    fireEvent.change(within(form).getByLabelText('Email'), { target: { value: 'x@acme.example' } });
    fireEvent.change(within(form).getByLabelText('Full name'), { target: { value: 'X' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Contributor' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Create user' }));

    expect(await within(form).findByText('Choose at least one role.')).toBeInTheDocument();
    expect(calls).not.toContain('POST /api/users');
  });

  it('deactivates another user but offers no deactivate button for yourself', async () => {
    let patch: unknown;
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
      'GET /api/users': () => ({
        status: 200,
        body: { items: [user(0, { name: 'Ada Admin' }), user(1)], nextCursor: null },
      }),
      'PATCH /api/users/u1': (init) => {
        patch = JSON.parse(String(init.body));
        return { status: 200, body: user(1, { active: false }) };
      },
    });
    render(<App api={api} />);
    await screen.findByText('user1@acme.example');
    expect(screen.queryByRole('button', { name: 'Deactivate Ada Admin' })).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Deactivate User 1' }));

    expect(await screen.findByRole('button', { name: 'Reactivate User 1' })).toBeInTheDocument();
    expect(patch).toEqual({ active: false });
    expect(screen.getByRole('status')).toHaveTextContent('User 1 is now deactivated.');
  });
});
