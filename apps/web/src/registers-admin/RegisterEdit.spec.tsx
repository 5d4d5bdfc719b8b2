import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { SessionUser } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi } from '../test-support/fake-api';
import { applyEdit, editValues, type StoredDeclaration } from './register-edit';

const admin: SessionUser = {
  id: 'u0',
  email: 'admin@acme.example',
  name: 'Ada Admin',
  roles: ['admin'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
};

const stored: StoredDeclaration = {
  key: 'suppliers',
  title: 'AI suppliers',
  clause: 'A.10.3',
  fields: { type: 'object', properties: { supplier: { type: ['string', 'null'] } } },
  columns: [
    { field: 'supplier', title: 'Supplier', kind: 'text' },
    { field: 'recordedById', title: 'Recorded by', kind: 'person' },
    { field: 'updatedAt', title: 'Updated', kind: 'date' },
  ],
  projections: [{ definition: 'supplier-intake', when: { taskCompleted: { form: 'f', state: 's' } } }],
  builtIn: false,
  version: 2,
};

describe('editing a declared register', () => {
  it('keeps the projections, drops the catalogue facts and an emptied clause', () => {
    const values = editValues(stored);
    const next = applyEdit(stored, { ...values, title: ' Suppliers of AI ', clause: '' });
    expect(next).toEqual({
      declaration: {
        key: 'suppliers',
        title: 'Suppliers of AI',
        fields: stored.fields,
        columns: stored.columns,
        projections: stored.projections,
      },
    });
  });

  it('saves changed JSON as written, and refuses invalid JSON or another key', () => {
    const values = editValues(stored);
    const changed = JSON.stringify({ ...JSON.parse(values.json), filters: ['supplier'] });
    expect(applyEdit(stored, { ...values, title: 'ignored', json: changed })).toMatchObject({
      declaration: { title: 'AI suppliers', filters: ['supplier'] },
    });
    expect(applyEdit(stored, { ...values, json: '{ "key": ' })).toEqual({
      error: expect.stringMatching(/^The declaration is not valid JSON/),
    });
    expect(applyEdit(stored, { ...values, json: '{"key":"other"}' })).toEqual({
      error: 'The key must stay "suppliers"; declare a new register to use another key.',
    });
  });

  it('edits the title and columns of an organisation’s register and saves a new version', async () => {
    window.history.replaceState(null, '', '/admin/registers');
    const put: unknown[] = [];
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
              count: 4,
              byStatus: [],
              builtIn: true,
            },
            {
              key: 'suppliers',
              title: 'AI suppliers',
              clause: 'A.10.3',
              count: 1,
              byStatus: [],
              builtIn: false,
            },
          ],
        },
      }),
      'GET /api/workflow-definitions': () => ({ status: 200, body: { items: [] } }),
      'GET /api/registers/suppliers/declaration': () => ({ status: 200, body: stored }),
      'PUT /api/registers/suppliers': (init) => {
        put.push(JSON.parse(String(init.body)));
        return put.length === 1
          ? {
              status: 422,
              body: {
                type: 'about:blank',
                title: 'Unprocessable Entity',
                status: 422,
                detail: 'not valid',
                errors: [{ pointer: '', message: 'register "suppliers": column "x" is not a field' }],
              },
            }
          : { status: 200, body: { key: 'suppliers', version: 3, created: true } };
      },
    });
    render(<App api={api} />);
    expect(screen.queryByRole('button', { name: 'Edit AI risk register' })).not.toBeInTheDocument();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit AI suppliers' }));
    const editor = within(await screen.findByRole('form', { name: 'Edit register AI suppliers' }));
    fireEvent.change(editor.getByLabelText('Title'), { target: { value: 'Suppliers of AI' } });
    fireEvent.click(editor.getByRole('button', { name: 'Remove the recordedById column' }));
    fireEvent.click(editor.getByRole('button', { name: 'Move updatedAt up' }));
    fireEvent.click(editor.getByRole('button', { name: 'Save new version' }));
    expect(await editor.findByText('register "suppliers": column "x" is not a field')).toBeInTheDocument();
    fireEvent.click(editor.getByRole('button', { name: 'Save new version' }));
    expect(await editor.findByText(/Saved as version 3/)).toBeInTheDocument();
    await waitFor(() => expect(put).toHaveLength(2));
    const declaration = (put[1] as { declaration: StoredDeclaration }).declaration;
    expect(declaration).not.toHaveProperty('builtIn');
    expect(declaration.title).toBe('Suppliers of AI');
    expect(declaration.columns?.map((c) => c.field)).toEqual(['updatedAt', 'supplier']);
    expect(declaration.projections).toEqual(stored.projections);
  });
});
