import { LoadError } from '../app/LoadError';
import { useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { FORM_KEY_PATTERN, modelToSchema } from '@aimsflow/form-schema';
import { errorMessage } from '../api/api-client';
import { useQuery } from '../api/useQuery';
import { PageLoading } from '../app/Loading';
import { PageHeader } from '../app/PageHeader';
import { useDebouncedValue } from '../admin/useDebouncedValue';
import { useAuth } from '../auth/AuthProvider';
import { formatDateTime } from '../inbox/due';
import { Link } from '../routing/Link';
import { navigate } from '../routing/router';
import { formsApi, type FormsApi } from './forms-api';

/** Admin → Forms: search the organisation's forms, create one, import an exported file. */
export function FormsListPage() {
  const { api } = useAuth();
  const forms = useMemo(() => formsApi(api), [api]);
  const [search, setSearch] = useState('');
  const debounced = useDebouncedValue(search.trim(), 300);
  const list = useQuery(
    (signal) => forms.list({ search: debounced, limit: 100 }, signal),
    `forms:${debounced}`,
  );
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState('');
  const items = list.data?.items ?? [];

  return (
    <section className="page">
      <PageHeader
        title="Forms"
        description="Design the forms tasks ask people to fill in. Publishing makes a new, immutable version; running tasks keep theirs."
        actions={
          <>
            <ImportButton forms={forms} onStatus={setStatus} />
            <button
              type="button"
              className="button button--primary"
              aria-expanded={creating}
              onClick={() => setCreating((v) => !v)}
            >
              New form
            </button>
          </>
        }
      />
      {creating && <NewFormPanel forms={forms} onCancel={() => setCreating(false)} />}
      <div className="toolbar" role="search">
        <label className="field field--inline">
          <span className="field__label">Search forms</span>
          <input
            type="search"
            placeholder="Key or title"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </label>
      </div>
      <p className="inline-status" role="status" aria-live="polite">
        {status}
      </p>
      {list.error ? (
        <LoadError what="forms" error={list.error} />
      ) : list.loading && items.length === 0 ? (
        <PageLoading label="Loading forms…" />
      ) : items.length === 0 ? (
        <div className="empty-state">
          <p>
            {debounced
              ? `No form matches “${debounced}”.`
              : 'No forms yet. Create one, or import an exported form file.'}
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-busy={list.loading}>
            <caption className="visually-hidden">Forms</caption>
            <thead>
              <tr>
                <th scope="col">Form</th>
                <th scope="col">Published</th>
                <th scope="col">Draft</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {items.map((form) => (
                <tr key={form.key}>
                  <td>
                    <Link to={`/admin/forms/${encodeURIComponent(form.key)}`} className="cell-title">
                      {form.title}
                    </Link>
                    <div className="muted small">
                      <code>{form.key}</code>
                    </div>
                  </td>
                  <td>
                    {form.latestVersion ? (
                      `Version ${form.latestVersion}`
                    ) : (
                      <span className="badge badge--muted">Never published</span>
                    )}
                  </td>
                  <td>
                    {form.hasDraftChanges ? (
                      <span className="badge badge--due-soon">Unpublished changes</span>
                    ) : (
                      <span className="muted">Up to date</span>
                    )}
                  </td>
                  <td className="small">{formatDateTime(form.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function NewFormPanel({ forms, onCancel }: { forms: FormsApi; onCancel(): void }) {
  const [key, setKey] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const keyValid = FORM_KEY_PATTERN.test(key);

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!keyValid) {
      setError(
        'The key must be kebab-case: lower-case letters and digits, single dashes (e.g. dpia-screening).',
      );
      return;
    }
    if (!title.trim()) {
      setError('Give the form a title.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const doc = modelToSchema({ title: title.trim(), fields: [] });
      await forms.create({ key, title: title.trim(), schema: doc.schema, uiSchema: doc.uiSchema });
      navigate(`/admin/forms/${encodeURIComponent(key)}`);
    } catch (cause) {
      setError(errorMessage(cause));
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-label="New form">
      <form className="form-grid" onSubmit={create} noValidate>
        <label className="field">
          <span className="field__label">Key</span>
          <input
            type="text"
            value={key}
            autoFocus
            spellCheck={false}
            placeholder="dpia-screening"
            aria-invalid={key !== '' && !keyValid ? true : undefined}
            onChange={(event) => setKey(event.target.value.trim())}
          />
          <span className="field__hint">
            Stable id used by workflows; kebab-case. It cannot change later.
          </span>
        </label>
        <label className="field">
          <span className="field__label">Title</span>
          <input
            type="text"
            value={title}
            maxLength={200}
            placeholder="DPIA screening"
            onChange={(event) => setTitle(event.target.value)}
          />
        </label>
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create and open designer'}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

function ImportButton({ forms, onStatus }: { forms: FormsApi; onStatus(text: string): void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      const parsed = JSON.parse(await file.text()) as Record<string, unknown>;
      const result = await forms.import(parsed);
      const key = result?.form?.key ?? String(parsed.key ?? '');
      onStatus(
        result?.created
          ? `Imported ${key} as a new form.`
          : `Replaced the draft of ${key} with the imported file.`,
      );
      if (key) navigate(`/admin/forms/${encodeURIComponent(key)}`);
    } catch (cause) {
      onStatus(
        `Could not import ${file.name}: ${cause instanceof SyntaxError ? 'it is not a JSON file' : errorMessage(cause)}`,
      );
    }
  }
  return (
    <>
      <input
        ref={inputRef}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => void onFile(e)}
        data-testid="form-import-input"
      />
      <button type="button" className="button" onClick={() => inputRef.current?.click()}>
        Import…
      </button>
    </>
  );
}
