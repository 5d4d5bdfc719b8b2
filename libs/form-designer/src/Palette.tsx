import type { DragEvent } from 'react';
import type { FieldKind } from '@aimsflow/form-schema';
import { PALETTE } from './state/field-factory';

export const DRAG_KIND = 'application/x-aimsflow-field-kind';
export const DRAG_FIELD = 'application/x-aimsflow-field-id';

/** The field kinds an admin can add: click, Enter or Space adds one; each can also be dragged onto the canvas. */
export function Palette({ onAdd }: { onAdd(kind: FieldKind): void }) {
  const startDrag = (kind: FieldKind) => (event: DragEvent) => {
    event.dataTransfer.setData(DRAG_KIND, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="afd-palette" aria-label="Field palette">
      <h2 className="afd-heading">Add a field</h2>
      <ul>
        {PALETTE.map((entry) => (
          <li key={entry.kind}>
            <button
              type="button"
              className="afd-palette__item"
              data-testid={`palette-${entry.kind}`}
              title={entry.hint}
              draggable
              onDragStart={startDrag(entry.kind)}
              onClick={() => onAdd(entry.kind)}
            >
              {entry.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
