import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { ApiError } from '../api/api-client';
import type {
  FormDraftInfo,
  FormVersion,
  WorkflowDefinitionSummary,
  WorkflowSettingsView,
} from '../api/api-types';
import { useQuery } from '../api/useQuery';
import { PageHeader } from '../app/PageHeader';
import { useAuth } from '../auth/AuthProvider';
import { Link } from '../routing/Link';
import type { RegisterSummary } from '../registers/declared';
import { EditRegisterForm } from './EditRegisterForm';
import {
  formFields,
  isRegisterKey,
  toDeclaration,
  type FormField,
  type RegisterDraftValues,
} from './register-draft';

const EMPTY: RegisterDraftValues = {
  key: '',
  title: '',
  clause: '',
  description: '',
  definition: '',
  stateId: '',
  form: '',
  fields: [],
  recordKey: 'task',
  recordedBy: true,
};

/**
 * Admin → Registers: the registers of this organisation, and a designer for a new one: pick the
 * workflow step that feeds it, the form fields it keeps and what identifies a record. The server
 * checks the declaration against the definition and the form before it is saved.
 */
export function RegistersAdminPage() {
  const { api } = useAuth();
  const [generation, setGeneration] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const registers = useQuery(
    (signal) => api.get<{ items: Array<RegisterSummary & { builtIn?: boolean }> }>('/registers', { signal }),
    `registers-${generation}`,
  );
  return (
    <section className="page">
      <PageHeader
        title="Registers"
        description="Registers fill themselves from the workflow steps that feed them. Declare a new one from any form used in a task step."
      />
      <table className="table">
        <caption className="visually-hidden">Registers</caption>
        <thead>
          <tr>
            <th scope="col">Register</th>
            <th scope="col">Records</th>
            <th scope="col">Declared by</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(registers.data?.items ?? []).map((r) => (
            <tr key={r.key}>
              <td>
                <Link to={`/registers/${r.key}`}>{r.title}</Link>
              </td>
              <td>{r.count}</td>
              <td>{r.builtIn === false ? 'Your organisation' : 'Built in'}</td>
              <td>
                {r.builtIn === false && (
                  <button
                    type="button"
                    className="button"
                    aria-label={`Edit ${r.title}`}
                    aria-expanded={editing === r.key}
                    onClick={() => setEditing(editing === r.key ? null : r.key)}
                  >
                    Edit
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <EditRegisterForm
          key={editing}
          registerKey={editing}
          onClose={() => setEditing(null)}
          onSaved={() => setGeneration((g) => g + 1)}
        />
      )}
      <NewRegisterForm onSaved={() => setGeneration((g) => g + 1)} />
    </section>
  );
}

function NewRegisterForm({ onSaved }: { onSaved: () => void }) {
  const { api } = useAuth();
  const {
    register,
    handleSubmit,
    control,
    setValue,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<RegisterDraftValues>({ defaultValues: EMPTY });
  const definition = useWatch({ control, name: 'definition' });
  const stateId = useWatch({ control, name: 'stateId' });
  const chosen = useWatch({ control, name: 'fields' });
  const [serverErrors, setServerErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);

  const definitions = useQuery(
    (signal) => api.get<{ items: WorkflowDefinitionSummary[] }>('/workflow-definitions', { signal }),
    'definitions',
  );
  const settings = useQuery(
    (signal) =>
      definition
        ? api.get<WorkflowSettingsView>(`/workflow-definitions/${encodeURIComponent(definition)}/settings`, {
            signal,
          })
        : Promise.resolve(undefined),
    `settings-${definition}`,
  );
  const taskSteps = (settings.data?.steps ?? []).filter((s) => s.kind === 'task' && s.current.form);
  const formKey = taskSteps.find((s) => s.stateId === stateId)?.current.form ?? '';
  const [fields, setFields] = useState<FormField[]>([]);

  useEffect(() => {
    setValue('form', formKey);
    setFields([]);
    if (!formKey) return;
    const controller = new AbortController();
    (async () => {
      const info = await api.get<FormDraftInfo>(`/forms/${encodeURIComponent(formKey)}`, {
        signal: controller.signal,
      });
      if (!info.latestVersion) return;
      const version = await api.get<FormVersion>(
        `/forms/${encodeURIComponent(formKey)}/versions/${info.latestVersion}`,
        {
          signal: controller.signal,
        },
      );
      const found = formFields(version.schema);
      setFields(found);
      setValue(
        'fields',
        found.map((f) => f.name),
      );
    })().catch(() => setFields([]));
    return () => controller.abort();
  }, [api, formKey, setValue]);

  const submit = handleSubmit(async (values) => {
    setServerErrors([]);
    setSaved(null);
    try {
      const result = await api.post<{ key: string; version: number }>('/registers', {
        declaration: toDeclaration(values, fields),
      });
      setSaved(result.key);
      reset(EMPTY);
      onSaved();
    } catch (cause) {
      const reasons = cause instanceof ApiError ? cause.errors.map((e) => e.message) : [];
      setServerErrors(
        reasons.length
          ? reasons
          : [cause instanceof Error ? cause.message : 'The register could not be saved.'],
      );
    }
  });

  return (
    <form
      className="card register-designer"
      onSubmit={submit}
      noValidate
      aria-labelledby="new-register-title"
    >
      <h2 id="new-register-title">New register</h2>
      {saved && (
        <p className="alert alert--success" role="status">
          Register saved. <Link to={`/registers/${saved}`}>Open it</Link>
        </p>
      )}
      {serverErrors.length > 0 && (
        <div className="alert alert--error" role="alert">
          <p>The register was not saved:</p>
          <ul>
            {serverErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-grid">
        <label className="field">
          <span className="field__label">Title</span>
          <input
            aria-invalid={!!errors.title}
            {...register('title', { required: 'Give the register a title.' })}
          />
          {errors.title && <span className="field__error">{errors.title.message}</span>}
        </label>
        <label className="field">
          <span className="field__label">Key</span>
          <input
            spellCheck={false}
            aria-invalid={!!errors.key}
            {...register('key', {
              validate: (v) =>
                isRegisterKey(v.trim()) || 'Lower-case words joined by hyphens, e.g. ai-suppliers.',
            })}
          />
          {errors.key && <span className="field__error">{errors.key.message}</span>}
        </label>
        <label className="field">
          <span className="field__label">ISO/IEC 42001 clause or control (optional)</span>
          <input {...register('clause')} />
        </label>
        <label className="field">
          <span className="field__label">Description (optional)</span>
          <input {...register('description')} />
        </label>
        <label className="field">
          <span className="field__label">Fed by workflow</span>
          <select
            aria-invalid={!!errors.definition}
            {...register('definition', { required: 'Choose the workflow that feeds it.' })}
          >
            <option value="">Choose a workflow…</option>
            {(definitions.data?.items ?? []).map((d) => (
              <option key={d.key} value={d.key}>
                {d.name}
              </option>
            ))}
          </select>
          {errors.definition && <span className="field__error">{errors.definition.message}</span>}
        </label>
        <label className="field">
          <span className="field__label">When this step is completed</span>
          <select
            aria-invalid={!!errors.stateId}
            {...register('stateId', { required: 'Choose the step.' })}
            disabled={!definition}
          >
            <option value="">Choose a step…</option>
            {taskSteps.map((s) => (
              <option key={s.stateId} value={s.stateId}>
                {s.label} (form {s.current.form})
              </option>
            ))}
          </select>
          {errors.stateId && <span className="field__error">{errors.stateId.message}</span>}
        </label>
      </div>
      {fields.length > 0 && (
        <fieldset className="card">
          <legend>Fields it keeps from the form {formKey}</legend>
          {fields.map((f) => (
            <label key={f.name} className="checkbox">
              <input
                type="checkbox"
                value={f.name}
                {...register('fields', { validate: (v) => v.length > 0 || 'Keep at least one field.' })}
              />
              {f.title} <span className="muted">({f.name})</span>
            </label>
          ))}
          {errors.fields && <span className="field__error">{errors.fields.message}</span>}
          <label className="field">
            <span className="field__label">One record per</span>
            <select {...register('recordKey')}>
              <option value="task">completed task</option>
              {fields
                .filter((f) => chosen.includes(f.name) && f.type === 'string')
                .map((f) => (
                  <option key={f.name} value={f.name}>
                    value of {f.title} (the same value updates the same record)
                  </option>
                ))}
            </select>
          </label>
          <label className="checkbox">
            <input type="checkbox" {...register('recordedBy')} /> Record who completed the step
          </label>
        </fieldset>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={isSubmitting || fields.length === 0}
        >
          {isSubmitting ? 'Saving…' : 'Save register'}
        </button>
      </div>
    </form>
  );
}
