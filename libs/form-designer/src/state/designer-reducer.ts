import type { FieldKind, FieldModel, FormModel } from '@aimsflow/form-schema';
import { createField, kindLabel, nextFieldId } from './field-factory';
import {
  allIds,
  findField,
  isContainer,
  mapSiblingLists,
  parentOf,
  siblingsOf,
  walkFields,
} from './field-tree';

/** A model as it was before a command, so the command can be undone. */
export interface HistoryEntry {
  label: string;
  model: FormModel;
  selectedId?: string;
}

export interface DesignerState {
  model: FormModel;
  selectedId?: string;
  past: HistoryEntry[];
  future: HistoryEntry[];
  /**
   * Bumped by every change that did not come from typing in the properties panel (undo, redo,
   * selection, moves, JSON import…), telling the panel to re-read the model.
   */
  epoch: number;
  /** Consecutive edits with the same key (typing in one input) undo as one step. */
  coalesceKey?: string;
}

export type FieldPatch = { [K in keyof FieldModel]?: FieldModel[K] | undefined };

export type DesignerAction =
  | { type: 'add'; kind: FieldKind; parentId?: string; index?: number }
  | { type: 'remove'; id: string }
  | { type: 'move'; id: string; delta: -1 | 1 }
  | { type: 'moveTo'; id: string; parentId?: string; index: number }
  | { type: 'update'; id: string; patch: FieldPatch; coalesceKey?: string }
  | { type: 'updateForm'; patch: { title?: string; description?: string }; coalesceKey?: string }
  | { type: 'replace'; model: FormModel; label?: string }
  | { type: 'select'; id?: string }
  | { type: 'undo' }
  | { type: 'redo' };

const HISTORY_LIMIT = 200;

/** The designer's starting state for a model. */
export function initialDesignerState(model: FormModel): DesignerState {
  return { model, past: [], future: [], epoch: 0 };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function mapField(fields: FieldModel[], id: string, edit: (field: FieldModel) => FieldModel): FieldModel[] {
  return mapSiblingLists(fields, (siblings) => siblings.map((f) => (f.id === id ? edit(f) : f)));
}

function insertInto(
  fields: FieldModel[],
  parentId: string | undefined,
  index: number,
  field: FieldModel,
): FieldModel[] {
  return mapSiblingLists(fields, (siblings, listParent) => {
    if (listParent !== parentId) return siblings;
    const at = Math.max(0, Math.min(index, siblings.length));
    return [...siblings.slice(0, at), field, ...siblings.slice(at)];
  });
}

function removeFrom(fields: FieldModel[], id: string): FieldModel[] {
  return mapSiblingLists(fields, (siblings) => siblings.filter((f) => f.id !== id));
}

/** Drops visibility rules that point at fields no longer in the form. */
function pruneRules(fields: FieldModel[]): FieldModel[] {
  const ids = allIds(fields);
  return mapSiblingLists(fields, (siblings) =>
    siblings.map((f) =>
      f.visibleWhen && !ids.has(f.visibleWhen.field) ? withoutUndefined({ ...f, visibleWhen: undefined }) : f,
    ),
  );
}

function renameRuleTargets(fields: FieldModel[], from: string, to: string): FieldModel[] {
  return mapSiblingLists(fields, (siblings) =>
    siblings.map((f) =>
      f.visibleWhen?.field === from ? { ...f, visibleWhen: { ...f.visibleWhen, field: to } } : f,
    ),
  );
}

/** Where a new field goes: into a selected container, after a selected field, else at the end. */
function insertionPoint(
  state: DesignerState,
  action: Extract<DesignerAction, { type: 'add' }>,
): { parentId?: string; index: number } {
  const { fields } = state.model;
  if (action.index !== undefined) return { parentId: action.parentId, index: action.index };
  const selected = state.selectedId ? findField(fields, state.selectedId) : undefined;
  if (!selected) return { index: fields.length };
  if (isContainer(selected.kind)) return { parentId: selected.id, index: selected.fields?.length ?? 0 };
  const siblings = siblingsOf(fields, selected.id) ?? fields;
  return { parentId: parentOf(fields, selected.id)?.id, index: siblings.indexOf(selected) + 1 };
}

function isInside(fields: FieldModel[], ancestorId: string, id: string | undefined): boolean {
  if (!id) return false;
  const ancestor = findField(fields, ancestorId);
  let inside = ancestorId === id;
  if (ancestor?.fields) walkFields(ancestor.fields, (f) => (inside ||= f.id === id));
  return inside;
}

/** Applies an editing command; returns the next model and an undo label, or null for a no-op. */
function applyCommand(
  state: DesignerState,
  action: DesignerAction,
): { model: FormModel; selectedId?: string; label: string } | null {
  const { model } = state;
  switch (action.type) {
    case 'add': {
      const id = nextFieldId(action.kind, allIds(model.fields));
      const { parentId, index } = insertionPoint(state, action);
      if (parentId && !findField(model.fields, parentId)) return null;
      const fields = insertInto(model.fields, parentId, index, createField(action.kind, id));
      return { model: { ...model, fields }, selectedId: id, label: `Add ${kindLabel(action.kind)}` };
    }
    case 'remove': {
      const field = findField(model.fields, action.id);
      if (!field) return null;
      const siblings = siblingsOf(model.fields, action.id)!;
      const at = siblings.indexOf(field);
      const neighbour = siblings[at + 1] ?? siblings[at - 1] ?? parentOf(model.fields, action.id);
      const fields = pruneRules(removeFrom(model.fields, action.id));
      return {
        model: { ...model, fields },
        selectedId: neighbour?.id,
        label: `Remove ${field.label || field.id}`,
      };
    }
    case 'move': {
      const siblings = siblingsOf(model.fields, action.id);
      if (!siblings) return null;
      const from = siblings.findIndex((f) => f.id === action.id);
      const to = from + action.delta;
      if (to < 0 || to >= siblings.length) return null;
      const fields = mapSiblingLists(model.fields, (list) => {
        if (list[from]?.id !== action.id) return list;
        const next = [...list];
        [next[from], next[to]] = [next[to], next[from]];
        return next;
      });
      return {
        model: { ...model, fields },
        selectedId: action.id,
        label: `Move ${action.id} ${action.delta < 0 ? 'up' : 'down'}`,
      };
    }
    case 'moveTo': {
      const field = findField(model.fields, action.id);
      if (!field || isInside(model.fields, action.id, action.parentId)) return null;
      const parentId = parentOf(model.fields, action.id)?.id;
      const siblings = siblingsOf(model.fields, action.id)!;
      let index = action.index;
      // Removing the field first shifts later positions in the same list by one.
      if (parentId === action.parentId && siblings.indexOf(field) < index) index -= 1;
      if (parentId === action.parentId && siblings.indexOf(field) === index) return null;
      const fields = insertInto(removeFrom(model.fields, action.id), action.parentId, index, field);
      return { model: { ...model, fields }, selectedId: action.id, label: `Move ${action.id}` };
    }
    case 'update': {
      const field = findField(model.fields, action.id);
      if (!field) return null;
      const next = withoutUndefined({ ...field, ...action.patch });
      const newId = action.patch.id;
      let fields = mapField(model.fields, action.id, () => next);
      if (newId && newId !== action.id) fields = renameRuleTargets(fields, action.id, newId);
      return { model: { ...model, fields }, selectedId: next.id, label: `Edit ${next.label || next.id}` };
    }
    case 'updateForm':
      return {
        model: withoutUndefined({ ...model, ...action.patch }),
        selectedId: state.selectedId,
        label: 'Edit form',
      };
    case 'replace':
      return {
        model: action.model,
        selectedId:
          state.selectedId && findField(action.model.fields, state.selectedId) ? state.selectedId : undefined,
        label: action.label ?? 'Replace form',
      };
    default:
      return null;
  }
}

/** The designer's reducer: every edit is an undoable command; typing in one input undoes as one step. */
export function designerReducer(state: DesignerState, action: DesignerAction): DesignerState {
  switch (action.type) {
    case 'select':
      return state.selectedId === action.id
        ? state
        : { ...state, selectedId: action.id, epoch: state.epoch + 1, coalesceKey: undefined };
    case 'undo': {
      const previous = state.past[state.past.length - 1];
      if (!previous) return state;
      return {
        model: previous.model,
        selectedId: previous.selectedId,
        past: state.past.slice(0, -1),
        future: [
          { label: previous.label, model: state.model, selectedId: state.selectedId },
          ...state.future,
        ],
        epoch: state.epoch + 1,
      };
    }
    case 'redo': {
      const [next, ...rest] = state.future;
      if (!next) return state;
      return {
        model: next.model,
        selectedId: next.selectedId,
        past: [...state.past, { label: next.label, model: state.model, selectedId: state.selectedId }],
        future: rest,
        epoch: state.epoch + 1,
      };
    }
    default: {
      const result = applyCommand(state, action);
      if (!result) return state;
      const key = 'coalesceKey' in action ? action.coalesceKey : undefined;
      const continuing = key !== undefined && key === state.coalesceKey;
      const past = continuing
        ? state.past
        : [...state.past, { label: result.label, model: state.model, selectedId: state.selectedId }].slice(
            -HISTORY_LIMIT,
          );
      return {
        model: result.model,
        selectedId: result.selectedId,
        past,
        future: [],
        // Panel typing (coalesced edits) must not remount the panel under the user's cursor.
        epoch: key !== undefined ? state.epoch : state.epoch + 1,
        coalesceKey: key,
      };
    }
  }
}
