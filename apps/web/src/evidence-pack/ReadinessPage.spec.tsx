import { fireEvent, render, screen, within } from '@testing-library/react';
import type { SessionUser } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi } from '../test-support/fake-api';
import type { ReadinessReport } from './evidence-pack-api';

const contributor: SessionUser = {
  id: 'u4',
  email: 'owner@acme.example',
  name: 'Omar Owner',
  roles: ['contributor'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
};

const report: ReadinessReport = {
  generatedAt: '2026-12-06T10:00:00.000Z',
  rule: 'gap: the gap analysis says partial …',
  items: [
    {
      id: '5.2',
      kind: 'clause',
      title: 'AI policy',
      group: '5',
      status: 'gap',
      gaps: ['document AI policy not in force'],
      evidence: [],
    },
    {
      id: '5.3',
      kind: 'clause',
      title: 'Roles, responsibilities and authorities',
      group: '5',
      status: 'ready',
      gaps: [],
      evidence: ['file raci.pdf'],
    },
    {
      id: '5.1',
      kind: 'clause',
      title: 'Leadership and commitment',
      group: '5',
      status: 'no-evidence',
      gaps: [],
      evidence: [],
    },
    {
      id: 'A.2.2',
      kind: 'control',
      title: 'AI policy',
      group: 'A',
      status: 'ready',
      gaps: [],
      evidence: ['file policy.pdf'],
    },
  ],
  groups: [
    { group: '5', title: 'Leadership', ready: 1, gap: 1, 'no-evidence': 1 },
    { group: 'A', title: 'Annex A controls (applicable)', ready: 1, gap: 0, 'no-evidence': 0 },
  ],
  totals: { ready: 2, gap: 1, 'no-evidence': 1 },
  undecidedControls: 30,
};

function renderAt(body: unknown, status = 200) {
  window.history.replaceState(null, '', '/readiness');
  const { api } = fakeApi({
    'GET /api/auth/me': () => ({ status: 200, body: { user: contributor } }),
    'GET /api/readiness': () => ({ status, body }),
  });
  render(<App api={api} />);
}

describe('Readiness page', () => {
  it('charts each clause and Annex A as stacked bars and lists every item with why', async () => {
    renderAt(report);
    await screen.findByRole('heading', { name: 'Readiness', level: 1 });
    expect(await screen.findByText('Ready 2 · Gap 1 · No evidence 1')).toBeInTheDocument();

    const leadership = screen.getByTestId('readiness-bar-5');
    expect(within(leadership).getByRole('img')).toHaveAccessibleName(
      '5 Leadership: 1 ready, 1 gap, 1 no evidence',
    );
    const widths = [...leadership.querySelectorAll<HTMLElement>('.readiness-chart__fill')].map(
      (e) => e.style.width,
    );
    expect(widths.map((w) => Math.round(parseFloat(w)))).toEqual([33, 33, 33]);
    expect(leadership).toHaveTextContent('1/3');
    expect(screen.getByTestId('readiness-bar-A')).toHaveTextContent('1/1');

    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      '5.2AI policyGapdocument AI policy not in force',
      '5.3Roles, responsibilities and authoritiesReadyfile raci.pdf',
      '5.1Leadership and commitmentNo evidence—',
      'A.2.2AI policyReadyfile policy.pdf',
    ]);
    expect(screen.getByText(/30 Annex A controls are not counted/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', '/api/readiness.csv');
  });

  it('filters the table by status', async () => {
    renderAt(report);
    fireEvent.click(await screen.findByRole('button', { name: 'Gap (1)' }));
    expect(screen.getByRole('button', { name: 'Gap (1)' })).toHaveAttribute('aria-pressed', 'true');
    expect(
      screen
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.firstChild?.textContent),
    ).toEqual(['5.2']);
    fireEvent.click(screen.getByRole('button', { name: 'All (4)' }));
    expect(screen.getAllByRole('row')).toHaveLength(5);
  });

  it('shows a failed load with a retry', async () => {
    renderAt({ title: 'Internal Server Error', status: 500, detail: 'boom' }, 500);
    expect(await screen.findByRole('alert')).toHaveTextContent('boom');
  });
});
