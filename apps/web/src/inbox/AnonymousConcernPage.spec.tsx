import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { SessionUser } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi } from '../test-support/fake-api';

const contributor: SessionUser = {
  id: 'u-1',
  email: 'owner@acme.example',
  name: 'Omar Owner',
  roles: ['contributor'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
};

const concernForm = {
  key: 'concern-report',
  version: 2,
  title: 'Concern about an AI system',
  changeNote: '',
  publishedAt: '2026-12-01T00:00:00Z',
  schema: {
    type: 'object',
    properties: {
      title: { title: 'Concern', type: 'string' },
      wantsReply: { title: 'I would like to hear what was done', type: 'boolean' },
    },
    required: ['title'],
  },
  uiSchema: { 'ui:order': ['title', 'wantsReply'] },
};

function server(answer: () => { status: number; body: unknown }) {
  const sent: unknown[] = [];
  const fake = fakeApi({
    'GET /api/auth/me': () => ({ status: 200, body: { user: contributor } }),
    'GET /api/forms/concern-report/versions': () => ({ status: 200, body: { items: [{ version: 2 }] } }),
    'GET /api/forms/concern-report/versions/2': () => ({ status: 200, body: concernForm }),
    'POST /api/reports/concern/anonymous': (init) => {
      sent.push(JSON.parse(String(init.body)));
      return answer();
    },
  });
  return { ...fake, sent };
}

beforeEach(() => window.history.replaceState(null, '', '/report/concern/anonymous'));

describe('raising a concern anonymously', () => {
  it('sends the newest concern form without the reply question and says nobody can answer', async () => {
    const { api, sent } = server(() => ({ status: 201, body: { instanceId: 'i-1', taskId: null } }));
    render(<App api={api} />);
    fireEvent.change(await screen.findByLabelText(/Concern/, {}, { timeout: 8000 }), {
      target: { value: 'Overrides are not logged' },
    });
    expect(screen.queryByLabelText('I would like to hear what was done')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Send anonymously' }));
    expect(await screen.findByRole('status')).toHaveTextContent(/nobody can answer you personally/);
    expect(sent).toEqual([{ data: { title: 'Overrides are not logged' } }]);
  });

  it('shows the server’s field errors next to the field and keeps what was typed', async () => {
    const { api } = server(() => ({
      status: 422,
      body: {
        title: 'Unprocessable Entity',
        detail: 'The concern does not match the concern form.',
        errors: [{ pointer: '/data/title', message: 'must have at least 3 characters' }],
      },
    }));
    render(<App api={api} />);
    const field = await screen.findByLabelText(/Concern/, {}, { timeout: 8000 });
    fireEvent.change(field, { target: { value: 'ab' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send anonymously' }));
    await waitFor(() =>
      expect(screen.getAllByText('must have at least 3 characters').length).toBeGreaterThan(0),
    );
    expect(screen.getByLabelText(/Concern/)).toHaveValue('ab');
  });
});
