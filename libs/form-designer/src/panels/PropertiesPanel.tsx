import { useId, useRef, type ReactNode } from 'react';
import { useFieldArray, useForm, useWatch, type FieldPath, type RegisterOptions } from 'react-hook-form';
import { FIELD_ID_PATTERN, type FieldModel, type FormModel } from '@aimsflow/form-schema';
import type { DesignerAction } from '../state/designer-reducer';
import { kindLabel } from '../state/field-factory';
import { isContainer } from '../state/field-tree';
import {
  groupOf,
  KIND_PROPERTIES,
  patchFor,
  RULE_TARGET_KINDS,
  toFormValues,
  type FieldFormValues,
  type PropertyGroup,
} from './field-form-values';

const TRIGGERS: Partial<Record<PropertyGroup, FieldPath<FieldFormValues>[]>> = {
  min: ['min', 'max'],
  max: ['min', 'max'],
  minLength: ['minLength', 'maxLength'],
  maxLength: ['minLength', 'maxLength'],
  visibleWhen: ['ruleField', 'ruleValue'],
};

function isNumberText(value: string): boolean {
  return value.trim() === '' || Number.isFinite(Number(value));
}

function Row({
  label,
  htmlFor,
  error,
  errorId,
  children,
}: {
  label: string;
  htmlFor: string;
  error?: string;
  errorId: string;
  children: ReactNode;
}) {
  return (
    <div className="afd-prop">
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {error && (
        <p id={errorId} className="afd-prop__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export interface PropertiesPanelProps {
  field: FieldModel;
  /** Fields this one may depend on for its visibility (its siblings). */
  siblings: FieldModel[];
  takenIds: Set<string>;
  dispatch(action: DesignerAction): void;
  /** Changes whenever the panel must re-read the model; used to group typing into undo steps. */
  editSession: string;
}

/**
 * Edits the selected field with react-hook-form. Each valid change becomes an `update` command
 * at once (so Preview is live); invalid input stays in the panel with its message and is not
 * applied. Consecutive edits of one property share a coalesce key, so they undo as one step.
 */
export function PropertiesPanel({ field, siblings, takenIds, dispatch, editSession }: PropertiesPanelProps) {
  const uid = useId();
  const { register, control, trigger, getValues, formState } = useForm<FieldFormValues>({
    defaultValues: toFormValues(field),
    mode: 'onChange',
  });
  const { errors } = formState;
  const options = useFieldArray({ control, name: 'options' });
  const visible = useWatch({ control, name: 'visible' });
  const ruleField = useWatch({ control, name: 'ruleField' });
  const idRef = useRef(field.id);
  idRef.current = field.id;
  const fieldRef = useRef(field);
  fieldRef.current = field;

  const props = KIND_PROPERTIES[field.kind];
  const targets = siblings.filter((s) => s.id !== field.id && RULE_TARGET_KINDS.has(s.kind));
  const target = targets.find((t) => t.id === ruleField);

  // Commits run one after another, so a rename is applied before edits typed right after it.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const commitNow = async (name: string) => {
    const group = groupOf(name);
    const ok = await trigger(
      TRIGGERS[group] ??
        (group === 'visibleWhen' || group === 'options' ? undefined : (name as FieldPath<FieldFormValues>)),
    );
    const values = getValues();
    if (!ok && (group !== 'visibleWhen' || values.visible)) return;
    const ruleTarget = siblings.find((s) => s.id === values.ruleField);
    const patch = patchFor(group, values, fieldRef.current, ruleTarget);
    dispatch({ type: 'update', id: idRef.current, patch, coalesceKey: `${editSession}:${group}` });
    // The re-render that would tell us the new id may come after the next queued commit.
    if (patch.id) idRef.current = patch.id;
  };
  const commit = (name: string) => {
    queue.current = queue.current.then(() => commitNow(name));
    return queue.current;
  };

  const at = (name: string) => `${uid}-${name}`;
  const errId = (name: string) => `${uid}-${name}-error`;
  const describe = (name: string, error: unknown) => ({
    id: at(name),
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errId(name) : undefined,
  });
  const reg = <N extends FieldPath<FieldFormValues>>(
    name: N,
    rules: RegisterOptions<FieldFormValues, N> = {},
  ) => register(name, { ...rules, onChange: () => void commit(name) });

  const numberRule = (other: 'min' | 'max' | 'minLength' | 'maxLength', isLower: boolean) => ({
    validate: (value: unknown) => {
      const text = String(value ?? '');
      if (!isNumberText(text)) return 'Enter a number';
      if (
        (other === 'minLength' || other === 'maxLength') &&
        text.trim() !== '' &&
        (!Number.isInteger(Number(text)) || Number(text) < 0)
      ) {
        return 'Enter a whole number, 0 or more';
      }
      const otherText = getValues(other);
      if (text.trim() === '' || otherText.trim() === '' || !isNumberText(otherText)) return true;
      const ok = isLower ? Number(text) <= Number(otherText) : Number(text) >= Number(otherText);
      return ok || (isLower ? 'Must not be above the maximum' : 'Must not be below the minimum');
    },
  });

  const lengthNoun = props.length === 'items' ? 'items' : 'length';
  const defaultInput = () => {
    const common = { ...reg('default'), ...describe('default', errors.default) };
    if (field.kind === 'boolean') {
      return (
        <select {...common}>
          <option value="">No default</option>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </select>
      );
    }
    if (field.kind === 'singleChoice') {
      return (
        <select {...common}>
          <option value="">No default</option>
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label || o.value}
            </option>
          ))}
        </select>
      );
    }
    if (field.kind === 'number' || field.kind === 'integer') {
      return <input type="number" step={field.kind === 'integer' ? 1 : 'any'} {...common} />;
    }
    if (field.kind === 'longText') return <textarea rows={3} {...common} />;
    return <input type={field.kind === 'date' ? 'date' : 'text'} {...common} />;
  };

  return (
    <form
      className="afd-panel"
      aria-label={`Properties of ${field.label || field.id}`}
      onSubmit={(e) => e.preventDefault()}
      noValidate
    >
      <h2 className="afd-panel__title">
        {kindLabel(field.kind)} <span className="afd-panel__id">{field.id}</span>
      </h2>

      <Row label="Field id" htmlFor={at('id')} error={errors.id?.message} errorId={errId('id')}>
        <input
          {...reg('id', {
            required: 'A field needs an id',
            pattern: { value: FIELD_ID_PATTERN, message: 'Start with a letter; use letters, digits, - or _' },
            validate: (v: string) =>
              v === idRef.current || !takenIds.has(v) || 'Another field already uses this id',
          })}
          {...describe('id', errors.id)}
          autoComplete="off"
        />
      </Row>
      <Row label="Label" htmlFor={at('label')} error={errors.label?.message} errorId={errId('label')}>
        <input
          {...reg('label', { required: 'A field needs a label' })}
          {...describe('label', errors.label)}
        />
      </Row>
      <Row label="Help text" htmlFor={at('help')} errorId={errId('help')}>
        <textarea rows={2} {...reg('help')} id={at('help')} />
      </Row>
      {props.required && (
        <div className="afd-prop afd-prop--check">
          <input type="checkbox" {...reg('required')} id={at('required')} />
          <label htmlFor={at('required')}>Required</label>
        </div>
      )}
      {props.mustBeChecked && (
        <div className="afd-prop afd-prop--check">
          <input type="checkbox" {...reg('mustBeChecked')} id={at('mustBeChecked')} />
          <label htmlFor={at('mustBeChecked')}>Must be ticked to submit</label>
        </div>
      )}
      {props.default && (
        <Row
          label="Default value"
          htmlFor={at('default')}
          error={errors.default?.message}
          errorId={errId('default')}
        >
          {defaultInput()}
        </Row>
      )}
      {props.range && (
        <div className="afd-prop-pair">
          <Row label="Minimum" htmlFor={at('min')} error={errors.min?.message} errorId={errId('min')}>
            <input
              type="text"
              inputMode="decimal"
              {...reg('min', numberRule('max', true))}
              {...describe('min', errors.min)}
            />
          </Row>
          <Row label="Maximum" htmlFor={at('max')} error={errors.max?.message} errorId={errId('max')}>
            <input
              type="text"
              inputMode="decimal"
              {...reg('max', numberRule('min', false))}
              {...describe('max', errors.max)}
            />
          </Row>
        </div>
      )}
      {props.length && (
        <div className="afd-prop-pair">
          <Row
            label={`Minimum ${lengthNoun}`}
            htmlFor={at('minLength')}
            error={errors.minLength?.message}
            errorId={errId('minLength')}
          >
            <input
              type="text"
              inputMode="numeric"
              {...reg('minLength', numberRule('maxLength', true))}
              {...describe('minLength', errors.minLength)}
            />
          </Row>
          <Row
            label={`Maximum ${lengthNoun}`}
            htmlFor={at('maxLength')}
            error={errors.maxLength?.message}
            errorId={errId('maxLength')}
          >
            <input
              type="text"
              inputMode="numeric"
              {...reg('maxLength', numberRule('minLength', false))}
              {...describe('maxLength', errors.maxLength)}
            />
          </Row>
        </div>
      )}
      {props.pattern && (
        <Row
          label="Pattern (regular expression)"
          htmlFor={at('pattern')}
          error={errors.pattern?.message}
          errorId={errId('pattern')}
        >
          <input
            {...reg('pattern', {
              validate: (v: string) => {
                if (!v) return true;
                try {
                  new RegExp(v, 'u');
                  return true;
                } catch {
                  return 'Not a valid regular expression';
                }
              },
            })}
            {...describe('pattern', errors.pattern)}
            spellCheck={false}
          />
        </Row>
      )}

      {props.options && (
        <fieldset className="afd-options">
          <legend>Options</legend>
          {options.fields.map((row, index) => (
            <div key={row.id} className="afd-options__row">
              <label htmlFor={at(`opt-${index}-label`)}>{`Option ${index + 1} label`}</label>
              <input
                {...reg(`options.${index}.label`, { required: 'Give the option a label' })}
                id={at(`opt-${index}-label`)}
                aria-invalid={errors.options?.[index]?.label ? true : undefined}
              />
              <label htmlFor={at(`opt-${index}-value`)}>{`Option ${index + 1} value`}</label>
              <input
                {...reg(`options.${index}.value`, {
                  required: 'Give the option a value',
                  validate: (v) =>
                    getValues('options').filter((o) => o.value === v).length === 1 || 'Values must be unique',
                })}
                id={at(`opt-${index}-value`)}
                aria-invalid={errors.options?.[index]?.value ? true : undefined}
                spellCheck={false}
              />
              <button
                type="button"
                className="afd-button afd-button--quiet"
                aria-label={`Remove option ${index + 1}`}
                disabled={options.fields.length <= 1}
                onClick={() => {
                  options.remove(index);
                  void commit('options');
                }}
              >
                Remove
              </button>
              {(errors.options?.[index]?.label || errors.options?.[index]?.value) && (
                <p className="afd-prop__error" role="alert">
                  {errors.options?.[index]?.label?.message ?? errors.options?.[index]?.value?.message}
                </p>
              )}
            </div>
          ))}
          <button
            type="button"
            className="afd-button"
            onClick={() => {
              const taken = new Set(getValues('options').map((o) => o.value));
              let n = options.fields.length + 1;
              while (taken.has(`option${n}`)) n += 1;
              options.append({ value: `option${n}`, label: `Option ${n}` });
              void commit('options');
            }}
          >
            Add option
          </button>
        </fieldset>
      )}

      {!isContainer(field.kind) || field.kind === 'section' ? (
        <fieldset className="afd-visibility">
          <legend>Visibility</legend>
          <div className="afd-prop afd-prop--check">
            <input
              type="checkbox"
              {...reg('visible')}
              id={at('visible')}
              disabled={targets.length === 0 && !visible}
            />
            <label htmlFor={at('visible')}>Show only when a condition holds</label>
          </div>
          {targets.length === 0 && !visible && (
            <p className="afd-hint">Add another field at this level to make this one conditional.</p>
          )}
          {visible && (
            <div className="afd-rule">
              <span className="afd-rule__word">Show when field</span>
              <Row
                label="Condition field"
                htmlFor={at('ruleField')}
                error={errors.ruleField?.message}
                errorId={errId('ruleField')}
              >
                <select
                  {...reg('ruleField', {
                    validate: (v) => !getValues('visible') || Boolean(v) || 'Choose a field',
                  })}
                  {...describe('ruleField', errors.ruleField)}
                >
                  <option value="">Choose a field…</option>
                  {targets.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.label || t.id}
                    </option>
                  ))}
                </select>
              </Row>
              <Row label="Condition operator" htmlFor={at('ruleOp')} errorId={errId('ruleOp')}>
                <select {...reg('ruleOp')} id={at('ruleOp')}>
                  <option value="eq">is</option>
                  <option value="neq">is not</option>
                </select>
              </Row>
              <Row
                label="Condition value"
                htmlFor={at('ruleValue')}
                error={errors.ruleValue?.message}
                errorId={errId('ruleValue')}
              >
                {target?.kind === 'boolean' ? (
                  <select {...reg('ruleValue')} {...describe('ruleValue', errors.ruleValue)}>
                    <option value="false">No</option>
                    <option value="true">Yes</option>
                  </select>
                ) : target?.kind === 'singleChoice' ? (
                  <select
                    {...reg('ruleValue', {
                      validate: (v) => !getValues('visible') || Boolean(v) || 'Choose a value',
                    })}
                    {...describe('ruleValue', errors.ruleValue)}
                  >
                    <option value="">Choose a value…</option>
                    {(target.options ?? []).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label || o.value}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    type={
                      target?.kind === 'number' || target?.kind === 'integer'
                        ? 'number'
                        : target?.kind === 'date'
                          ? 'date'
                          : 'text'
                    }
                    {...reg('ruleValue', {
                      validate: (v) =>
                        !(target?.kind === 'number' || target?.kind === 'integer') ||
                        isNumberText(v) ||
                        'Enter a number',
                    })}
                    {...describe('ruleValue', errors.ruleValue)}
                  />
                )}
              </Row>
            </div>
          )}
        </fieldset>
      ) : null}
    </form>
  );
}

export interface FormPropertiesPanelProps {
  model: FormModel;
  dispatch(action: DesignerAction): void;
  editSession: string;
}

/** Edits the form's own title and description (shown when no field is selected). */
export function FormPropertiesPanel({ model, dispatch, editSession }: FormPropertiesPanelProps) {
  const uid = useId();
  const { register, getValues, trigger, formState } = useForm({
    defaultValues: { title: model.title, description: model.description ?? '' },
    mode: 'onChange',
  });
  const commit = async (name: 'title' | 'description') => {
    if (!(await trigger(name))) return;
    const value = getValues(name);
    dispatch({
      type: 'updateForm',
      patch: { [name]: name === 'description' ? value || undefined : value },
      coalesceKey: `${editSession}:form-${name}`,
    });
  };
  return (
    <form className="afd-panel" aria-label="Form properties" onSubmit={(e) => e.preventDefault()} noValidate>
      <h2 className="afd-panel__title">Form</h2>
      <Row
        label="Form title"
        htmlFor={`${uid}-title`}
        error={formState.errors.title?.message}
        errorId={`${uid}-title-error`}
      >
        <input
          id={`${uid}-title`}
          {...register('title', { required: 'A form needs a title', onChange: () => void commit('title') })}
          aria-invalid={formState.errors.title ? true : undefined}
        />
      </Row>
      <Row label="Form description" htmlFor={`${uid}-description`} errorId={`${uid}-description-error`}>
        <textarea
          id={`${uid}-description`}
          rows={3}
          {...register('description', { onChange: () => void commit('description') })}
        />
      </Row>
      <p className="afd-hint">Select a field on the canvas to edit it, or add one from the palette.</p>
    </form>
  );
}
