import { useEffect, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { ApiError } from '../api/api-client';
import { useAuth } from '../auth/AuthProvider';
import { Link } from '../routing/Link';
import { applyEdit, editValues, type RegisterEditValues, type StoredDeclaration } from './register-edit';

/**
 * Edits a register the organisation declared: its title, clause, description and columns, or, for
 * what the designer does not offer (projections, filters, status), the whole declaration as JSON.
 * Saving makes a new version; the server checks it against the definitions and forms as on create.
 */
export function EditRegisterForm({
  registerKey,
  onClose,
  onSaved,
}: {
  registerKey: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { api } = useAuth();
  const [stored, setStored] = useState<StoredDeclaration | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<StoredDeclaration>(`/registers/${encodeURIComponent(registerKey)}/declaration`, {
        signal: controller.signal,
      })
      .then(setStored)
      .catch((cause: unknown) => {
        if (!controller.signal.aborted)
          setLoadError(cause instanceof Error ? cause.message : 'The register could not be loaded.');
      });
    return () => controller.abort();
  }, [api, registerKey]);

  if (loadError)
    return (
      <p className="alert alert--error" role="alert">
        {loadError}
      </p>
    );
  if (!stored) return <p role="status">Loading the register…</p>;
  return <EditorFields stored={stored} onClose={onClose} onSaved={onSaved} />;
}

function EditorFields({
  stored,
  onClose,
  onSaved,
}: {
  stored: StoredDeclaration;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { api } = useAuth();
  const {
    register,
    control,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<RegisterEditValues>({ defaultValues: editValues(stored) });
  const columns = useFieldArray({ control, name: 'columns' });
  const [serverErrors, setServerErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<number | null>(null);

  const submit = handleSubmit(async (values) => {
    setServerErrors([]);
    setSaved(null);
    const edit = applyEdit(stored, values);
    if ('error' in edit) {
      setServerErrors([edit.error]);
      return;
    }
    const { declaration } = edit;
    try {
      const result = await api.put<{ version: number; created: boolean }>(
        `/registers/${encodeURIComponent(stored.key)}`,
        { declaration },
      );
      setSaved(result.version);
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
      aria-labelledby="edit-register-title"
    >
      <h2 id="edit-register-title">Edit register {stored.title}</h2>
      {saved !== null && (
        <p className="alert alert--success" role="status">
          Saved as version {saved}. <Link to={`/registers/${stored.key}`}>Open it</Link>
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
            {...register('title', { validate: (v) => !!v.trim() || 'Give the register a title.' })}
          />
          {errors.title && <span className="field__error">{errors.title.message}</span>}
        </label>
        <label className="field">
          <span className="field__label">ISO/IEC 42001 clause or control (optional)</span>
          <input {...register('clause')} />
        </label>
        <label className="field">
          <span className="field__label">Description (optional)</span>
          <input {...register('description')} />
        </label>
      </div>
      <fieldset className="card">
        <legend>Columns, in the order shown</legend>
        {columns.fields.length === 0 && (
          <p className="muted">No columns: the list shows only when each record changed.</p>
        )}
        <ol className="column-list">
          {columns.fields.map((column, index) => (
            <li key={column.id} className="column-list__item">
              <label className="field">
                <span className="field__label">
                  Heading of <code>{column.field}</code>
                </span>
                <input
                  aria-invalid={!!errors.columns?.[index]?.title}
                  {...register(`columns.${index}.title`, {
                    validate: (v) => !!v.trim() || 'A column needs a heading.',
                  })}
                />
                {errors.columns?.[index]?.title && (
                  <span className="field__error">{errors.columns[index]?.title?.message}</span>
                )}
              </label>
              <button
                type="button"
                className="button"
                disabled={index === 0}
                aria-label={`Move ${column.field} up`}
                onClick={() => columns.move(index, index - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="button"
                disabled={index === columns.fields.length - 1}
                aria-label={`Move ${column.field} down`}
                onClick={() => columns.move(index, index + 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="button"
                aria-label={`Remove the ${column.field} column`}
                onClick={() => columns.remove(index)}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      </fieldset>
      <details className="card">
        <summary>Advanced: the whole declaration as JSON</summary>
        <p className="muted">
          Projections, filters, status and matrices are edited here. When this text is changed it is saved as
          written, and the fields above are ignored.
        </p>
        <label className="field">
          <span className="field__label">Declaration</span>
          <textarea rows={16} spellCheck={false} className="code" {...register('json')} />
        </label>
      </details>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save new version'}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
