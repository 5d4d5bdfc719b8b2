import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ApprovalChainView, SessionUser, TaskDetail } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi } from '../test-support/fake-api';

const me: SessionUser = {
  id: 'u-owner',
  email: 'owner@acme.example',
  name: 'Omar Owner',
  roles: ['contributor'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [{ id: 'g1', name: 'Policy process owners' }],
};

const approvalTask: TaskDetail = {
  id: 't1',
  instanceId: 'i1',
  stateId: 'inApproval',
  title: 'Approve (level 1 of 3)',
  formKey: 'approval-decision',
  formVersion: null,
  status: 'open',
  assigneeId: null,
  candidateRole: null,
  candidateGroupId: 'g1',
  priority: null,
  dueAt: null,
  createdAt: '2025-01-01T00:00:00Z',
  completedAt: null,
  completedBy: null,
  data: null,
  approvalId: 'a1',
};

const chain: ApprovalChainView = {
  id: 'a1',
  instanceId: 'i1',
  stateId: 'inApproval',
  status: 'pending',
  currentLevel: 1,
  authorId: 'u-owner',
  authorName: 'Omar Owner',
  subject: { note: 'AI policy v1' },
  subjectSha256: '0123456789abcdef'.repeat(4),
  createdAt: '2025-01-01T00:00:00Z',
  endedAt: null,
  levels: [
    {
      level: 1,
      role: null,
      group: 'Policy process owners',
      users: null,
      rule: 'any',
      required: 1,
      approvals: 0,
      status: 'pending',
      decisions: [],
    },
    {
      level: 2,
      role: 'aims-manager',
      group: null,
      users: null,
      rule: { quorum: 2 },
      required: null,
      approvals: 0,
      status: 'waiting',
      decisions: [],
    },
  ],
};

const refusal = 'The author of the content may not decide on its approval.';

function server(decisions: unknown[]) {
  return fakeApi({
    'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
    'GET /api/tasks/t1': () => ({ status: 200, body: approvalTask }),
    'GET /api/approvals/a1': () => ({ status: 200, body: chain }),
    'GET /api/inbox/people': () => ({
      status: 200,
      body: { items: [{ id: 'u-owner', name: 'Omar Owner', email: 'owner@acme.example' }] },
    }),
    'POST /api/approvals/a1/decisions': (init) => {
      decisions.push(JSON.parse(String(init.body)));
      return { status: 403, body: { type: 'about:blank', title: 'Forbidden', status: 403, detail: refusal } };
    },
  });
}

beforeEach(() => window.history.replaceState(null, '', '/tasks/t1'));

describe('an approval task', () => {
  it('shows decision buttons instead of a form, with the chain and the subject hash', async () => {
    const { api } = server([]);
    render(<App api={api} />);
    await screen.findByRole('button', { name: 'Approve' }, { timeout: 8000 });
    expect(screen.getByRole('button', { name: 'Request changes' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reject' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Claim' })).not.toBeInTheDocument();
    expect(screen.getByText('Group “Policy process owners”')).toBeInTheDocument();
    expect(screen.getByTestId('chain-hash')).toHaveTextContent(/^0123456789ab$/);
  });

  it('asks for a comment before rejecting, without calling the server', async () => {
    const decisions: unknown[] = [];
    const { api } = server(decisions);
    render(<App api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Reject' }, { timeout: 8000 }));
    expect(await screen.findByText(/A comment is required to reject/)).toBeInTheDocument();
    expect(screen.getByLabelText('Comment')).toHaveAttribute('aria-invalid', 'true');
    expect(decisions).toEqual([]);
  });

  it("shows the server's segregation-of-duties refusal word for word", async () => {
    const decisions: unknown[] = [];
    const { api } = server(decisions);
    render(<App api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }, { timeout: 8000 }));
    await waitFor(() => expect(screen.getByTestId('refusal-reason')).toHaveTextContent(refusal));
    expect(decisions).toEqual([{ decision: 'approve' }]);
  });
});

describe('an approval task the user may not decide on', () => {
  const notAllowed = ['approve', 'reject', 'request-changes'].map((action) => ({
    action,
    allowed: false,
    reason: refusal,
  }));

  function blockedServer(decisions: unknown[], where: 'task' | 'chain') {
    return fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
      'GET /api/tasks/t1': () => ({
        status: 200,
        body: where === 'task' ? { ...approvalTask, allowedActions: notAllowed } : approvalTask,
      }),
      'GET /api/approvals/a1': () => ({
        status: 200,
        body: where === 'chain' ? { ...chain, allowedActions: notAllowed } : chain,
      }),
      'GET /api/inbox/people': () => ({ status: 200, body: { items: [] } }),
      'POST /api/approvals/a1/decisions': (init) => {
        decisions.push(JSON.parse(String(init.body)));
        return {
          status: 403,
          body: { type: 'about:blank', title: 'Forbidden', status: 403, detail: refusal },
        };
      },
    });
  }

  it.each(['task', 'chain'] as const)(
    'says why before any click and disables every decision (allowedActions on the %s)',
    async (where) => {
      const decisions: unknown[] = [];
      const { api } = blockedServer(decisions, where);
      render(<App api={api} />);
      const note = await screen.findByRole('note', {}, { timeout: 8000 });
      expect(note).toHaveTextContent(`You cannot decide on this approval: ${refusal}`);
      for (const name of ['Approve', 'Request changes', 'Reject']) {
        const button = screen.getByRole('button', { name });
        expect(button).toBeDisabled();
        expect(button).toHaveAttribute('aria-disabled', 'true');
        expect(button).toHaveAccessibleDescription(refusal);
      }
      expect(screen.getByLabelText('Comment')).toBeDisabled();
      fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
      expect(decisions).toEqual([]);
      expect(screen.queryByTestId('decision-refused')).not.toBeInTheDocument();
    },
  );

  it('keeps the allowed decisions enabled and names only the refused one', async () => {
    const reason = 'Only the final level may approve without a comment.';
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
      'GET /api/tasks/t1': () => ({ status: 200, body: approvalTask }),
      'GET /api/approvals/a1': () => ({
        status: 200,
        body: {
          ...chain,
          allowedActions: [
            { action: 'approve', allowed: false, reason },
            { action: 'reject', allowed: true },
            { action: 'request-changes', allowed: true },
          ],
        },
      }),
      'GET /api/inbox/people': () => ({ status: 200, body: { items: [] } }),
    });
    render(<App api={api} />);
    const note = await screen.findByRole('note', {}, { timeout: 8000 });
    expect(note).toHaveTextContent(`You cannot approve: ${reason}`);
    expect(screen.getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Approve' })).toHaveAccessibleDescription(reason);
    expect(screen.getByRole('button', { name: 'Reject' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Request changes' })).toBeEnabled();
    expect(screen.getByLabelText('Comment')).toBeEnabled();
  });

  it('shows no notice when every decision is allowed', async () => {
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
      'GET /api/tasks/t1': () => ({ status: 200, body: approvalTask }),
      'GET /api/approvals/a1': () => ({
        status: 200,
        body: {
          ...chain,
          allowedActions: ['approve', 'reject', 'request-changes'].map((action) => ({
            action,
            allowed: true,
          })),
        },
      }),
      'GET /api/inbox/people': () => ({ status: 200, body: { items: [] } }),
    });
    render(<App api={api} />);
    expect(await screen.findByRole('button', { name: 'Approve' }, { timeout: 8000 })).toBeEnabled();
    expect(screen.queryByTestId('decision-not-allowed')).not.toBeInTheDocument();
  });
});

describe('task actions', () => {
  it('lets the assignee delegate to someone picked from the people list and shows who delegated to whom', async () => {
    const task: TaskDetail = {
      ...approvalTask,
      approvalId: null,
      formKey: null,
      stateId: 'drafting',
      title: 'Draft the AI policy',
      assigneeId: 'u-owner',
      candidateGroupId: null,
    };
    const sent: unknown[] = [];
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
      'GET /api/tasks/t1': () => ({ status: 200, body: task }),
      'GET /api/process-instances/i1/approvals': () => ({ status: 200, body: { items: [] } }),
      'GET /api/inbox/people': () => ({
        status: 200,
        body: {
          items: [
            { id: 'u-owner', name: 'Omar Owner', email: 'owner@acme.example' },
            { id: 'u-pia', name: 'Pia Process-Owner', email: 'pia@acme.example' },
          ],
        },
      }),
      'POST /api/tasks/t1/delegate': (init) => {
        sent.push(JSON.parse(String(init.body)));
        return { status: 200, body: { ...task, delegateId: 'u-pia' } };
      },
    });
    render(<App api={api} />);
    const picker = await screen.findByRole('combobox', { name: 'Delegate to' }, { timeout: 8000 });
    await screen.findByRole('option', { name: /Pia Process-Owner/ });
    expect(screen.queryByRole('option', { name: /Omar Owner/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Assign to' })).not.toBeInTheDocument(); // managers only
    fireEvent.change(picker, { target: { value: 'u-pia' } });
    fireEvent.click(screen.getByRole('button', { name: 'Delegate' }));
    expect(await screen.findByTestId('task-delegation')).toHaveTextContent(
      'Delegated to Pia Process-Owner by you',
    );
    expect(sent).toEqual([{ userId: 'u-pia' }]);
  });
});

describe('a form task refused by the server (422)', () => {
  const formTask: TaskDetail = {
    ...approvalTask,
    id: 't2',
    title: 'Write the note',
    formKey: 'note-form',
    formVersion: 1,
    assigneeId: 'u-owner',
    candidateGroupId: null,
    approvalId: null,
  };

  it("shows the problem's field errors next to the field they point to, and in the summary", async () => {
    window.history.replaceState(null, '', '/tasks/t2');
    const detail = 'The submission does not match form note-form v1.';
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
      'GET /api/tasks/t2': () => ({ status: 200, body: formTask }),
      'GET /api/forms/note-form/versions/1': () => ({
        status: 200,
        body: {
          key: 'note-form',
          version: 1,
          title: 'Note',
          schema: { type: 'object', properties: { note: { type: 'string', title: 'Note' } } },
          uiSchema: {},
          changeNote: '',
          publishedAt: '2025-01-01T00:00:00Z',
        },
      }),
      'POST /api/tasks/t2/complete': () => ({
        status: 422,
        body: {
          type: 'about:blank',
          title: 'Unprocessable Entity',
          status: 422,
          detail,
          instance: '/api/tasks/t2/complete',
          errors: [{ pointer: '/data/note', message: 'is not a user of this organisation' }],
        },
      }),
    });
    render(<App api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Submit' }, { timeout: 10_000 }));
    const summary = await screen.findByTestId('task-submit-problems');
    expect(summary).toHaveTextContent('is not a user of this organisation');
    await waitFor(() =>
      expect(document.getElementById('root_note__error')).toHaveTextContent(
        'is not a user of this organisation',
      ),
    );
  });
});
