import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { SessionUser } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi } from '../test-support/fake-api';

const manager: SessionUser = {
  id: 'u1',
  email: 'manager@acme.example',
  name: 'Maya Manager',
  roles: ['aims-manager'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
};
const register = {
  key: 'objectives',
  title: 'AI objectives',
  clause: '6.2',
  description: 'The measurable AI objectives.',
  fields: { title: { type: 'string' }, ownerId: { type: ['string', 'null'] }, status: { type: 'string' } },
  columns: [
    { field: 'title', title: 'Objective' },
    { field: 'ownerId', title: 'Owner', kind: 'person' },
    { field: 'status', title: 'Status', kind: 'status' },
  ],
  status: {
    field: 'status',
    values: [
      { value: 'in-approval', title: 'In approval' },
      { value: 'approved', title: 'Approved' },
    ],
  },
};
const record = (id: string, title: string, status: string) => ({
  id,
  key: title.toLowerCase(),
  version: 1,
  updatedAt: '2026-12-04T10:00:00Z',
  title,
  ownerId: 'u2',
  owner: { id: 'u2', name: 'Olu Owner' },
  status,
});
const me = () => ({ status: 200, body: { user: manager } });

describe('A register declared as data', () => {
  it('renders from its declaration: columns, people by name, status titles, status filter, server search, more pages', async () => {
    window.history.replaceState(null, '', '/registers/objectives');
    const { api, calls } = fakeApi({
      'GET /api/auth/me': me,
      'GET /api/registers/objectives': (_init, url) =>
        url.searchParams.get('cursor')
          ? {
              status: 200,
              body: { register, items: [record('r3', 'Third objective', 'approved')], nextCursor: null },
            }
          : url.searchParams.get('q')
            ? {
                status: 200,
                body: {
                  register,
                  items: [record('r2', 'Halve bias complaints', 'approved')],
                  nextCursor: null,
                },
              }
            : {
                status: 200,
                body: {
                  register,
                  items: [
                    record('r1', 'Explain every decision', 'in-approval'),
                    record('r2', 'Halve bias complaints', 'approved'),
                  ],
                  nextCursor: 'next',
                },
              },
    });
    render(<App api={api} />);
    expect(await screen.findByRole('heading', { name: 'AI objectives' })).toBeInTheDocument();
    const row = screen.getByRole('link', { name: 'Explain every decision' }).closest('tr')!;
    expect(within(row).getByText('Olu Owner')).toBeInTheDocument();
    expect(within(row).getByText('In approval')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveAttribute(
      'href',
      '/api/registers/objectives.csv',
    );
    expect(screen.getByRole('link', { name: 'Download PDF' })).toHaveAttribute(
      'href',
      '/api/registers/objectives.pdf',
    );

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'approved' } });
    expect(screen.queryByText('Explain every decision')).not.toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: '' } });

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Third objective')).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'bias' } });
    await screen.findByText('1 record shown');
    expect(calls.filter((c) => c === 'GET /api/registers/objectives').length).toBeGreaterThanOrEqual(3);
  });

  it('charts the whole register by status; a bar filters the list on the server', async () => {
    window.history.replaceState(null, '', '/registers/objectives');
    const asked: string[] = [];
    const byStatus = [
      { value: 'in-approval', title: 'In approval', count: 1 },
      { value: 'approved', title: 'Approved', count: 3 },
    ];
    const { api } = fakeApi({
      'GET /api/auth/me': me,
      'GET /api/registers/objectives': (_init, url) => {
        asked.push(url.search);
        const approvedOnly = url.searchParams.get('status') === 'approved';
        return {
          status: 200,
          body: {
            register: { ...register, filters: ['status'] },
            items: approvedOnly
              ? [record('r2', 'Halve bias complaints', 'approved')]
              : [
                  record('r1', 'Explain every decision', 'in-approval'),
                  record('r2', 'Halve bias complaints', 'approved'),
                ],
            nextCursor: null,
            byStatus: approvedOnly ? [byStatus[1]] : byStatus,
            total: 4,
          },
        };
      },
    });
    render(<App api={api} />);
    const bar = await screen.findByRole('button', { name: /Approved\s*3/ });
    fireEvent.click(bar);
    await waitFor(() => expect(screen.queryByText('Explain every decision')).not.toBeInTheDocument());
    expect(asked).toContain('?status=approved');
    expect(screen.getByRole('button', { name: /Approved\s*3/ })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: /In approval\s*1/ })).toBeInTheDocument();
  });

  it('opens a record with its versions and where it came from', async () => {
    window.history.replaceState(null, '', '/registers/objectives/r1');
    const { api } = fakeApi({
      'GET /api/auth/me': me,
      'GET /api/registers/objectives/r1': () => ({
        status: 200,
        body: {
          register,
          record: { ...record('r1', 'Explain every decision', 'approved'), version: 2 },
          versions: [
            {
              version: 2,
              data: {
                title: 'Explain every decision',
                status: 'approved',
                ownerId: 'u2',
                owner: { id: 'u2', name: 'Olu Owner' },
              },
              changedAt: '2026-12-04T11:00:00Z',
              changedBy: { id: 'u3', name: 'Cleo Chief' },
              sourceTaskId: null,
              instanceId: 'i1',
            },
            {
              version: 1,
              data: {
                title: 'Explain every decision',
                status: 'in-approval',
                ownerId: 'u2',
                owner: { id: 'u2', name: 'Olu Owner' },
              },
              changedAt: '2026-12-04T10:00:00Z',
              changedBy: { id: 'u1', name: 'Maya Manager' },
              sourceTaskId: 't1',
              instanceId: 'i1',
            },
          ],
          sources: {
            instances: [
              {
                id: 'i1',
                definitionKey: 'ai-objectives-approval',
                status: 'completed',
                startedAt: '2026-12-04T09:00:00Z',
              },
            ],
            tasks: [
              {
                id: 't1',
                title: 'Set or review the AI objectives',
                formKey: 'ai-objectives',
                status: 'completed',
                completedAt: '2026-12-04T10:00:00Z',
              },
            ],
          },
          evidence: [
            { sha256: 'a'.repeat(64), name: 'targets.pdf', href: `/api/evidence/${'a'.repeat(64)}` },
          ],
          audit: [
            {
              seq: 4,
              kind: 'task.completed',
              createdAt: '2026-12-04T10:00:00Z',
              hash: 'f00dfeed'.repeat(8),
              actor: { id: 'u1', name: 'Maya Manager' },
            },
          ],
        },
      }),
    });
    render(<App api={api} />);
    expect(await screen.findByRole('heading', { name: 'Explain every decision' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Set or review the AI objectives' })).toHaveAttribute(
      'href',
      '/tasks/t1',
    );
    expect(screen.getByText('2 (current)')).toBeInTheDocument();
    expect(screen.getByText('Cleo Chief')).toBeInTheDocument();
    expect(screen.getByText(/Status: In approval/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'targets.pdf' })).toHaveAttribute(
      'href',
      `/api/evidence/${'a'.repeat(64)}`,
    );
    expect(screen.getByText(/task\.completed · Maya Manager/)).toBeInTheDocument();
  });

  it('lists declared registers with their counts on the registers page', async () => {
    window.history.replaceState(null, '', '/registers');
    const { api } = fakeApi({
      'GET /api/auth/me': me,
      'GET /api/registers': () => ({
        status: 200,
        body: {
          items: [
            {
              key: 'objectives',
              title: 'AI objectives',
              clause: '6.2',
              description: null,
              count: 3,
              byStatus: [{ value: 'approved', title: 'Approved', count: 2 }],
            },
          ],
        },
      }),
    });
    render(<App api={api} />);
    expect(await screen.findByText('3 records · 2 approved')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'AI objectives' })).toHaveAttribute(
      'href',
      '/registers/objectives',
    );
    expect(
      screen.getByRole('link', { name: 'Annex A controls & Statement of Applicability' }),
    ).toBeInTheDocument();
  });
});
