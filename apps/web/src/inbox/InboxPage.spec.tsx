import { render, screen, within } from '@testing-library/react';
import type { InboxItem, SessionUser } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi } from '../test-support/fake-api';

const me: SessionUser = {
  id: 'u-manager',
  email: 'manager@acme.example',
  name: 'Maya Manager',
  roles: ['aims-manager'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
};

const author = 'The author of the content may not decide on its approval.';

function item(id: string, title: string, extra: Partial<InboxItem> = {}): InboxItem {
  return {
    id,
    title,
    status: 'open',
    formKey: 'approval-decision',
    formVersion: null,
    instanceId: 'i1',
    definitionKey: 'ai-policy',
    stateId: 'inApproval',
    assigneeId: null,
    assigneeName: null,
    candidateRole: 'aims-manager',
    candidateGroupId: null,
    candidateGroupName: null,
    approvalId: `a-${id}`,
    dueAt: null,
    priority: null,
    createdAt: '2025-01-01T00:00:00Z',
    completedAt: null,
    ...extra,
  };
}

const decisions = (allowed: boolean) =>
  ['approve', 'reject', 'request-changes'].map((action) =>
    allowed ? { action, allowed } : { action, allowed, reason: author },
  );

beforeEach(() => window.history.replaceState(null, '', '/inbox?filter=available'));

describe('the inbox', () => {
  it('marks an approval the user may not decide with a "cannot decide" hint giving the reason', async () => {
    const items = [
      item('t1', 'Approve my own draft', { allowedActions: decisions(false) }),
      item('t2', 'Approve a colleague’s draft', { allowedActions: decisions(true) }),
      item('t3', 'Write the risk register', {
        formKey: 'generic-task',
        approvalId: null,
        allowedActions: [
          { action: 'complete', allowed: false, reason: 'Claim the task before completing it.' },
        ],
      }),
    ];
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
      'GET /api/inbox': () => ({
        status: 200,
        body: { items, nextCursor: null, counts: { mine: 0, available: 3, overdue: 0 } },
      }),
      'GET /api/inbox/views': () => ({ status: 200, body: { items: [] } }),
    });
    render(<App api={api} />);
    const rows = await screen.findAllByTestId('inbox-row', {}, { timeout: 8000 });
    expect(rows).toHaveLength(3);
    const hint = within(rows[0]).getByTestId('inbox-cannot-decide');
    expect(hint).toHaveTextContent(`Cannot decide: ${author}`);
    expect(hint).toHaveAttribute('title', author);
    expect(within(rows[1]).queryByTestId('inbox-cannot-decide')).not.toBeInTheDocument();
    expect(within(rows[2]).queryByTestId('inbox-cannot-decide')).not.toBeInTheDocument();
  });
});
