import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FormDocument } from '@aimsflow/form-schema';
import { ApiError, errorMessage } from '../api/api-client';
import type { FormDraftInfo } from '../api/api-types';
import { useQuery } from '../api/useQuery';
import { PageLoading } from '../app/Loading';
import type { PageProps } from '../app/routes';
import { useAuth } from '../auth/AuthProvider';
import { Link } from '../routing/Link';
import { useAppDataSources } from '../tasks/form-data-sources';
import { formsApi, lockVersionOf, type FormsApi } from './forms-api';
import { UsagePanel, VersionsPanel } from './VersionsPanel';

// The designer brings react-hook-form, RJSF and ajv: load it only on this page.
const FormDesigner = lazy(() => import('@aimsflow/form-designer'));

const SAVE_DELAY_MS = 800;

type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'conflict'; message: string }
  | { kind: 'error'; message: string };

/** Admin → Forms → one form: the designer on its draft, saved as you edit, with publish, versions, usage, export. */
export default function FormDesignerPage({ params }: PageProps) {
  const key = params.key;
  const { api } = useAuth();
  const forms = useMemo(() => formsApi(api), [api]);
  const [generation, setGeneration] = useState(0);
  const query = useQuery((signal) => forms.get(key, signal), `${key}#${generation}`);

  useEffect(() => {
    document.title = `Form ${key} · Aimsflow`;
  }, [key]);

  if (query.error && !query.data) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <section className="page">
        <p className="breadcrumb" data-page-title tabIndex={-1}>
          <Link to="/admin/forms">Forms</Link> › {key}
        </p>
        <div
          className={notFound ? 'empty-state' : 'alert alert--error'}
          role={notFound ? undefined : 'alert'}
        >
          <p>
            {notFound
              ? `There is no form with the key ${key}.`
              : `Could not load the form: ${errorMessage(query.error)}`}
          </p>
        </div>
      </section>
    );
  }
  if (!query.data || query.loading) return <PageLoading label="Loading the form…" />;
  return (
    <DesignerWorkspace
      key={`${key}#${generation}`}
      info={query.data}
      forms={forms}
      onReload={() => setGeneration((n) => n + 1)}
    />
  );
}

function DesignerWorkspace({
  info,
  forms,
  onReload,
}: {
  info: FormDraftInfo;
  forms: FormsApi;
  onReload(): void;
}) {
  const dataSources = useAppDataSources();
  const { save, saveNow, state } = useDraftAutosave(forms, info);
  const [panel, setPanel] = useState<'none' | 'versions' | 'usage'>('none');
  const [versionsGeneration, setVersionsGeneration] = useState(0);
  const [latestVersion, setLatestVersion] = useState(info.latestVersion);
  const initial = useMemo<FormDocument>(
    () => ({ schema: info.draft.schema, uiSchema: info.draft.uiSchema }),
    [info],
  );

  const publish = useCallback(
    async (doc: FormDocument, changeNote: string) => {
      await saveNow(doc);
      const published = await forms.publish(info.key, changeNote);
      setLatestVersion(published.version);
      setVersionsGeneration((n) => n + 1);
    },
    [forms, info.key, saveNow],
  );

  return (
    <section className="page designer-page">
      <div className="designer-page__bar">
        <p className="breadcrumb" data-page-title tabIndex={-1}>
          <Link to="/admin/forms">Forms</Link> › <code>{info.key}</code>
          <span className="muted small">
            {' '}
            · {latestVersion ? `published version ${latestVersion}` : 'never published'}
          </span>
        </p>
        <SaveStatus state={state} onReload={onReload} />
        <div className="designer-page__actions">
          <button
            type="button"
            className="button button--small"
            aria-expanded={panel === 'versions'}
            onClick={() => setPanel(panel === 'versions' ? 'none' : 'versions')}
          >
            Versions
          </button>
          <button
            type="button"
            className="button button--small"
            aria-expanded={panel === 'usage'}
            onClick={() => setPanel(panel === 'usage' ? 'none' : 'usage')}
          >
            Used in
          </button>
          <a className="button button--small" href={forms.exportUrl(info.key)} download>
            Export draft
          </a>
        </div>
      </div>
      {panel === 'versions' && <VersionsPanel key={versionsGeneration} forms={forms} formKey={info.key} />}
      {panel === 'usage' && <UsagePanel forms={forms} formKey={info.key} />}
      <Suspense fallback={<PageLoading label="Loading the designer…" />}>
        <FormDesigner initial={initial} onChange={save} onPublish={publish} dataSources={dataSources} />
      </Suspense>
    </section>
  );
}

function SaveStatus({ state, onReload }: { state: SaveState; onReload(): void }) {
  let content: React.ReactNode = null;
  if (state.kind === 'pending' || state.kind === 'saving')
    content = <span className="save-status">Saving…</span>;
  else if (state.kind === 'saved') content = <span className="save-status save-status--ok">Saved</span>;
  else if (state.kind === 'error')
    content = <span className="save-status save-status--error">Not saved: {state.message}</span>;
  else if (state.kind === 'conflict')
    content = (
      <span className="save-status save-status--error">
        {state.message}{' '}
        <button type="button" className="button button--small" onClick={onReload}>
          Reload the latest draft
        </button>
      </span>
    );
  return (
    <div className="designer-page__status" role="status" aria-live="polite" data-testid="draft-save-status">
      {content}
    </div>
  );
}

/**
 * Saves the designer's document as the draft a moment after the last edit, one save at a time,
 * sending the lock number it last saw so a concurrent editor's work is never overwritten (409).
 */
function useDraftAutosave(forms: FormsApi, info: FormDraftInfo) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const lock = useRef(lockVersionOf(info));
  const pending = useRef<FormDocument | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const conflicted = useRef(false);

  const write = useCallback(
    async (doc: FormDocument) => {
      if (conflicted.current) throw new Error('The draft changed elsewhere; reload it before publishing.');
      setState({ kind: 'saving' });
      const title =
        typeof doc.schema.title === 'string' && doc.schema.title.trim()
          ? doc.schema.title.trim().slice(0, 200)
          : undefined;
      const description = typeof doc.schema.description === 'string' ? doc.schema.description : undefined;
      try {
        const saved = await forms.saveDraft(info.key, {
          title,
          description,
          schema: doc.schema,
          uiSchema: doc.uiSchema,
          baseVersion: lock.current,
        });
        lock.current = lockVersionOf(saved) ?? lock.current;
        setState(pending.current ? { kind: 'pending' } : { kind: 'saved', at: new Date() });
      } catch (cause) {
        if (cause instanceof ApiError && cause.status === 409) {
          conflicted.current = true;
          setState({
            kind: 'conflict',
            message: `Someone else changed this draft, so your last edits were not saved. ${cause.message}`,
          });
        } else {
          setState({ kind: 'error', message: errorMessage(cause) });
        }
        throw cause;
      }
    },
    [forms, info.key],
  );

  const flush = useCallback(() => {
    chain.current = chain.current.then(async () => {
      const doc = pending.current;
      pending.current = null;
      if (doc) await write(doc).catch(() => undefined);
    });
    return chain.current;
  }, [write]);

  const save = useCallback(
    (doc: FormDocument) => {
      if (conflicted.current) return;
      pending.current = doc;
      setState({ kind: 'pending' });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [flush],
  );

  /** Saves `doc` now (after any save in flight) and rejects if it could not be saved. */
  const saveNow = useCallback(
    (doc: FormDocument) => {
      clearTimeout(timer.current);
      pending.current = null;
      const run = chain.current.then(() => write(doc));
      chain.current = run.catch(() => undefined);
      return run;
    },
    [write],
  );

  useEffect(() => {
    const unsaved = state.kind === 'pending' || state.kind === 'saving';
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state.kind]);

  // Leaving the page saves what is pending instead of dropping it.
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      if (pending.current) void flush();
    },
    [flush],
  );

  return { save, saveNow, state };
}
