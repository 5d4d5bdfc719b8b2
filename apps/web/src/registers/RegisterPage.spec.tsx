import { fireEvent, render, screen } from '@testing-library/react';
import type { SessionUser } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi } from '../test-support/fake-api';

const auditor: SessionUser = {
  id: 'u9',
  email: 'external@acme.example',
  name: 'Erin External',
  roles: ['external-auditor'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
};
const soaRow = (controlId: string, applicable: boolean | null, title: string) => ({
  controlId,
  title,
  family: controlId.split('.').slice(0, 2).join('.'),
  familyTitle: 'Family',
  applicable,
  justification: applicable === false ? 'Out of scope' : null,
  status: applicable === false ? 'not-applicable' : 'implemented',
  stage: 'decided',
  owner: null,
  linkedRisks: [],
  evidence: [],
  updatedAt: null,
});

describe('Registers', () => {
  it('filters the SoA and links its CSV and PDF downloads', async () => {
    window.history.replaceState(null, '', '/registers/soa');
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: auditor } }),
      'GET /api/registers/soa': () => ({
        status: 200,
        body: { items: [soaRow('A.2.2', true, 'AI policy'), soaRow('A.10.4', false, 'Customers')] },
      }),
    });
    render(<App api={api} />);
    await screen.findByText('AI policy');
    expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveAttribute(
      'href',
      '/api/registers/soa.csv',
    );
    expect(screen.getByRole('link', { name: 'Download PDF' })).toHaveAttribute(
      'href',
      '/api/registers/soa.pdf',
    );
    fireEvent.change(screen.getByLabelText('Applicability'), { target: { value: 'no' } });
    expect(screen.queryByText('AI policy')).not.toBeInTheDocument();
    expect(screen.getByText('Customers')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Applicability'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'polic' } });
    expect(screen.getByText('AI policy')).toBeInTheDocument();
    expect(screen.queryByText('Customers')).not.toBeInTheDocument();
  });

  it('shows the risk heat map with a text label in every cell', async () => {
    window.history.replaceState(null, '', '/registers/risks');
    const heatmap = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
    heatmap[3][3] = 2;
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: auditor } }),
      'GET /api/registers/risks': () => ({ status: 200, body: { items: [], heatmap } }),
    });
    render(<App api={api} />);
    expect(await screen.findByLabelText('likelihood 4, impact 4: 2 risks (critical)')).toBeInTheDocument();
    expect(screen.getByLabelText('likelihood 1, impact 1: 0 risks (low)')).toBeInTheDocument();
  });

  it('filters the risk list by a heat-map cell, before or after treatment', async () => {
    window.history.replaceState(null, '', '/registers/risks');
    const grid = () => Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
    const before = grid();
    before[3][3] = 1;
    before[1][2] = 1;
    const after = grid();
    after[1][1] = 1;
    const risk = (id: string, title: string, l: number, i: number, rl: number | null, ri: number | null) => ({
      id,
      title,
      aiSystemName: 'Credit scorer',
      riskSource: 'data',
      likelihood: l,
      impact: i,
      score: l * i,
      treatment: 'modify',
      controls: [],
      residualLikelihood: rl,
      residualImpact: ri,
      acceptance: 'proposed',
      owner: null,
      updatedAt: '2026-12-04T10:00:00Z',
    });
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: auditor } }),
      'GET /api/registers/risks': () => ({
        status: 200,
        body: {
          items: [risk('r1', 'Biased scores', 4, 4, 2, 2), risk('r2', 'Stale model', 2, 3, null, null)],
          heatmap: before,
          matrices: [
            { title: 'Before treatment', rows: 'likelihood', columns: 'impact', counts: before },
            {
              title: 'After treatment',
              rows: 'residualLikelihood',
              columns: 'residualImpact',
              counts: after,
            },
          ],
        },
      }),
    });
    render(<App api={api} />);
    await screen.findByText('Biased scores');
    const beforeCell = screen.getByRole('button', {
      name: 'Before treatment: likelihood 2, impact 3: 1 risk (medium)',
    });
    fireEvent.click(beforeCell);
    expect(screen.queryByText('Biased scores')).not.toBeInTheDocument();
    expect(screen.getByText('Stale model')).toBeInTheDocument();
    expect(beforeCell).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(
      screen.getByRole('button', { name: 'After treatment: likelihood 2, impact 2: 1 risk (low)' }),
    );
    expect(screen.getByText('Biased scores')).toBeInTheDocument();
    expect(screen.queryByText('Stale model')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Show all' }));
    expect(screen.getByText('Stale model')).toBeInTheDocument();
  });
});
