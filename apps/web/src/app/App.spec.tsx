import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { SessionUser } from '../api/api-types';
import { navigate } from '../routing/router';
import { fakeApi } from '../test-support/fake-api';
import { App } from './App';

const admin: SessionUser = {
  id: 'u-admin',
  email: 'admin@acme.example',
  name: 'Ada Admin',
  roles: ['admin'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
};
const contributor: SessionUser = {
  ...admin,
  id: 'u-owner',
  email: 'owner@acme.example',
  name: 'Omar Owner',
  roles: ['contributor'],
};

const emptyInbox = () => ({
  status: 200,
  body: { items: [], nextCursor: null, counts: { mine: 0, available: 0, overdue: 0 } },
});

const unauthorized = {
  status: 401,
  body: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Not signed in' },
};

beforeEach(() => window.history.replaceState(null, '', '/'));

describe('App', () => {
  it('shows the login page when there is no session, and a clear error for a wrong password', async () => {
    const { api } = fakeApi({
      'GET /api/auth/me': () => unauthorized,
      'POST /api/auth/login': () => ({
        status: 401,
        body: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Invalid credentials' },
      }),
    });
    render(<App api={api} />);

    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'admin@acme.example' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('That email and password do not match');
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
  });

  it('explains a 429 as too many attempts', async () => {
    const { api } = fakeApi({
      'GET /api/auth/me': () => unauthorized,
      'POST /api/auth/login': () => ({
        status: 429,
        body: { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'slow down' },
      }),
    });
    render(<App api={api} />);
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'a@b.c' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many sign-in attempts');
  });

  it('signs in, lands on the inbox, and shows Admin to an admin', async () => {
    const { api, calls } = fakeApi({
      'GET /api/auth/me': () => unauthorized,
      'POST /api/auth/login': (init) => {
        expect(JSON.parse(String(init.body))).toEqual({
          email: 'admin@acme.example',
          password: 'aimsflow-demo',
        });
        return { status: 200, body: { user: admin } };
      },
      'GET /api/inbox': emptyInbox,
    });
    render(<App api={api} />);
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: ' admin@acme.example ' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'aimsflow-demo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Your inbox is empty' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/inbox');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(nav).toHaveTextContent('Admin');
    expect(calls).toContain('POST /api/auth/login');
  });

  it('hides Admin from a contributor and refuses the admin URL', async () => {
    const { api } = fakeApi({ 'GET /api/auth/me': () => ({ status: 200, body: { user: contributor } }) });
    window.history.replaceState(null, '', '/admin/users');
    render(<App api={api} />);
    expect(await screen.findByRole('heading', { name: 'No access' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).not.toHaveTextContent('Admin');
  });

  it('shows a 404 page for an unknown address', async () => {
    const { api } = fakeApi({ 'GET /api/auth/me': () => ({ status: 200, body: { user: contributor } }) });
    window.history.replaceState(null, '', '/no/such/page');
    render(<App api={api} />);
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });

  it('returns to the login page with a notice when a later call finds the session gone', async () => {
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: admin } }),
      'GET /api/users': () => unauthorized,
      'GET /api/inbox': emptyInbox,
    });
    render(<App api={api} />);
    await screen.findByRole('heading', { name: 'Your inbox is empty' });

    await act(async () => {
      await api.get('/users').catch(() => undefined);
    });

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Your session has ended');
  });

  it('logs out from the user menu', async () => {
    const { api, calls } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: admin } }),
      'POST /api/auth/logout': () => ({ status: 204 }),
    });
    render(<App api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: /Ada Admin/ }));
    expect(screen.getByRole('group', { name: 'Your account' })).toHaveTextContent('Acme AI Ltd');
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Sign in' })).toBeInTheDocument());
    expect(calls).toContain('POST /api/auth/logout');
  });

  it('moves between pages through the top navigation', async () => {
    const { api } = fakeApi({ 'GET /api/auth/me': () => ({ status: 200, body: { user: contributor } }) });
    render(<App api={api} />);
    await screen.findByRole('heading', { name: 'Inbox' });
    fireEvent.click(screen.getByRole('link', { name: 'Roadmap' }));
    expect(await screen.findByRole('heading', { name: 'Plan & Prepare' })).toBeInTheDocument();
    act(() => navigate('/registers'));
    expect(await screen.findByRole('heading', { name: 'Registers', level: 1 })).toBeInTheDocument();
  });
});
