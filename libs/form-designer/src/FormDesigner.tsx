import { useEffect, useId, useMemo, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import {
  checkModel,
  modelToSchema,
  schemaToModel,
  type FieldKind,
  type FormDocument,
  type FormModel,
} from '@aimsflow/form-schema';
import type { FormDataSources } from '@aimsflow/form-renderer';
import { Canvas } from './Canvas';
import { JsonTab } from './JsonTab';
import { Palette } from './Palette';
import { FormPropertiesPanel, PropertiesPanel } from './panels/PropertiesPanel';
import { PreviewTab } from './PreviewTab';
import { designerReducer, initialDesignerState } from './state/designer-reducer';
import { allIds, findField, siblingsOf } from './state/field-tree';
import './form-designer.css';

export interface FormDesignerProps {
  /** The form to start from (a published version's schema + uiSchema); empty when absent. */
  initial?: FormDocument;
  /** Called with the compiled document after every edit. */
  onChange?(doc: FormDocument): void;
  /** Called when the admin confirms publishing, with the compiled document and their change note. */
  onPublish?(doc: FormDocument, changeNote: string): void | Promise<void>;
  /** Passed to the preview so pickers and uploads behave as they will for users. */
  dataSources?: FormDataSources;
}

type Tab = 'design' | 'preview' | 'json';

const EMPTY_MODEL: FormModel = { title: 'Untitled form', fields: [] };

function loadInitial(initial: FormDocument | undefined): { model: FormModel; error?: string } {
  if (!initial) return { model: EMPTY_MODEL };
  try {
    return { model: schemaToModel(initial) };
  } catch (error) {
    return { model: EMPTY_MODEL, error: error instanceof Error ? error.message : String(error) };
  }
}

function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return (
    el.isContentEditable ||
    el.tagName === 'TEXTAREA' ||
    el.tagName === 'SELECT' ||
    (el.tagName === 'INPUT' &&
      !['checkbox', 'radio', 'button', 'submit'].includes((el as HTMLInputElement).type))
  );
}

/**
 * The admin's form designer: palette, canvas and a react-hook-form properties panel over one
 * undoable model, with live Preview (rendered by @aimsflow/form-renderer), a JSON view that
 * accepts checked edits, and Publish with a change note.
 */
export function FormDesigner({ initial, onChange, onPublish, dataSources }: FormDesignerProps) {
  const [loaded] = useState(() => loadInitial(initial));
  const [state, dispatch] = useReducer(designerReducer, loaded.model, initialDesignerState);
  const [tab, setTab] = useState<Tab>('design');
  const [publishing, setPublishing] = useState<'closed' | 'open' | 'busy' | 'done'>('closed');
  const [changeNote, setChangeNote] = useState('');
  const [publishErrors, setPublishErrors] = useState<string[]>([]);
  const uid = useId();
  const { model, selectedId } = state;

  const doc = useMemo(() => modelToSchema(model), [model]);
  const problems = useMemo(() => checkModel(model), [model]);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const firstModel = useRef(model);
  useEffect(() => {
    if (model !== firstModel.current) onChangeRef.current?.(doc);
  }, [doc, model]);

  const selected = selectedId ? findField(model.fields, selectedId) : undefined;
  const siblings = selectedId ? (siblingsOf(model.fields, selectedId) ?? []) : [];

  const onKeyDown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || isEditable(event.target)) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      dispatch({ type: 'undo' });
    } else if ((key === 'z' && event.shiftKey) || key === 'y') {
      event.preventDefault();
      dispatch({ type: 'redo' });
    }
  };

  const add = (kind: FieldKind) => {
    dispatch({ type: 'add', kind });
    setTab('design');
  };

  const publish = async () => {
    const note = changeNote.trim();
    const errors = [...problems];
    if (!note) errors.unshift('Write a change note: it is kept with the version.');
    setPublishErrors(errors);
    if (errors.length > 0) return;
    setPublishing('busy');
    try {
      await onPublish?.(doc, note);
      setPublishing('done');
      setChangeNote('');
    } catch (error) {
      setPublishErrors([`Publishing failed: ${error instanceof Error ? error.message : String(error)}`]);
      setPublishing('open');
    }
  };

  const tabButton = (id: Tab, label: string) => (
    <button
      type="button"
      role="tab"
      id={`${uid}-tab-${id}`}
      aria-selected={tab === id}
      aria-controls={`${uid}-panel-${id}`}
      tabIndex={tab === id ? 0 : -1}
      data-testid={`designer-tab-${id}`}
      className="afd-tab"
      onClick={() => setTab(id)}
      onKeyDown={(event) => {
        const order: Tab[] = ['design', 'preview', 'json'];
        const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        if (!step) return;
        const next = order[(order.indexOf(id) + step + order.length) % order.length];
        setTab(next);
        document.getElementById(`${uid}-tab-${next}`)?.focus();
      }}
    >
      {label}
    </button>
  );

  return (
    <div className="afd-designer" onKeyDown={onKeyDown} data-testid="form-designer">
      <header className="afd-toolbar">
        <h1 className="afd-toolbar__title">{model.title || 'Untitled form'}</h1>
        <div role="tablist" aria-label="Designer views" className="afd-tabs">
          {tabButton('design', 'Design')}
          {tabButton('preview', 'Preview')}
          {tabButton('json', 'JSON')}
        </div>
        <div className="afd-toolbar__actions">
          <button
            type="button"
            className="afd-button"
            data-testid="designer-undo"
            aria-keyshortcuts="Control+Z"
            disabled={state.past.length === 0}
            title={state.past.length ? `Undo ${state.past[state.past.length - 1].label}` : 'Nothing to undo'}
            onClick={() => dispatch({ type: 'undo' })}
          >
            Undo
          </button>
          <button
            type="button"
            className="afd-button"
            data-testid="designer-redo"
            aria-keyshortcuts="Control+Shift+Z"
            disabled={state.future.length === 0}
            title={state.future.length ? `Redo ${state.future[0].label}` : 'Nothing to redo'}
            onClick={() => dispatch({ type: 'redo' })}
          >
            Redo
          </button>
          <button
            type="button"
            className="afd-button afd-button--primary"
            data-testid="designer-publish"
            aria-expanded={publishing === 'open' || publishing === 'busy'}
            aria-controls={`${uid}-publish`}
            onClick={() => {
              setPublishErrors([]);
              setPublishing('open');
            }}
          >
            Publish
          </button>
        </div>
      </header>

      {loaded.error && (
        <p className="afd-error" role="alert">
          The existing form could not be opened in the designer ({loaded.error}); you are starting from an
          empty form.
        </p>
      )}

      {(publishing === 'open' || publishing === 'busy') && (
        <form
          id={`${uid}-publish`}
          className="afd-publish"
          aria-label="Publish form"
          onSubmit={(event) => {
            event.preventDefault();
            void publish();
          }}
        >
          <label htmlFor={`${uid}-note`}>Change note</label>
          <input
            id={`${uid}-note`}
            data-testid="designer-change-note"
            value={changeNote}
            autoFocus
            placeholder="What changed, and why"
            onChange={(e) => setChangeNote(e.target.value)}
            aria-describedby={publishErrors.length ? `${uid}-publish-errors` : undefined}
          />
          <button
            type="submit"
            className="afd-button afd-button--primary"
            data-testid="designer-publish-confirm"
            disabled={publishing === 'busy'}
          >
            {publishing === 'busy' ? 'Publishing…' : 'Confirm publish'}
          </button>
          <button type="button" className="afd-button" onClick={() => setPublishing('closed')}>
            Cancel
          </button>
          {publishErrors.length > 0 && (
            <ul id={`${uid}-publish-errors`} className="afd-error" role="alert">
              {publishErrors.map((error, index) => (
                <li key={index}>{error}</li>
              ))}
            </ul>
          )}
        </form>
      )}
      {publishing === 'done' && (
        <p role="status" className="afd-success" data-testid="designer-published">
          Published.
        </p>
      )}

      <div
        id={`${uid}-panel-design`}
        role="tabpanel"
        aria-labelledby={`${uid}-tab-design`}
        hidden={tab !== 'design'}
        className="afd-design"
      >
        {tab === 'design' && (
          <>
            <Palette onAdd={add} />
            <Canvas fields={model.fields} selectedId={selectedId} dispatch={dispatch} />
            <aside className="afd-properties" aria-label="Properties">
              {selected ? (
                <PropertiesPanel
                  key={`field-${state.epoch}`}
                  field={selected}
                  siblings={siblings}
                  takenIds={allIds(model.fields)}
                  dispatch={dispatch}
                  editSession={`e${state.epoch}`}
                />
              ) : (
                <FormPropertiesPanel
                  key={`form-${state.epoch}`}
                  model={model}
                  dispatch={dispatch}
                  editSession={`e${state.epoch}`}
                />
              )}
              {selected && (
                <button
                  type="button"
                  className="afd-button afd-button--quiet"
                  onClick={() => dispatch({ type: 'select', id: undefined })}
                >
                  Edit form title and description
                </button>
              )}
              {problems.length > 0 && (
                <section className="afd-problems" aria-label="Problems to fix before publishing">
                  <h3 className="afd-heading">To fix before publishing</h3>
                  <ul>
                    {problems.map((problem) => (
                      <li key={problem}>{problem}</li>
                    ))}
                  </ul>
                </section>
              )}
            </aside>
          </>
        )}
      </div>
      <div
        id={`${uid}-panel-preview`}
        role="tabpanel"
        aria-labelledby={`${uid}-tab-preview`}
        hidden={tab !== 'preview'}
      >
        {tab === 'preview' && <PreviewTab model={model} dataSources={dataSources} />}
      </div>
      <div
        id={`${uid}-panel-json`}
        role="tabpanel"
        aria-labelledby={`${uid}-tab-json`}
        hidden={tab !== 'json'}
      >
        {tab === 'json' && (
          <JsonTab
            model={model}
            onApply={(next) => dispatch({ type: 'replace', model: next, label: 'Apply JSON' })}
          />
        )}
      </div>
    </div>
  );
}

export default FormDesigner;
