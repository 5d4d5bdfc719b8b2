import { fireEvent, render, screen, within } from '@testing-library/react';
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
const policy = {
  id: '6f1c0d8e-1111-4a4a-9c9c-000000000001',
  docKey: 'ai-policy',
  title: 'AI policy',
  version: 2,
  approvalState: 'in-approval',
  approvedAt: null,
  reviewDate: null,
  owner: { id: 'u1', name: 'Maya Manager' },
  updatedAt: '2026-12-04T10:00:00Z',
  inForce: { version: 1, approvedAt: '2026-11-01T10:00:00Z', reviewDate: '2027-11-01' },
};

describe('documented information', () => {
  it('shows the version in force beside a revision in approval, and every kept version', async () => {
    window.history.replaceState(null, '', '/registers/documents');
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: auditor } }),
      'GET /api/registers/documents': () => ({ status: 200, body: { items: [policy] } }),
      [`GET /api/registers/documents/${policy.id}`]: () => ({
        status: 200,
        body: {
          document: policy,
          versions: [
            {
              version: 2,
              title: 'AI policy',
              content: { statement: 'We use AI responsibly, with suppliers too.' },
              owner: policy.owner,
              recordedAt: '2026-12-04T10:00:00Z',
              approvedAt: null,
              standing: 'in-approval',
            },
            {
              version: 1,
              title: 'AI policy',
              content: { statement: 'We use AI responsibly.' },
              owner: policy.owner,
              recordedAt: '2026-10-30T10:00:00Z',
              approvedAt: '2026-11-01T10:00:00Z',
              standing: 'in-force',
            },
          ],
        },
      }),
    });
    render(<App api={api} />);
    const row = (await screen.findByRole('link', { name: 'AI policy' })).closest('tr')!;
    expect(within(row).getByText('Version 1')).toBeInTheDocument();
    expect(within(row).getByText('In approval')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveAttribute(
      'href',
      '/api/registers/documents.csv',
    );
    expect(screen.getByRole('link', { name: 'Download PDF' })).toHaveAttribute(
      'href',
      '/api/registers/documents.pdf',
    );
    fireEvent.click(screen.getByRole('link', { name: 'AI policy' }));
    expect(await screen.findByText('Version 1 is in force; version 2 is in approval.')).toBeInTheDocument();
    const versions = screen.getByRole('table', { name: 'Versions of AI policy' });
    const standings = within(versions)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .slice(0, 2)
          .map((c) => c.textContent),
      );
    expect(standings).toEqual([
      ['2', 'In approval'],
      ['1', 'In force'],
    ]);
    expect(screen.getByText('We use AI responsibly.')).toBeVisible();
  });
});
