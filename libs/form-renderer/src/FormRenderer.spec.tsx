import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FormRenderer } from './FormRenderer';
import type { FormDataSources } from './data-sources';

const users = [
  { id: 'u-ada', title: 'Ada Lovelace', subtitle: 'ada@example.org' },
  { id: 'u-alan', title: 'Alan Turing', subtitle: 'alan@example.org' },
];

function sources(overrides: Partial<FormDataSources> = {}): FormDataSources {
  return {
    users: async () => users,
    groups: async () => [{ id: 'g-aims', title: 'AIMS team' }],
    roles: async () => [{ id: 'r-owner', title: 'Control owner' }],
    controls: async () => [
      { id: 'A.2.2', title: 'AI policy' },
      { id: 'A.6.2.4', title: 'AI system verification and validation' },
    ],
    aiSystems: async () => [{ id: 'sys-chat', title: 'Support chatbot' }],
    uploadFile: async (file: File) => ({
      sha256: 'abc123',
      name: file.name,
      size: file.size,
      type: file.type,
    }),
    ...overrides,
  };
}

const attachmentSchema = {
  type: 'object',
  title: 'Evidence',
  properties: {
    sha256: { type: 'string' },
    name: { type: 'string' },
    size: { type: 'integer' },
    type: { type: 'string' },
  },
};

const ratingSchema = {
  type: 'object',
  title: 'Inherent risk',
  properties: {
    likelihood: { type: 'integer', minimum: 1, maximum: 5 },
    impact: { type: 'integer', minimum: 1, maximum: 5 },
    score: { type: 'integer' },
  },
};

const everyWidgetSchema = {
  type: 'object',
  title: 'Risk assessment',
  required: ['owner'],
  properties: {
    owner: { type: 'string', title: 'Risk owner' },
    team: { type: 'string', title: 'Team' },
    approverRole: { type: 'string', title: 'Approver role' },
    control: { type: 'string', title: 'Annex A control' },
    system: { type: 'string', title: 'AI system' },
    notes: { type: 'string', title: 'Notes', maxLength: 200 },
    due: { type: 'string', format: 'date', title: 'Due date' },
    evidence: attachmentSchema,
    rating: ratingSchema,
  },
};

const everyWidgetUi = {
  owner: { 'ui:widget': 'user' },
  team: { 'ui:widget': 'group' },
  approverRole: { 'ui:widget': 'role' },
  control: { 'ui:widget': 'control' },
  system: { 'ui:widget': 'aiSystem' },
  notes: { 'ui:widget': 'textarea' },
  due: { 'ui:widget': 'date' },
  evidence: { 'ui:field': 'file' },
  rating: { 'ui:field': 'riskMatrix' },
};

async function renderLoaded(ui: React.ReactElement) {
  const view = render(ui);
  // Pickers load their options asynchronously; wait until the user list is in.
  await screen.findByRole('option', { name: /Ada Lovelace/ });
  return view;
}

describe('FormRenderer', () => {
  it('renders every custom widget, lets each be filled in, and submits the typed data', async () => {
    const onSubmit = jest.fn();
    await renderLoaded(
      <FormRenderer
        schema={everyWidgetSchema}
        uiSchema={everyWidgetUi}
        onSubmit={onSubmit}
        dataSources={sources()}
      />,
    );

    fireEvent.change(screen.getByLabelText(/^Risk owner/), { target: { value: 'u-alan' } });
    await screen.findByRole('option', { name: 'AIMS team' });
    fireEvent.change(screen.getByLabelText(/^Team/), { target: { value: 'g-aims' } });
    fireEvent.change(screen.getByLabelText(/^Approver role/), { target: { value: 'r-owner' } });
    fireEvent.change(screen.getByLabelText(/^Annex A control/), { target: { value: 'A.6.2.4' } });
    fireEvent.change(screen.getByLabelText(/^AI system/), { target: { value: 'sys-chat' } });
    fireEvent.change(screen.getByLabelText(/^Notes/), { target: { value: 'Bias review pending' } });
    expect(screen.getByText('19 / 200 characters')).toBeInTheDocument();
    const due = screen.getByLabelText(/^Due date/);
    expect(due).toHaveAttribute('type', 'date');
    fireEvent.change(due, { target: { value: '2026-03-31' } });

    const file = new File(['%PDF-1.7'], 'dpia.pdf', { type: 'application/pdf' });
    await act(async () => {
      fireEvent.change(screen.getByLabelText(/^Evidence/), { target: { files: [file] } });
    });
    expect(await screen.findByText('dpia.pdf')).toBeInTheDocument();

    fireEvent.click(
      screen.getByRole('button', {
        name: /Likelihood 4 \(Likely\), impact 5 \(Severe\): score 20, Critical/,
      }),
    );
    expect(screen.getByText(/Score 20 — Critical/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][0]).toEqual({
      owner: 'u-alan',
      team: 'g-aims',
      approverRole: 'r-owner',
      control: 'A.6.2.4',
      system: 'sys-chat',
      notes: 'Bias review pending',
      due: '2026-03-31',
      evidence: { sha256: 'abc123', name: 'dpia.pdf', size: 8, type: 'application/pdf' },
      rating: { likelihood: 4, impact: 5, score: 20 },
    });
  });

  it('narrows a picker to the entries matching its search box', async () => {
    await renderLoaded(
      <FormRenderer
        schema={everyWidgetSchema}
        uiSchema={everyWidgetUi}
        onSubmit={jest.fn()}
        dataSources={sources()}
      />,
    );
    fireEvent.change(screen.getByLabelText('Search Risk owner'), { target: { value: 'turing' } });
    const select = screen.getByLabelText(/^Risk owner/, { selector: 'select' });
    expect(within(select).queryByRole('option', { name: /Ada/ })).not.toBeInTheDocument();
    expect(within(select).getByRole('option', { name: /Alan Turing/ })).toBeInTheDocument();
  });

  it('blocks submission and shows the error next to the field when a required field is empty', async () => {
    const onSubmit = jest.fn();
    await renderLoaded(
      <FormRenderer
        schema={everyWidgetSchema}
        uiSchema={everyWidgetUi}
        onSubmit={onSubmit}
        dataSources={sources()}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    const owner = screen.getByLabelText(/^Risk owner/, { selector: 'select' });
    await waitFor(() => expect(owner).toHaveAttribute('aria-invalid', 'true'));
    const errorList = owner.closest('.form-group')!.querySelector('.error-detail');
    // The server's words, next to the field; the list on top names the field.
    expect(errorList).toHaveTextContent('Fill in this field.');
    expect(document.querySelector('.errors, .panel-danger')).toHaveTextContent(
      /Risk owner: Fill in this field\./,
    );
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('refuses an attachment over the size limit without uploading it', async () => {
    const uploadFile = jest.fn();
    await renderLoaded(
      <FormRenderer
        schema={everyWidgetSchema}
        uiSchema={everyWidgetUi}
        onSubmit={jest.fn()}
        dataSources={sources({ uploadFile })}
        maxFileSize={4}
      />,
    );
    const file = new File(['too large'], 'big.bin');
    await act(async () => {
      fireEvent.change(screen.getByLabelText(/^Evidence/), { target: { files: [file] } });
    });
    expect(screen.getByRole('alert')).toHaveTextContent('big.bin is 9 B; the limit is 4 B.');
    expect(uploadFile).not.toHaveBeenCalled();
  });

  it('moves through the risk matrix with arrow keys and picks a cell with the keyboard', async () => {
    const onChange = jest.fn();
    render(
      <FormRenderer
        schema={{ type: 'object', properties: { rating: ratingSchema } }}
        uiSchema={{ rating: { 'ui:field': 'riskMatrix' } }}
        onSubmit={jest.fn()}
        onChange={onChange}
      />,
    );
    const start = screen.getByRole('button', { name: /^Likelihood 1 .*impact 1 / });
    expect(start).toHaveAttribute('tabindex', '0');
    act(() => start.focus());
    fireEvent.keyDown(start, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    const target = screen.getByRole('button', { name: /^Likelihood 2 .*impact 2 .*score 4, Low/ });
    expect(target).toHaveFocus();
    expect(target).toHaveAttribute('tabindex', '0');
    expect(start).toHaveAttribute('tabindex', '-1');
    fireEvent.click(target); // Enter and Space on a native button fire click
    expect(target).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith({ rating: { likelihood: 2, impact: 2, score: 4 } }),
    );
  });

  it('lets pickers fall back to typing an id when no data source is wired', () => {
    render(<FormRenderer schema={everyWidgetSchema} uiSchema={everyWidgetUi} onSubmit={jest.fn()} />);
    expect(screen.getByLabelText(/^Risk owner/)).toHaveAttribute('type', 'text');
  });

  it('renders read-only without a submit button and with locked inputs', async () => {
    await renderLoaded(
      <FormRenderer
        schema={everyWidgetSchema}
        uiSchema={everyWidgetUi}
        onSubmit={jest.fn()}
        dataSources={sources()}
        formData={{ owner: 'u-ada' }}
        readOnly
      />,
    );
    expect(screen.queryByRole('button', { name: 'Submit' })).not.toBeInTheDocument();
    expect(screen.getByLabelText(/^Risk owner/, { selector: 'select' })).toBeDisabled();
    expect(screen.getByLabelText(/^Notes/)).toHaveAttribute('readonly');
  });

  it('uses the given submit label', () => {
    render(
      <FormRenderer
        schema={{ type: 'object', properties: {} }}
        onSubmit={jest.fn()}
        submitLabel="Send for approval"
      />,
    );
    expect(screen.getByRole('button', { name: 'Send for approval' })).toBeInTheDocument();
  });
});

describe('FormRenderer lists', () => {
  it('names its add, move and remove buttons in visible words, and they work', async () => {
    const onSubmit = jest.fn();
    render(
      <FormRenderer
        schema={{
          type: 'object',
          properties: { parties: { type: 'array', title: 'Interested parties', items: { type: 'string' } } },
        }}
        formData={{ parties: ['Customers', 'Regulator'] }}
        onSubmit={onSubmit}
        dataSources={sources()}
      />,
    );
    expect(await screen.findByRole('button', { name: /Add entry/ })).toHaveTextContent('+ Add entry');
    expect(screen.getAllByRole('button', { name: /Remove/ })).toHaveLength(2);
    fireEvent.click(screen.getAllByRole('button', { name: /Move down/ })[0]);
    fireEvent.click(screen.getAllByRole('button', { name: /Remove/ })[1]);
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ parties: ['Regulator'] }));
  });
});

describe('FormRenderer attestations', () => {
  it('leaves a const-true attestation unticked until the person ticks it', async () => {
    const onSubmit = jest.fn();
    render(
      <FormRenderer
        schema={{
          type: 'object',
          required: ['understood'],
          properties: { understood: { type: 'boolean', const: true, title: 'I understand my role' } },
        }}
        onSubmit={onSubmit}
        dataSources={sources()}
      />,
    );
    const box = await screen.findByRole('checkbox', { name: /I understand my role/ });
    expect(box).not.toBeChecked();
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await screen.findAllByText(/Fill in this field\.|Tick this box to confirm\./);
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.click(box);
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ understood: true }));
  });
});

describe('FormRenderer security', () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const script = '<script>window.pwned = true</script>';

  it('renders admin-typed titles, descriptions, help and enum labels as text, never as markup', () => {
    const schema = {
      type: 'object',
      title: hostile,
      description: script,
      properties: {
        answer: { type: 'string', title: hostile, description: script, enum: ['a'], enumNames: [hostile] },
        choice: { type: 'string', title: 'Choice', oneOf: [{ const: 'x', title: hostile }] },
        note: { type: 'string', title: 'Note', default: hostile },
      },
    };
    const uiSchema = {
      'ui:enableMarkdownInDescription': true,
      'ui:globalOptions': { enableMarkdownInDescription: true, enableMarkdownInHelp: true },
      answer: {
        'ui:help': `${hostile} **bold**`,
        'ui:options': { enableMarkdownInDescription: true, enableMarkdownInHelp: true },
      },
      note: {
        'ui:description': `[click](javascript:alert(1)) ${hostile}`,
        'ui:enableMarkdownInDescription': true,
      },
    };
    const { container } = render(<FormRenderer schema={schema} uiSchema={uiSchema} onSubmit={jest.fn()} />);

    expect(container.querySelector('img, script, a, strong, [onerror]')).toBeNull();
    expect(screen.getAllByText(hostile, { exact: false }).length).toBeGreaterThanOrEqual(3);
    expect(screen.getAllByText(script).length).toBeGreaterThanOrEqual(2);
    expect(screen.getByText(`${hostile} **bold**`)).toBeInTheDocument();
    expect(screen.getAllByDisplayValue(hostile).length).toBeGreaterThanOrEqual(1);
    expect((window as unknown as { pwned?: boolean }).pwned).toBeUndefined();
  });
});
