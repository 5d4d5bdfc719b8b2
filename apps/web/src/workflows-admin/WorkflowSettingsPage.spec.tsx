import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { SessionUser, WorkflowSettingsView } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi } from '../test-support/fake-api';
import { toFormValues, toSettings } from './settings-form';

const me: SessionUser = {
  id: 'u0',
  email: 'admin@acme.example',
  name: 'Ada Admin',
  roles: ['admin'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
};

function view(version = 1): WorkflowSettingsView {
  return {
    key: 'vendor-review',
    name: 'Vendor review',
    version,
    settings: {},
    steps: [
      {
        stateId: 'vendor-review.drafting',
        label: 'Describe the vendor',
        kind: 'task',
        current: { candidateRole: 'contributor', dueIn: 'P7D' },
      },
      {
        stateId: 'vendor-review.inApproval',
        label: 'inApproval',
        kind: 'approval',
        current: { approvalLevels: [{ role: 'aims-manager', rule: 'any' }] },
      },
    ],
  };
}

const groups = { items: [{ id: 'g1', name: 'AI board', description: null, members: [] }] };

beforeEach(() => window.history.replaceState(null, '', '/admin/workflows/vendor-review'));

describe('Admin → Workflows → settings', () => {
  it('saves a changed role, due duration and a reordered extra level, then says which version it made', async () => {
    let saved: unknown;
    let version = 1;
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
      'GET /api/groups': () => ({ status: 200, body: groups }),
      'GET /api/workflow-definitions/vendor-review/settings': () => ({ status: 200, body: view(version) }),
      'PUT /api/workflow-definitions/vendor-review/settings': (init) => {
        saved = JSON.parse(String(init.body));
        version = 2;
        return { status: 200, body: { key: 'vendor-review', version: 2, created: true } };
      },
    });
    render(<App api={api} />);

    const task = await screen.findByRole('group', { name: /Describe the vendor/ });
    fireEvent.change(within(task).getByLabelText('Role'), { target: { value: 'top-management' } });
    fireEvent.change(within(task).getByLabelText('Due in'), { target: { value: 'P14D' } });
    expect(within(task).getByText(/P14D = 14 days/)).toBeInTheDocument();

    const approval = screen.getByRole('group', { name: /inApproval/ });
    fireEvent.click(within(approval).getByRole('button', { name: 'Add a level to inApproval' }));
    const approvedBy = within(approval).getAllByLabelText('Approved by');
    fireEvent.change(approvedBy[1], { target: { value: 'group' } });
    fireEvent.change(within(approval).getByLabelText('Group'), { target: { value: 'AI board' } });
    fireEvent.change(within(approval).getAllByLabelText('Rule')[1], { target: { value: 'all' } });
    fireEvent.click(within(approval).getByRole('button', { name: 'Move level 2 of inApproval up' }));

    fireEvent.click(screen.getByRole('button', { name: 'Save as a new version' }));

    expect(await screen.findByText('Saved as version 2.')).toBeInTheDocument();
    expect(saved).toEqual({
      settings: {
        steps: {
          'vendor-review.drafting': { candidateRole: 'top-management', dueIn: 'P14D' },
          'vendor-review.inApproval': {
            approvalLevels: [
              { group: 'AI board', rule: 'all' },
              { role: 'aims-manager', rule: 'any' },
            ],
          },
        },
      },
    });
  });

  it('attaches a published form to a task step', async () => {
    let saved: unknown;
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
      'GET /api/groups': () => ({ status: 200, body: groups }),
      'GET /api/workflow-definitions/vendor-review/settings': () => ({
        status: 200,
        body: {
          ...view(),
          steps: view().steps.map((s) =>
            s.kind === 'task' ? { ...s, current: { ...s.current, form: 'generic-task' } } : s,
          ),
          forms: [
            { key: 'generic-task', title: 'Task' },
            { key: 'supplier-check', title: 'Supplier check' },
          ],
        },
      }),
      'PUT /api/workflow-definitions/vendor-review/settings': (init) => {
        saved = JSON.parse(String(init.body));
        return { status: 200, body: { key: 'vendor-review', version: 2, created: true } };
      },
    });
    render(<App api={api} />);
    const task = await screen.findByRole('group', { name: /Describe the vendor/ });
    expect(within(task).getByLabelText('Form')).toHaveValue('generic-task');
    fireEvent.change(within(task).getByLabelText('Form'), { target: { value: 'supplier-check' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save as a new version' }));
    expect(await screen.findByText('Saved as version 2.')).toBeInTheDocument();
    expect(saved).toEqual({ settings: { steps: { 'vendor-review.drafting': { form: 'supplier-check' } } } });
  });

  it('shows the server’s reasons next to the step they concern', async () => {
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
      'GET /api/groups': () => ({ status: 200, body: groups }),
      'GET /api/workflow-definitions/vendor-review/settings': () => ({ status: 200, body: view() }),
      'PUT /api/workflow-definitions/vendor-review/settings': () => ({
        status: 422,
        body: {
          type: 'about:blank',
          title: 'Unprocessable Entity',
          status: 422,
          detail: 'The definition vendor-review is not valid',
          errors: [
            { pointer: '', message: 'step "vendor-review.drafting" candidateRole: "wizard" is not a role' },
          ],
        },
      }),
    });
    render(<App api={api} />);
    const task = await screen.findByRole('group', { name: /Describe the vendor/ });
    fireEvent.click(screen.getByRole('button', { name: 'Save as a new version' }));
    await waitFor(() => expect(within(task).getByRole('alert')).toHaveTextContent('"wizard" is not a role'));
  });

  it('blocks a due duration that is not ISO-8601 before calling the server', async () => {
    const { api, calls } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: me } }),
      'GET /api/groups': () => ({ status: 200, body: groups }),
      'GET /api/workflow-definitions/vendor-review/settings': () => ({ status: 200, body: view() }),
    });
    render(<App api={api} />);
    const task = await screen.findByRole('group', { name: /Describe the vendor/ });
    fireEvent.change(within(task).getByLabelText('Due in'), { target: { value: '2 weeks' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save as a new version' }));
    expect(await within(task).findByText(/Use an ISO-8601 duration/)).toBeInTheDocument();
    expect(calls).not.toContain('PUT /api/workflow-definitions/vendor-review/settings');
  });
});

describe('toSettings', () => {
  it('sends nothing for steps left as they are, and keeps overrides already stored', () => {
    const stored = {
      ...view(),
      settings: { steps: { 'vendor-review.drafting': { dueIn: 'P7D' } } },
    };
    expect(toSettings(toFormValues(stored), stored)).toEqual(stored.settings);
    expect(toSettings(toFormValues(view()), view())).toEqual({});
  });
});
