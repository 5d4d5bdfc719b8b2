import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { modelToSchema, type FormModel } from '@aimsflow/form-schema';
import { FormRenderer } from './FormRenderer';

const ADA = '6f1c2a7e-5b1d-4c8e-9a3f-2d4b6c8e0a11';

describe('FormRenderer with documents compiled by @aimsflow/form-schema', () => {
  it('fills the widgets modelToSchema names and submits data the shared validator accepts', async () => {
    const model: FormModel = {
      title: 'Risk acceptance',
      fields: [
        { id: 'owner', kind: 'user', label: 'Risk owner', required: true },
        { id: 'control', kind: 'control', label: 'Control' },
        { id: 'rating', kind: 'riskMatrix', label: 'Residual risk', required: true },
      ],
    };
    const { schema, uiSchema } = modelToSchema(model);
    const onSubmit = jest.fn();
    render(
      <FormRenderer
        schema={schema}
        uiSchema={uiSchema}
        onSubmit={onSubmit}
        dataSources={{
          users: async () => [{ id: ADA, title: 'Ada Lovelace' }],
          controls: async () => [{ id: 'A.5.2', title: 'AI system impact assessment process' }],
        }}
      />,
    );
    await screen.findByRole('option', { name: 'Ada Lovelace' });
    await screen.findByRole('option', { name: 'AI system impact assessment process' });
    fireEvent.change(screen.getByLabelText(/^Risk owner/, { selector: 'select' }), {
      target: { value: ADA },
    });
    fireEvent.change(screen.getByLabelText(/^Control/, { selector: 'select' }), {
      target: { value: 'A.5.2' },
    });
    fireEvent.click(screen.getByRole('button', { name: /^Likelihood 2 .*impact 3 / }));
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    // The compiled risk schema forbids extra properties, so no score is stored alongside.
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        owner: ADA,
        control: 'A.5.2',
        rating: { likelihood: 2, impact: 3 },
      }),
    );
  });
});
