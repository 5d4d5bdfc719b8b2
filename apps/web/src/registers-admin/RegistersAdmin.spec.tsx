import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { SessionUser } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi } from '../test-support/fake-api';
import { toDeclaration } from './register-draft';

const admin: SessionUser = {
  id: 'u0',
  email: 'admin@acme.example',
  name: 'Ada Admin',
  roles: ['admin'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
};
const fields = [
  { name: 'supplier', title: 'Supplier', type: 'string' },
  { name: 'dataShared', title: 'Data shared', type: 'boolean' },
  { name: 'owner', title: 'Owner', type: 'string', format: 'uuid' },
];

describe('Admin → Registers', () => {
  it('turns the designer’s choices into a declaration with one projection from the chosen step', () => {
    const declaration = toDeclaration(
      {
        key: 'suppliers',
        title: 'AI suppliers',
        clause: 'A.10.3',
        description: '',
        definition: 'supplier-intake',
        stateId: 'supplier-intake.drafting',
        form: 'supplier-check',
        fields: ['supplier', 'owner'],
        recordKey: 'supplier',
        recordedBy: true,
      },
      fields,
    );
    expect(declaration).toMatchObject({
      key: 'suppliers',
      clause: 'A.10.3',
      fields: {
        type: 'object',
        properties: { supplier: { type: ['string', 'null'] }, ownerId: { type: ['string', 'null'] } },
      },
      columns: [
        { field: 'supplier', title: 'Supplier', kind: 'text' },
        { field: 'ownerId', title: 'Owner', kind: 'person' },
        { field: 'recordedById', title: 'Recorded by', kind: 'person' },
        { field: 'updatedAt', title: 'Updated', kind: 'date' },
      ],
      projections: [
        {
          definition: 'supplier-intake',
          when: { taskCompleted: { form: 'supplier-check', state: 'drafting' } },
          key: { lower: 'submission.supplier' },
          set: { supplier: { first: ['submission.supplier', { const: null }] }, recordedById: 'task.author' },
        },
      ],
    });
    expect(declaration.fields.properties).not.toHaveProperty('dataShared');
  });

  it('designs a register from a workflow step and its form, and shows the server’s reasons when refused', async () => {
    window.history.replaceState(null, '', '/admin/registers');
    const posted: unknown[] = [];
    const { api } = fakeApi({
      'GET /api/auth/me': () => ({ status: 200, body: { user: admin } }),
      'GET /api/registers': () => ({
        status: 200,
        body: {
          items: [
            {
              key: 'risks',
              title: 'AI risk register',
              clause: '6.1.2',
              description: null,
              count: 4,
              byStatus: [],
              builtIn: true,
            },
          ],
        },
      }),
      'GET /api/workflow-definitions': () => ({
        status: 200,
        body: {
          items: [
            {
              key: 'supplier-intake',
              name: 'Supplier intake',
              latestVersion: 2,
              versions: 2,
              updatedAt: '2026-12-04T10:00:00Z',
            },
          ],
        },
      }),
      'GET /api/workflow-definitions/supplier-intake/settings': () => ({
        status: 200,
        body: {
          key: 'supplier-intake',
          name: 'Supplier intake',
          version: 2,
          settings: {},
          steps: [
            {
              stateId: 'supplier-intake.drafting',
              label: 'Describe the supplier',
              kind: 'task',
              current: { form: 'supplier-check' },
            },
          ],
        },
      }),
      'GET /api/forms/supplier-check': () => ({
        status: 200,
        body: { key: 'supplier-check', title: 'Supplier check', latestVersion: 1 },
      }),
      'GET /api/forms/supplier-check/versions/1': () => ({
        status: 200,
        body: {
          key: 'supplier-check',
          version: 1,
          title: 'Supplier check',
          schema: {
            type: 'object',
            properties: {
              supplier: { type: 'string', title: 'Supplier' },
              dataShared: { type: 'boolean', title: 'Data shared' },
            },
          },
        },
      }),
      'POST /api/registers': (init) => {
        posted.push(JSON.parse(String(init.body)));
        return posted.length === 1
          ? {
              status: 422,
              body: {
                type: 'about:blank',
                title: 'Unprocessable Entity',
                status: 422,
                detail: 'not valid',
                errors: [{ pointer: '', message: 'register "suppliers": a reason from the server' }],
              },
            }
          : { status: 201, body: { key: 'suppliers', version: 1, created: true } };
      },
    });
    render(<App api={api} />);
    expect(await screen.findByRole('link', { name: 'AI risk register' })).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'AI suppliers' } });
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'suppliers' } });
    await screen.findByRole('option', { name: 'Supplier intake' });
    fireEvent.change(screen.getByLabelText('Fed by workflow'), { target: { value: 'supplier-intake' } });
    await screen.findByRole('option', { name: 'Describe the supplier (form supplier-check)' });
    fireEvent.change(screen.getByLabelText('When this step is completed'), {
      target: { value: 'supplier-intake.drafting' },
    });
    expect(await screen.findByLabelText(/Data shared/)).toBeChecked();
    fireEvent.click(screen.getByLabelText(/Data shared/));
    fireEvent.click(screen.getByRole('button', { name: 'Save register' }));
    expect(await screen.findByText('register "suppliers": a reason from the server')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Save register' }));
    expect(await screen.findByRole('link', { name: 'Open it' })).toHaveAttribute(
      'href',
      '/registers/suppliers',
    );
    await waitFor(() => expect(posted).toHaveLength(2));
    expect(
      (posted[1] as { declaration: { fields: { properties: object } } }).declaration.fields.properties,
    ).toEqual({
      supplier: { type: ['string', 'null'] },
      recordedById: { type: ['string', 'null'] },
    });
  });
});
