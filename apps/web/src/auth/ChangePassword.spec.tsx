import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { SessionUser } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi } from '../test-support/fake-api';

const owner: SessionUser = {
  id: 'u-owner',
  email: 'owner@acme.example',
  name: 'Omar Owner',
  roles: ['contributor'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
  passwordChangeRequired: false,
};
const newcomer: SessionUser = { ...owner, id: 'u-new', name: 'Nia New', passwordChangeRequired: true };

const unauthorized = {
  status: 401,
  body: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Sign in first.' },
};
const emptyInbox = () => ({
  status: 200,
  body: { items: [], nextCursor: null, counts: { mine: 0, available: 0, overdue: 0 } },
});
const refused = (field: string, message: string) => ({
  status: 400,
  body: {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: message,
    errors: [{ pointer: `/${field}`, message }],
  },
});

function fill(current: string, next: string, confirm = next) {
  fireEvent.change(screen.getByLabelText('Current password'), { target: { value: current } });
  fireEvent.change(screen.getByLabelText('New password'), { target: { value: next } });
  fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: confirm } });
}

beforeEach(() => window.history.replaceState(null, '', '/'));

describe('a temporary password', () => {
  it('shows only the forced change form after sign-in, then the app once it is changed', async () => {
    const { api, calls } = fakeApi({
      'GET /api/auth/me': () => unauthorized,
      'POST /api/auth/login': () => ({ status: 200, body: { user: newcomer } }),
      'POST /api/auth/password': (init) => {
        expect(JSON.parse(String(init.body))).toEqual({
          currentPassword: 'Temp-Pass-123',
          newPassword: 'Quiet-Harbour-Violet-9',
        });
        return { status: 204 };
      },
      'GET /api/inbox': emptyInbox,
    });
    render(<App api={api} />);
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: newcomer.email } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'Temp-Pass-123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Choose your password' })).toHaveFocus();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(calls).not.toContain('GET /api/inbox');

    fill('Temp-Pass-123', 'Quiet-Harbour-Violet-9');
    fireEvent.click(screen.getByRole('button', { name: 'Set my password' }));
    expect(await screen.findByRole('heading', { name: 'Your inbox is empty' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });

  it('can log out instead', async () => {
    const { api, calls } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: newcomer } }),
      'POST /api/auth/logout': () => ({ status: 204 }),
    });
    render(<App api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Log out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(calls).toContain('POST /api/auth/logout');
  });
});

describe('the change password form', () => {
  it('shows the server reason for a weak password next to the new password', async () => {
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: newcomer } }),
      'POST /api/auth/password': () =>
        refused('newPassword', 'newPassword is too easy to guess. This is a commonly used password.'),
    });
    render(<App api={api} />);
    await screen.findByRole('heading', { name: 'Choose your password' });
    fill('Temp-Pass-123', 'password12');
    fireEvent.click(screen.getByRole('button', { name: 'Set my password' }));

    const input = screen.getByLabelText('New password');
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
    expect(input).toHaveAccessibleDescription(
      expect.stringContaining('This password is too easy to guess. This is a commonly used password.'),
    );
    expect(input).toHaveFocus();
  });

  it('says so next to the current password when it is wrong', async () => {
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: newcomer } }),
      'POST /api/auth/password': () => refused('currentPassword', 'currentPassword is wrong.'),
    });
    render(<App api={api} />);
    await screen.findByRole('heading', { name: 'Choose your password' });
    fill('not-it', 'Quiet-Harbour-Violet-9');
    fireEvent.click(screen.getByRole('button', { name: 'Set my password' }));
    const input = screen.getByLabelText('Current password');
    await waitFor(() => expect(input).toHaveAccessibleDescription('That is not your current password.'));
    expect(input).toHaveFocus();
  });

  it('checks the repeated password and the length before asking the server', async () => {
    const { api, calls } = fakeApi({ 'GET /api/auth/me': () => ({ status: 200, body: { user: newcomer } }) });
    render(<App api={api} />);
    await screen.findByRole('heading', { name: 'Choose your password' });
    fill('Temp-Pass-123', 'Quiet-Harbour-Violet-9', 'Quiet-Harbour-Violet-8');
    fireEvent.click(screen.getByRole('button', { name: 'Set my password' }));
    expect(screen.getByLabelText('Repeat the new password')).toHaveAccessibleDescription(
      'The two new passwords are not the same.',
    );
    fill('Temp-Pass-123', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Set my password' }));
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(
      expect.stringContaining('Use at least 10 characters.'),
    );
    expect(calls).not.toContain('POST /api/auth/password');
  });

  it('is reachable from the user menu and confirms the change', async () => {
    const { api, calls } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: owner } }),
      'GET /api/inbox': emptyInbox,
      'POST /api/auth/password': () => ({ status: 204 }),
    });
    render(<App api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: /Omar Owner/ }));
    fireEvent.click(
      within(screen.getByRole('group', { name: 'Your account' })).getByRole('link', {
        name: 'Change password',
      }),
    );
    expect(await screen.findByRole('heading', { name: 'Change password', level: 1 })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/account/password');

    fill('aimsflow-demo', 'Quiet-Harbour-Violet-9');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Your password has been changed');
    expect(calls).toContain('POST /api/auth/password');
  });
});
