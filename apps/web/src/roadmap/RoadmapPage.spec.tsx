import { fireEvent, render, screen, within } from '@testing-library/react';
import type { SessionUser } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi } from '../test-support/fake-api';
import type { PhaseView, ProgrammeView } from './programme-api';

const manager: SessionUser = {
  id: 'u1',
  email: 'manager@acme.example',
  name: 'Maya Manager',
  roles: ['aims-manager'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
};
const contributor: SessionUser = { ...manager, id: 'u2', name: 'Omar Owner', roles: ['contributor'] };

const phase = (number: number, extra: Partial<PhaseView> = {}): PhaseView => ({
  number,
  title: [
    'Plan & Prepare',
    'Build & Implement',
    'Monitor, Evaluate & Improve',
    'Certification',
    'Maintain & Enhance',
  ][number - 1],
  key: `phase-${number}`,
  status: 'not-started',
  steps: { done: 0, total: 8 },
  overdue: 0,
  waitingOn: [],
  waitingCount: 0,
  gate: { status: 'not-reached' },
  ...extra,
});
const notStarted: ProgrammeView = {
  instanceId: null,
  status: 'not-started',
  phases: [1, 2, 3, 4, 5].map((n) => phase(n)),
};
const running: ProgrammeView = {
  instanceId: 'r1',
  status: 'active',
  phases: [
    phase(1, {
      status: 'active',
      instanceId: 'p1',
      steps: { done: 3, total: 8 },
      overdue: 1,
      waitingCount: 1,
      waitingOn: [
        {
          taskId: 't1',
          title: 'Define the scope',
          instanceId: 'p1',
          assignee: null,
          candidateRole: 'aims-manager',
          dueAt: '2020-01-01T00:00:00Z',
          overdue: true,
        },
      ],
      gate: { status: 'not-reached' },
    }),
    ...[2, 3, 4, 5].map((n) => phase(n)),
  ],
};

beforeEach(() => window.history.replaceState(null, '', '/roadmap'));

describe('Roadmap page', () => {
  it('offers a manager to start the programme, then shows phase 1 in progress', async () => {
    let started = false;
    const { api, calls } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: manager } }),
      'GET /api/programme': () => ({ status: 200, body: started ? running : notStarted }),
      'POST /api/programme': () => {
        started = true;
        return { status: 201, body: running };
      },
    });
    render(<App api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Start the AIMS programme' }));
    const card = (await screen.findByRole('link', { name: 'Define the scope' })).closest(
      'li.phase-card',
    ) as HTMLElement;
    expect(calls).toContain('POST /api/programme');
    expect(within(card).getByText('In progress')).toBeInTheDocument();
    expect(within(card).getByText(/3 of 8 steps done/)).toBeInTheDocument();
    expect(within(card).getByText(/1 overdue/)).toBeInTheDocument();
    expect(within(card).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '3');
    expect(within(card).getByRole('link', { name: 'Open the phase process' })).toHaveAttribute(
      'href',
      '/processes/p1',
    );
    expect(within(card).getByRole('link', { name: 'Define the scope' })).toHaveAttribute('href', '/tasks/t1');
  });

  it('tells a contributor that an AIMS manager starts the programme', async () => {
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: contributor } }),
      'GET /api/programme': () => ({ status: 200, body: notStarted }),
    });
    render(<App api={api} />);
    expect(await screen.findByText('An AIMS manager starts the programme.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start the AIMS programme' })).not.toBeInTheDocument();
  });
});
