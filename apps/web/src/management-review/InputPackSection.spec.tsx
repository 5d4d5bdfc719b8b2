import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { SessionUser, TaskDetail } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi } from '../test-support/fake-api';
import type { InputPackView } from './input-pack-api';

const ceo: SessionUser = {
  id: 'u-ceo',
  email: 'ceo@acme.example',
  name: 'Cleo Chief',
  roles: ['top-management'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
};

const signingTask: TaskDetail = {
  id: 't1',
  instanceId: 'r1',
  stateId: 'management-review.holding',
  title: 'Hold the management review: Management review 2028',
  formKey: 'generic-task',
  formVersion: null,
  status: 'open',
  assigneeId: null,
  candidateRole: 'aims-manager',
  candidateGroupId: null,
  priority: null,
  dueAt: null,
  createdAt: '2027-03-01T00:00:00Z',
  completedAt: null,
  completedBy: null,
  data: null,
  definitionKey: 'management-review',
};

const pack = (frozen: boolean): InputPackView => ({
  reviewId: 'r1',
  frozen,
  frozenAt: frozen ? '2027-03-15T10:00:00Z' : null,
  sha256: 'ab'.repeat(32),
  pack: {
    compiledAt: '2027-03-10T09:00:00Z',
    lastReview: { id: 'r0', title: 'Management review 2027', heldOn: '2026-03-15' },
    inputs: [
      {
        id: '9.3.2.a',
        title: 'Where the actions of earlier reviews stand',
        sources: [
          {
            source: 'review-actions',
            title: 'Management review actions',
            available: true,
            total: 2,
            totalAtLastReview: 0,
            newSinceLastReview: 2,
            changedSinceLastReview: 2,
            byStatus: [
              { value: 'open', title: 'Open', count: 1 },
              { value: 'done', title: 'Done', count: 1 },
            ],
            items: [
              {
                id: 'x1',
                label: 'Measure chatbot accuracy monthly',
                status: 'done',
                changedSinceLastReview: true,
              },
              {
                id: 'x2',
                label: 'Budget for a second reviewer',
                status: 'open',
                changedSinceLastReview: true,
              },
            ],
          },
        ],
      },
      {
        id: '9.3.2.d.1',
        title: 'Performance: nonconformities and corrective actions',
        sources: [
          { source: 'nonconformities', title: 'nonconformities', available: false, note: 'no register yet' },
          {
            source: 'audit-findings',
            title: 'Audit findings',
            available: true,
            total: 3,
            byGrade: [
              { value: 'major', count: 1 },
              { value: 'opportunity', count: 2 },
            ],
          },
        ],
      },
    ],
  },
});

function server(frozen: boolean) {
  return fakeApi({
    'GET /api/auth/me': () => ({ status: 200, body: { user: ceo } }),
    'GET /api/tasks/t1': () => ({ status: 200, body: signingTask }),
    'GET /api/inbox/people': () => ({ status: 200, body: { items: [] } }),
    'GET /api/management-reviews/r1/input-pack': () => ({ status: 200, body: pack(frozen) }),
  });
}

beforeEach(() => window.history.replaceState(null, '', '/tasks/t1'));

describe('the input pack on a management review task', () => {
  it('lists each 9.3.2 input with what the registers say, records behind a keyboard-operable disclosure', async () => {
    const { api, calls } = server(false);
    render(<App api={api} />);
    const section = await screen.findByRole(
      'region',
      { name: 'Input pack of the review (9.3.2)' },
      { timeout: 8000 },
    );
    expect(
      await within(section).findByRole('heading', { name: /Where the actions of earlier reviews stand/ }),
    ).toBeInTheDocument();
    expect(within(section).getByTestId('input-pack-state')).toHaveTextContent(
      /^Live: compiled from the registers/,
    );
    expect(section).toHaveTextContent(
      'Management review actions: 2 in all; 0 at the last review, 2 new, 2 changed',
    );
    expect(section).toHaveTextContent('(Open 1 · Done 1)');
    expect(section).toHaveTextContent('nonconformities: no register yet');
    expect(section).toHaveTextContent('Audit findings: 3 in all by grade: major 1 · opportunity 2');
    expect(section).toHaveTextContent(
      'Changes are counted since the last review, Management review 2027 (held 2026-03-15).',
    );
    // The records sit in a native <details>: its summary is focusable and toggles it.
    const summary = within(section).getByText('Show 2 records');
    expect(summary.tagName).toBe('SUMMARY');
    expect(within(section).getByText('Budget for a second reviewer')).not.toBeVisible();
    fireEvent.click(summary);
    expect(within(section).getByText('Budget for a second reviewer')).toBeVisible();
    // Read-only: nothing in it writes, and compiling again only reads.
    fireEvent.click(within(section).getByRole('button', { name: 'Compile again' }));
    await waitFor(() =>
      expect(calls.filter((c) => c === 'GET /api/management-reviews/r1/input-pack')).toHaveLength(2),
    );
    await screen.findByTestId('input-pack-state');
    expect(calls.filter((c) => c.startsWith('POST') || c.startsWith('PUT'))).toEqual([]);
  });

  it('shows the frozen pack with its SHA-256 once the review was held', async () => {
    const { api } = server(true);
    render(<App api={api} />);
    const state = await screen.findByTestId('input-pack-state', {}, { timeout: 8000 });
    expect(state).toHaveTextContent(/^Frozen when the review was held/);
    expect(state).toHaveTextContent('ab'.repeat(32));
    expect(screen.queryByRole('button', { name: 'Compile again' })).not.toBeInTheDocument();
  });

  it('has a page of its own for participants who hold no task of the review', async () => {
    window.history.replaceState(null, '', '/management-reviews/r1');
    const { api } = server(true);
    render(<App api={api} />);
    expect(
      await screen.findByRole('heading', { name: 'Management review', level: 1 }, { timeout: 8000 }),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('input-pack-state')).toHaveTextContent(
      /^Frozen when the review was held/,
    );
  });
});
