import { useState } from 'react';
import {
  useFieldArray,
  useForm,
  useWatch,
  type Control,
  type FieldErrors,
  type UseFormRegister,
} from 'react-hook-form';
import { ApiError, errorMessage } from '../api/api-client';
import {
  ROLES,
  roleLabel,
  type Group,
  type WorkflowSettings,
  type WorkflowSettingsView,
} from '../api/api-types';
import {
  looksLikeIsoDuration,
  NEW_LEVEL,
  reasonsByStep,
  toFormValues,
  toSettings,
  type SettingsFormValues,
} from './settings-form';

interface Props {
  view: WorkflowSettingsView;
  groups: Group[];
  onSave(settings: WorkflowSettings): Promise<{ version: number; created: boolean }>;
  onSaved(result: { version: number; created: boolean }): void;
}

/** One row per task or approval step; Save publishes the changes as a new version. */
export function WorkflowSettingsForm({ view, groups, onSave, onSaved }: Props) {
  const [serverError, setServerError] = useState<{ byStep: Record<string, string[]>; other: string[] }>({
    byStep: {},
    other: [],
  });
  const {
    register,
    control,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SettingsFormValues>({ defaultValues: toFormValues(view) });

  const submit = handleSubmit(async (values) => {
    setServerError({ byStep: {}, other: [] });
    try {
      onSaved(await onSave(toSettings(values, view)));
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 422 && cause.errors.length > 0) {
        setServerError(reasonsByStep(cause.errors.map((e) => e.message)));
      } else {
        setServerError({ byStep: {}, other: [errorMessage(cause)] });
      }
    }
  });

  return (
    <form onSubmit={submit} noValidate className="workflow-settings">
      {serverError.other.length > 0 && (
        <div className="alert alert--error" role="alert">
          {serverError.other.length === 1 ? (
            serverError.other[0]
          ) : (
            <ul>
              {serverError.other.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {view.steps.map((step, index) => {
        const reasons = serverError.byStep[step.stateId] ?? [];
        const reasonsId = `step-${index}-reasons`;
        return (
          <fieldset
            key={step.stateId}
            className="panel workflow-step"
            aria-describedby={reasons.length ? reasonsId : undefined}
            aria-invalid={reasons.length > 0}
          >
            <legend className="workflow-step__legend">
              <span className="workflow-step__label">{step.label}</span>{' '}
              <span className="badge badge--muted">{step.kind === 'task' ? 'Task' : 'Approval'}</span>{' '}
              <code className="muted small">{step.stateId}</code>
            </legend>
            {step.kind === 'task' ? (
              <TaskStepFields
                index={index}
                control={control}
                register={register}
                errors={errors}
                groups={groups}
                assignee={step.current.assignee}
                forms={view.forms ?? []}
              />
            ) : (
              <ApprovalLevelsEditor
                index={index}
                label={step.label}
                control={control}
                register={register}
                errors={errors}
                groups={groups}
              />
            )}
            {reasons.length > 0 && (
              <ul className="field__error workflow-step__reasons" id={reasonsId} role="alert">
                {reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            )}
          </fieldset>
        );
      })}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save as a new version'}
        </button>
      </div>
    </form>
  );
}

interface FieldsProps {
  index: number;
  control: Control<SettingsFormValues>;
  register: UseFormRegister<SettingsFormValues>;
  errors: FieldErrors<SettingsFormValues>;
  groups: Group[];
}

function TaskStepFields({
  index,
  control,
  register,
  errors,
  groups,
  assignee,
  forms,
}: FieldsProps & { assignee?: string; forms: Array<{ key: string; title: string }> }) {
  const assignment = useWatch({ control, name: `steps.${index}.assignment` });
  const currentForm = useWatch({ control, name: `steps.${index}.form` });
  const stepErrors = errors.steps?.[index];
  const dueId = `step-${index}-due-in`;
  const dueHintId = `${dueId}-hint`;
  return (
    <div className="form-grid">
      <label className="field">
        <span className="field__label">Form</span>
        <select {...register(`steps.${index}.form`)}>
          {/* The workflow's own form stays choosable even before it is published in this organisation. */}
          {currentForm && !forms.some((f) => f.key === currentForm) && (
            <option value={currentForm}>{currentForm}</option>
          )}
          {forms.map((form) => (
            <option key={form.key} value={form.key}>
              {form.title} ({form.key})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Assign to</span>
        <select {...register(`steps.${index}.assignment`)}>
          {assignment === 'workflow' && (
            <option value="workflow">
              {assignee ? `As defined (${assignee})` : 'As defined by the workflow'}
            </option>
          )}
          <option value="role">A role</option>
          <option value="group">A group</option>
        </select>
      </label>
      {assignment === 'role' && (
        <label className="field">
          <span className="field__label">Role</span>
          <select
            aria-invalid={!!stepErrors?.role}
            {...register(`steps.${index}.role`, {
              validate: (v, all) => all.steps[index].assignment !== 'role' || !!v || 'Choose a role.',
            })}
          >
            <option value="">Choose a role…</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {roleLabel(role)}
              </option>
            ))}
          </select>
          {stepErrors?.role && <span className="field__error">{stepErrors.role.message}</span>}
        </label>
      )}
      {assignment === 'group' && (
        <GroupSelect
          label="Group"
          groups={groups}
          error={stepErrors?.group?.message}
          registration={register(`steps.${index}.group`, {
            validate: (v, all) => all.steps[index].assignment !== 'group' || !!v || 'Choose a group.',
          })}
        />
      )}
      {/* Not a wrapping label: the hint is the description, not part of the name. */}
      <div className="field">
        <label className="field__label" htmlFor={dueId}>
          Due in
        </label>
        <input
          id={dueId}
          type="text"
          spellCheck={false}
          aria-describedby={dueHintId}
          aria-invalid={!!stepErrors?.dueIn}
          {...register(`steps.${index}.dueIn`, {
            validate: (v) =>
              !v.trim() ||
              looksLikeIsoDuration(v.trim()) ||
              'Use an ISO-8601 duration such as P14D or PT36H.',
          })}
        />
        <span className="field__hint" id={dueHintId}>
          P14D = 14 days, P2W = 2 weeks, PT36H = 36 hours. Empty: the workflow&apos;s own due date, if any.
        </span>
        {stepErrors?.dueIn && <span className="field__error">{stepErrors.dueIn.message}</span>}
      </div>
    </div>
  );
}

function ApprovalLevelsEditor({
  index,
  label,
  control,
  register,
  errors,
  groups,
}: FieldsProps & { label: string }) {
  const { fields, append, remove, move } = useFieldArray({ control, name: `steps.${index}.levels` });
  const levels = useWatch({ control, name: `steps.${index}.levels` }) ?? [];
  const levelErrors = errors.steps?.[index]?.levels;
  return (
    <div className="approval-levels">
      <ol className="approval-levels__list">
        {fields.map((field, at) => {
          const level = levels[at] ?? field;
          const name = `steps.${index}.levels.${at}` as const;
          const errs = levelErrors?.[at];
          const where = `level ${at + 1} of ${label}`;
          return (
            <li key={field.id} className="approval-level">
              <span className="approval-level__number">Level {at + 1}</span>
              <label className="field">
                <span className="field__label">Approved by</span>
                <select {...register(`${name}.who`)}>
                  <option value="role">A role</option>
                  <option value="group">A group</option>
                  <option value="users">Named users</option>
                </select>
              </label>
              {level.who === 'role' && (
                <label className="field">
                  <span className="field__label">Role</span>
                  <select
                    aria-invalid={!!errs?.role}
                    {...register(`${name}.role`, {
                      validate: (v, all) =>
                        all.steps[index].levels[at]?.who !== 'role' || !!v || 'Choose a role.',
                    })}
                  >
                    <option value="">Choose a role…</option>
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {roleLabel(role)}
                      </option>
                    ))}
                  </select>
                  {errs?.role && <span className="field__error">{errs.role.message}</span>}
                </label>
              )}
              {level.who === 'group' && (
                <GroupSelect
                  label="Group"
                  groups={groups}
                  error={errs?.group?.message}
                  registration={register(`${name}.group`, {
                    validate: (v, all) =>
                      all.steps[index].levels[at]?.who !== 'group' || !!v || 'Choose a group.',
                  })}
                />
              )}
              {level.who === 'users' && (
                <label className="field">
                  <span className="field__label">User ids (comma-separated)</span>
                  <input
                    type="text"
                    spellCheck={false}
                    aria-invalid={!!errs?.users}
                    {...register(`${name}.users`, {
                      validate: (v, all) =>
                        all.steps[index].levels[at]?.who !== 'users' ||
                        !!v.trim() ||
                        'Name at least one user.',
                    })}
                  />
                  {errs?.users && <span className="field__error">{errs.users.message}</span>}
                </label>
              )}
              <label className="field">
                <span className="field__label">Rule</span>
                <select {...register(`${name}.rule`)}>
                  <option value="any">Any one of them</option>
                  <option value="all">All of them</option>
                  <option value="quorum">A quorum</option>
                </select>
              </label>
              {level.rule === 'quorum' && (
                <label className="field">
                  <span className="field__label">Quorum</span>
                  <input
                    type="number"
                    min={1}
                    max={20}
                    step={1}
                    aria-invalid={!!errs?.quorum}
                    {...register(`${name}.quorum`, {
                      valueAsNumber: true,
                      validate: (v, all) =>
                        all.steps[index].levels[at]?.rule !== 'quorum' ||
                        (Number.isInteger(v) && v >= 1 && v <= 20) ||
                        'Enter a whole number from 1 to 20.',
                    })}
                  />
                  {errs?.quorum && <span className="field__error">{errs.quorum.message}</span>}
                </label>
              )}
              <div className="approval-level__actions">
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Move ${where} up`}
                  disabled={at === 0}
                  onClick={() => move(at, at - 1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Move ${where} down`}
                  disabled={at === fields.length - 1}
                  onClick={() => move(at, at + 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Remove ${where}`}
                  disabled={fields.length === 1}
                  onClick={() => remove(at)}
                >
                  Remove
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button button--small" onClick={() => append({ ...NEW_LEVEL })}>
        Add a level to {label}
      </button>
    </div>
  );
}

function GroupSelect({
  label,
  groups,
  error,
  registration,
}: {
  label: string;
  groups: Group[];
  error?: string;
  registration: ReturnType<UseFormRegister<SettingsFormValues>>;
}) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <select aria-invalid={!!error} {...registration}>
        <option value="">Choose a group…</option>
        {groups.map((group) => (
          <option key={group.id} value={group.name}>
            {group.name}
          </option>
        ))}
      </select>
      {error && <span className="field__error">{error}</span>}
    </label>
  );
}
