import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { modelToSchema } from '@aimsflow/form-schema';
import { FormDesigner } from './FormDesigner';

function canvasOrder(): string[] {
  return Array.from(document.querySelectorAll('.afd-canvas > ul > li[data-testid^="field-"]'), (li) =>
    li.getAttribute('data-testid')!.slice('field-'.length),
  );
}

function selectField(id: string) {
  fireEvent.click(within(screen.getByTestId(`field-${id}`)).getAllByRole('button')[0]);
}

function panel() {
  return within(screen.getByRole('form', { name: /^Properties of/ }));
}

describe('FormDesigner', () => {
  it('adds a field for each palette item clicked, after the selected one, and selects it', () => {
    render(<FormDesigner />);
    fireEvent.click(screen.getByTestId('palette-shortText'));
    fireEvent.click(screen.getByTestId('palette-date'));
    selectField('shortText1');
    fireEvent.click(screen.getByTestId('palette-user'));
    expect(canvasOrder()).toEqual(['shortText1', 'user1', 'date1']);
    expect(within(screen.getByTestId('field-user1')).getAllByRole('button')[0]).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('adds a field into a selected section', () => {
    render(<FormDesigner />);
    fireEvent.click(screen.getByTestId('palette-section'));
    fireEvent.click(screen.getByTestId('palette-control'));
    expect(within(screen.getByTestId('field-section1')).getByTestId('field-control1')).toBeInTheDocument();
  });

  it('applies a property typed in the panel to the field and reports the compiled document', async () => {
    const onChange = jest.fn();
    render(<FormDesigner onChange={onChange} />);
    fireEvent.click(screen.getByTestId('palette-shortText'));
    fireEvent.change(panel().getByLabelText('Label'), { target: { value: 'System name' } });
    fireEvent.change(panel().getByLabelText('Field id'), { target: { value: 'systemName' } });
    fireEvent.click(panel().getByLabelText('Required'));
    fireEvent.change(panel().getByLabelText('Maximum length'), { target: { value: '80' } });
    await waitFor(() => expect(screen.getByTestId('field-systemName')).toHaveTextContent('System name'));
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith(
        expect.objectContaining({
          schema: expect.objectContaining({
            required: ['systemName'],
            properties: { systemName: { title: 'System name', type: 'string', maxLength: 80 } },
          }),
        }),
      ),
    );
  });

  it('keeps an invalid id in the panel with its message and does not apply it', async () => {
    render(<FormDesigner />);
    fireEvent.click(screen.getByTestId('palette-shortText'));
    fireEvent.click(screen.getByTestId('palette-number'));
    fireEvent.change(panel().getByLabelText('Field id'), { target: { value: 'shortText1' } });
    expect(await panel().findByText('Another field already uses this id')).toBeInTheDocument();
    fireEvent.change(panel().getByLabelText('Field id'), { target: { value: '9lives' } });
    expect(await panel().findByText(/Start with a letter/)).toBeInTheDocument();
    expect(screen.getByTestId('field-number1')).toBeInTheDocument();
  });

  it('edits the options of a choice: rename, add and remove rows', async () => {
    const onChange = jest.fn();
    render(<FormDesigner onChange={onChange} />);
    fireEvent.click(screen.getByTestId('palette-singleChoice'));
    fireEvent.change(panel().getByLabelText('Option 1 label'), { target: { value: 'Low' } });
    fireEvent.click(panel().getByRole('button', { name: 'Add option' }));
    fireEvent.click(panel().getByRole('button', { name: 'Remove option 2' }));
    await waitFor(() => {
      const { schema, uiSchema } = onChange.mock.lastCall![0];
      expect(schema.properties.singleChoice1.enum).toEqual(['option1', 'option3']);
      expect(uiSchema.singleChoice1['ui:enumNames']).toEqual(['Low', 'Option 3']);
    });
  });

  it('reorders the selected field with Alt+ArrowUp / Alt+ArrowDown and removes it with Delete', async () => {
    render(<FormDesigner />);
    fireEvent.click(screen.getByTestId('palette-shortText'));
    fireEvent.click(screen.getByTestId('palette-number'));
    fireEvent.click(screen.getByTestId('palette-date'));
    selectField('shortText1');
    const handle = within(screen.getByTestId('field-shortText1')).getAllByRole('button')[0];
    fireEvent.keyDown(handle, { key: 'ArrowDown', altKey: true });
    fireEvent.keyDown(handle, { key: 'ArrowDown', altKey: true });
    expect(canvasOrder()).toEqual(['number1', 'date1', 'shortText1']);
    fireEvent.keyDown(handle, { key: 'ArrowUp', altKey: true });
    expect(canvasOrder()).toEqual(['number1', 'shortText1', 'date1']);
    await act(async () => {
      fireEvent.keyDown(within(screen.getByTestId('field-shortText1')).getAllByRole('button')[0], {
        key: 'Delete',
      });
    });
    expect(canvasOrder()).toEqual(['number1', 'date1']);
  });

  it('undoes and redoes commands with the toolbar and with Ctrl+Z / Ctrl+Shift+Z', async () => {
    render(<FormDesigner />);
    fireEvent.click(screen.getByTestId('palette-shortText'));
    fireEvent.click(screen.getByTestId('palette-number'));
    fireEvent.change(panel().getByLabelText('Label'), { target: { value: 'Sc' } });
    fireEvent.change(panel().getByLabelText('Label'), { target: { value: 'Score' } });
    await waitFor(() => expect(screen.getByTestId('field-number1')).toHaveTextContent('Score'));

    // Typing into one input undoes as a single step.
    fireEvent.click(screen.getByTestId('designer-undo'));
    expect(screen.getByTestId('field-number1')).toHaveTextContent('Number');
    fireEvent.click(screen.getByTestId('designer-undo'));
    expect(canvasOrder()).toEqual(['shortText1']);

    const canvas = screen.getByRole('region', { name: 'Canvas' });
    fireEvent.keyDown(canvas, { key: 'z', ctrlKey: true });
    expect(canvasOrder()).toEqual([]);
    fireEvent.keyDown(canvas, { key: 'Z', ctrlKey: true, shiftKey: true });
    fireEvent.keyDown(canvas, { key: 'Z', ctrlKey: true, shiftKey: true });
    expect(canvasOrder()).toEqual(['shortText1', 'number1']);
    fireEvent.click(screen.getByTestId('designer-redo'));
    expect(screen.getByTestId('field-number1')).toHaveTextContent('Score');
    expect(screen.getByTestId('designer-redo')).toBeDisabled();
  });

  it('builds a conditional field that appears in Preview only while its condition holds', async () => {
    render(<FormDesigner />);
    fireEvent.click(screen.getByTestId('palette-boolean'));
    fireEvent.change(panel().getByLabelText('Label'), { target: { value: 'Uses personal data' } });
    fireEvent.click(screen.getByTestId('palette-longText'));
    fireEvent.change(panel().getByLabelText('Label'), { target: { value: 'Describe the data' } });
    fireEvent.click(panel().getByLabelText('Show only when a condition holds'));
    fireEvent.change(await panel().findByLabelText('Condition field'), { target: { value: 'boolean1' } });
    fireEvent.change(panel().getByLabelText('Condition operator'), { target: { value: 'eq' } });
    fireEvent.change(panel().getByLabelText('Condition value'), { target: { value: 'true' } });
    await waitFor(() =>
      expect(screen.getByTestId('field-longText1')).toHaveTextContent('Shown when Uses personal data is Yes'),
    );

    fireEvent.click(screen.getByTestId('designer-tab-preview'));
    const preview = within(screen.getByTestId('designer-preview'));
    expect(preview.getByLabelText('Uses personal data')).not.toBeChecked();
    expect(preview.queryByLabelText(/Describe the data/)).not.toBeInTheDocument();
    fireEvent.click(preview.getByLabelText('Uses personal data'));
    expect(await preview.findByLabelText(/Describe the data/)).toBeInTheDocument();
    fireEvent.click(preview.getByLabelText('Uses personal data'));
    await waitFor(() => expect(preview.queryByLabelText(/Describe the data/)).not.toBeInTheDocument());
  });

  it('rejects invalid JSON and an unsafe schema with an inline message, keeping the typed text', async () => {
    render(<FormDesigner />);
    fireEvent.click(screen.getByTestId('palette-shortText'));
    fireEvent.click(screen.getByTestId('designer-tab-json'));
    const text = screen.getByLabelText('Schema and uiSchema (JSON)');
    expect((text as HTMLTextAreaElement).value).toContain('"shortText1"');

    fireEvent.change(text, { target: { value: '{ "schema": ' } });
    fireEvent.click(screen.getByTestId('designer-json-apply'));
    expect(screen.getByTestId('designer-json-errors')).toHaveTextContent('Not valid JSON');
    expect(text).toHaveValue('{ "schema": ');

    const unsafe = JSON.stringify({
      schema: { type: 'object', properties: { a: { type: 'string', pattern: '(a+)+$' } } },
      uiSchema: {},
    });
    fireEvent.change(text, { target: { value: unsafe } });
    fireEvent.click(screen.getByTestId('designer-json-apply'));
    expect(screen.getByTestId('designer-json-errors')).toHaveTextContent('pattern');
    expect(text).toHaveValue(unsafe);

    fireEvent.click(screen.getByTestId('designer-tab-design'));
    expect(canvasOrder()).toEqual(['shortText1']);
  });

  it('applies valid JSON edits as one undoable step', () => {
    render(<FormDesigner />);
    fireEvent.click(screen.getByTestId('designer-tab-json'));
    const doc = modelToSchema({
      title: 'Imported',
      fields: [{ id: 'purpose', kind: 'longText', label: 'Purpose' }],
    });
    fireEvent.change(screen.getByLabelText('Schema and uiSchema (JSON)'), {
      target: { value: JSON.stringify(doc) },
    });
    fireEvent.click(screen.getByTestId('designer-json-apply'));
    fireEvent.click(screen.getByTestId('designer-tab-design'));
    expect(canvasOrder()).toEqual(['purpose']);
    fireEvent.click(screen.getByTestId('designer-undo'));
    expect(canvasOrder()).toEqual([]);
  });

  it('publishes the compiled document with the change note typed inline', async () => {
    const onPublish = jest.fn();
    const initial = modelToSchema({
      title: 'AI impact assessment',
      fields: [{ id: 'system', kind: 'aiSystem', label: 'AI system', required: true }],
    });
    render(<FormDesigner initial={initial} onPublish={onPublish} />);
    expect(screen.getByTestId('field-system')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('designer-publish'));
    fireEvent.click(screen.getByTestId('designer-publish-confirm'));
    expect(await screen.findByText(/Write a change note/)).toBeInTheDocument();
    expect(onPublish).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Change note'), { target: { value: 'First version' } });
    fireEvent.click(screen.getByTestId('designer-publish-confirm'));
    await waitFor(() => expect(onPublish).toHaveBeenCalledWith(initial, 'First version'));
    expect(await screen.findByTestId('designer-published')).toBeInTheDocument();
  });

  it('refuses to publish a form with problems, listing them', async () => {
    const onPublish = jest.fn();
    render(<FormDesigner onPublish={onPublish} />);
    fireEvent.click(screen.getByTestId('palette-section'));
    fireEvent.click(screen.getByTestId('designer-publish'));
    fireEvent.change(screen.getByLabelText('Change note'), { target: { value: 'x' } });
    fireEvent.click(screen.getByTestId('designer-publish-confirm'));
    expect(await screen.findAllByText(/needs at least one field/)).not.toHaveLength(0);
    expect(onPublish).not.toHaveBeenCalled();
  });
});
