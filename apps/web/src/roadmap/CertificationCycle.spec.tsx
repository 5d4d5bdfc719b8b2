import { fireEvent, render, screen, within } from '@testing-library/react';
import type { SessionUser } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi } from '../test-support/fake-api';
import type { SamplingCoverage } from './CertificationCycle';
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
  title: `Phase ${number}`,
  key: `phase-${number}`,
  status: 'done',
  steps: { done: 8, total: 8 },
  overdue: 0,
  waitingOn: [],
  waitingCount: 0,
  gate: { status: 'approved' },
  ...extra,
});
const programme: ProgrammeView = {
  instanceId: 'r1',
  status: 'active',
  phases: [1, 2, 3, 4].map((n) => phase(n)).concat(phase(5, { status: 'active', instanceId: 'p5' })),
};
const line = (id: string, sampledBy: string[]) => ({ id, title: `Title ${id}`, sampledBy });
const coverage: SamplingCoverage = {
  certificateNumber: 'AIMS-2027-0042',
  visits: [
    {
      id: 'v1',
      title: 'Surveillance audit 1',
      dueBy: '2028-03-15',
      startDate: '2028-02-14',
      status: 'completed',
    },
  ],
  clauses: [
    {
      id: '4',
      title: 'Context of the organization',
      sampled: 4,
      total: 4,
      areas: [line('4.1', ['Surveillance audit 1'])],
    },
    { id: '7', title: 'Support', sampled: 0, total: 2, areas: [line('7.1', []), line('7.2', [])] },
  ],
  controls: [line('A.2.2', ['Surveillance audit 1']), line('A.8.4', [])],
  totals: { clauseAreas: { sampled: 4, total: 6 }, controls: { sampled: 1, total: 2 } },
  complete: false,
};

beforeEach(() => window.history.replaceState(null, '', '/roadmap'));

describe('the certification cycle on the roadmap', () => {
  it("shows the body's sampling coverage and lets an AIMS manager end the programme", async () => {
    const sent: unknown[] = [];
    const { api, calls } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: manager } }),
      'GET /api/programme': () => ({ status: 200, body: programme }),
      'GET /api/certification/coverage': () => ({ status: 200, body: coverage }),
      'POST /api/process-instances/p5/events': (init) => {
        sent.push(JSON.parse(String(init.body)));
        return { status: 200, body: { id: 'p5' } };
      },
    });
    render(<App api={api} />);
    expect(
      await screen.findByText(
        /Sampling coverage of certificate AIMS-2027-0042: 4 of 6 clause areas, 1 of 2 controls/,
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Sampling coverage per clause' });
    const support = within(table).getByRole('row', { name: /7 Support/ });
    expect(within(support).getByText('0 of 2')).toBeInTheDocument();
    expect(within(support).getByText('7.1, 7.2')).toBeInTheDocument();
    expect(screen.getByTestId('controls-not-sampled')).toHaveTextContent('A.8.4');

    fireEvent.click(screen.getByRole('button', { name: 'End the programme…' }));
    const confirm = screen.getByRole('button', { name: 'End the programme' });
    expect(confirm).toBeDisabled();
    fireEvent.change(screen.getByLabelText(/Why does the organisation end/), {
      target: { value: 'We give up the certification.' },
    });
    fireEvent.click(confirm);
    expect(await screen.findByText('The programme has ended.')).toBeInTheDocument();
    expect(calls).toContain('POST /api/process-instances/p5/events');
    expect(sent).toEqual([{ type: 'END_PROGRAMME', data: { reason: 'We give up the certification.' } }]);
  });

  it('does not offer a contributor to end the programme', async () => {
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: contributor } }),
      'GET /api/programme': () => ({ status: 200, body: programme }),
      'GET /api/certification/coverage': () => ({ status: 200, body: { ...coverage, visits: [] } }),
    });
    render(<App api={api} />);
    expect(
      await screen.findByText('No visit of the certification body is recorded for this cycle yet.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'End the programme…' })).not.toBeInTheDocument();
  });
});
