import { useState, type DragEvent, type KeyboardEvent } from 'react';
import type { FieldKind, FieldModel } from '@aimsflow/form-schema';
import type { DesignerAction } from './state/designer-reducer';
import { kindLabel } from './state/field-factory';
import { isContainer } from './state/field-tree';
import { DRAG_FIELD, DRAG_KIND } from './Palette';

interface CanvasProps {
  fields: FieldModel[];
  selectedId?: string;
  dispatch(action: DesignerAction): void;
}

interface ListProps extends CanvasProps {
  parentId?: string;
  depth: number;
}

function ruleText(field: FieldModel, siblings: FieldModel[]): string | null {
  const rule = field.visibleWhen;
  if (!rule) return null;
  const target = siblings.find((s) => s.id === rule.field);
  const value = typeof rule.value === 'boolean' ? (rule.value ? 'Yes' : 'No') : String(rule.value);
  return `Shown when ${target?.label || rule.field} ${rule.op === 'eq' ? 'is' : 'is not'} ${value}`;
}

function dropHandlers(
  dispatch: CanvasProps['dispatch'],
  parentId: string | undefined,
  index: number,
  setOver: (over: boolean) => void,
) {
  return {
    onDragOver: (event: DragEvent) => {
      const types = Array.from(event.dataTransfer.types);
      if (!types.includes(DRAG_KIND) && !types.includes(DRAG_FIELD)) return;
      event.preventDefault();
      event.stopPropagation();
      setOver(true);
    },
    onDragLeave: () => setOver(false),
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      event.stopPropagation();
      setOver(false);
      const kind = event.dataTransfer.getData(DRAG_KIND);
      const id = event.dataTransfer.getData(DRAG_FIELD);
      if (kind) dispatch({ type: 'add', kind: kind as FieldKind, parentId, index });
      else if (id) dispatch({ type: 'moveTo', id, parentId, index });
    },
  };
}

/** Moving or removing a node in the DOM can drop focus; put it back on the selected field. */
function refocusSelected(from: Element) {
  const canvas = from.closest('.afd-canvas');
  setTimeout(
    () =>
      canvas
        ?.querySelector<HTMLButtonElement>('.afd-field.is-selected > .afd-field__row > .afd-field__select')
        ?.focus(),
    0,
  );
}

function FieldItem({
  field,
  index,
  siblings,
  selectedId,
  dispatch,
  parentId,
  depth,
}: ListProps & { field: FieldModel; index: number; siblings: FieldModel[] }) {
  const [over, setOver] = useState(false);
  const selected = field.id === selectedId;
  const name = field.label || field.id;
  const rule = ruleText(field, siblings);

  const onKeyDown = (event: KeyboardEvent) => {
    if (
      event.target !== event.currentTarget &&
      !(event.target as HTMLElement).classList.contains('afd-field__select')
    )
      return;
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      event.stopPropagation();
      dispatch({ type: 'move', id: field.id, delta: event.key === 'ArrowUp' ? -1 : 1 });
      refocusSelected(event.currentTarget);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      event.stopPropagation();
      dispatch({ type: 'remove', id: field.id });
      refocusSelected(event.currentTarget);
    }
  };

  return (
    <li
      className={`afd-field${selected ? ' is-selected' : ''}${over ? ' is-drop-target' : ''}`}
      data-testid={`field-${field.id}`}
      data-kind={field.kind}
      draggable
      onDragStart={(event) => {
        event.stopPropagation();
        event.dataTransfer.setData(DRAG_FIELD, field.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
      {...dropHandlers(dispatch, parentId, index, setOver)}
      onKeyDown={onKeyDown}
    >
      <div className="afd-field__row">
        <button
          type="button"
          className="afd-field__select"
          aria-pressed={selected}
          aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown Delete"
          onClick={() => dispatch({ type: 'select', id: field.id })}
        >
          <span className="afd-field__label">
            {name}
            {field.required && <span aria-label="required"> *</span>}
          </span>
          <span className="afd-field__meta">
            {kindLabel(field.kind)} · {field.id}
          </span>
          {rule && <span className="afd-field__rule">{rule}</span>}
        </button>
        <span className="afd-field__tools">
          <button
            type="button"
            className="afd-button afd-button--quiet"
            aria-label={`Move ${name} up`}
            disabled={index === 0}
            onClick={() => dispatch({ type: 'move', id: field.id, delta: -1 })}
          >
            ↑
          </button>
          <button
            type="button"
            className="afd-button afd-button--quiet"
            aria-label={`Move ${name} down`}
            disabled={index === siblings.length - 1}
            onClick={() => dispatch({ type: 'move', id: field.id, delta: 1 })}
          >
            ↓
          </button>
          <button
            type="button"
            className="afd-button afd-button--quiet"
            aria-label={`Remove ${name}`}
            onClick={() => dispatch({ type: 'remove', id: field.id })}
          >
            ✕
          </button>
        </span>
      </div>
      {isContainer(field.kind) && (
        <FieldList
          fields={field.fields ?? []}
          parentId={field.id}
          depth={depth + 1}
          selectedId={selectedId}
          dispatch={dispatch}
        />
      )}
    </li>
  );
}

function FieldList({ fields, parentId, depth, selectedId, dispatch }: ListProps) {
  const [over, setOver] = useState(false);
  return (
    <ul
      className={`afd-field-list${over ? ' is-drop-target' : ''}`}
      aria-label={parentId ? `Fields in ${parentId}` : 'Form fields'}
      {...dropHandlers(dispatch, parentId, fields.length, setOver)}
    >
      {fields.map((field, index) => (
        <FieldItem
          key={field.id}
          field={field}
          index={index}
          siblings={fields}
          fields={fields}
          parentId={parentId}
          depth={depth}
          selectedId={selectedId}
          dispatch={dispatch}
        />
      ))}
      {fields.length === 0 && (
        <li className="afd-field-list__empty">
          {parentId
            ? 'Select this group and add fields from the palette, or drop them here.'
            : 'No fields yet: add one from the palette.'}
        </li>
      )}
    </ul>
  );
}

/**
 * The form's fields in order. Select a field to edit it; with a field's button focused,
 * Alt+ArrowUp/ArrowDown moves it among its siblings and Delete removes it. Fields and palette
 * items can also be dragged (native HTML5 drag and drop).
 */
export function Canvas(props: CanvasProps) {
  return (
    <section className="afd-canvas" aria-label="Canvas">
      <FieldList {...props} depth={0} />
    </section>
  );
}
