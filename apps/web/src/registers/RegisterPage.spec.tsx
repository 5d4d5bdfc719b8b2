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
});
