import { Injectable, OnModuleInit, UnprocessableEntityException } from '@nestjs/common';
import {
  projectStep,
  projectionErrors,
  type MachineConfig,
  type RecordWrite,
  type RegisterDeclaration,
  type StepFacts,
} from '@aimsflow/engine';
import type { EntityManager } from 'typeorm';
import { FormRegistry } from '../forms/form-registry.service';
import { FormChecks } from '../forms/form-checks';
import { applySettings } from '../workflow/definition-settings';
import { DefinitionChecks } from '../workflow/definition-checks';
import { StepListeners, type StepListener, type StepNotice } from '../workflow/step-listeners';
import { RegisterCatalog } from './register-catalog';

// One statement per write: the row lock ON CONFLICT takes serialises concurrent projections into
// one record, and `||` merges only the fields this projection sets, so no writer loses another's.
// An unchanged record is not rewritten (no empty versions). A guard ($9: the values allowed, $10:
// the field) is checked on the locked row, so "not once decided" holds under concurrency too.
const GUARD = (row: string) =>
  `($9::jsonb IS NULL OR $9::jsonb @> jsonb_build_array(COALESCE(${row}data->($10::text), 'null'::jsonb)))`;
const UPSERT = `
  INSERT INTO register_records AS r
    (organization_id, register_key, record_key, data, updated_by, source_task_id, instance_id, created_at, updated_at)
  VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $8)
  ON CONFLICT (organization_id, register_key, record_key) DO UPDATE
    SET data = r.data || EXCLUDED.data, version = r.version + 1, updated_at = EXCLUDED.updated_at,
        updated_by = EXCLUDED.updated_by,
        source_task_id = COALESCE(EXCLUDED.source_task_id, r.source_task_id),
        instance_id = COALESCE(EXCLUDED.instance_id, r.instance_id)
    WHERE r.data IS DISTINCT FROM r.data || EXCLUDED.data AND ${GUARD('r.')}
  RETURNING id, version, data`;
const SET = `SET data = data || $4::jsonb, version = version + 1, updated_at = $8, updated_by = $5,
         source_task_id = COALESCE($6, source_task_id), instance_id = COALESCE($7, instance_id)`;
const UPDATE = `
  UPDATE register_records ${SET}
   WHERE organization_id = $1 AND register_key = $2 AND record_key = $3
     AND data IS DISTINCT FROM data || $4::jsonb AND ${GUARD('')}
  RETURNING id, version, data`;
/** A projection onto all records ($3 is unused but keeps the parameters aligned). */
const UPDATE_ALL = `
  UPDATE register_records ${SET}
   WHERE organization_id = $1 AND register_key = $2 AND ($3::text IS NULL)
     AND data IS DISTINCT FROM data || $4::jsonb AND ${GUARD('')}
  RETURNING id, version, data`;
const KEEP_VERSION = `
  INSERT INTO register_record_versions
    (organization_id, record_id, version, data, changed_at, changed_by, source_task_id, instance_id)
  VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8)`;

/**
 * The one generic projector: after every step, in the step's transaction, it applies the
 * declared projections of every register, so a record exists exactly when the step that
 * justifies it committed. It also checks every deploy of a definition that feeds a register.
 */
@Injectable()
export class RegisterProjector implements StepListener, OnModuleInit {
  constructor(
    private readonly listeners: StepListeners,
    private readonly checks: DefinitionChecks,
    private readonly formChecks: FormChecks,
    private readonly catalog: RegisterCatalog,
    private readonly forms: FormRegistry,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
    this.checks.register((tx, org, key, machine) => this.check(tx, org, key, machine));
    this.formChecks.register((tx, org, key, schema) => this.checkForm(tx, org, key, schema));
  }

  async onStep(notice: StepNotice): Promise<void> {
    const registers = await this.catalog.fedBy(
      notice.tx,
      notice.instance.organizationId,
      notice.instance.definitionKey,
    );
    if (registers.length === 0) return;
    const byKey = new Map(registers.map((r) => [r.key, r]));
    for (const write of projectStep(registers, factsOf(notice)))
      await this.apply(notice, write, byKey.get(write.register)!);
  }

  /** A renamed state or form, or a form field gone, is refused at deploy instead of silently breaking a register. */
  async check(
    tx: EntityManager,
    organizationId: string,
    key: string,
    machine: MachineConfig,
  ): Promise<string[]> {
    const errors: string[] = [];
    for (const register of await this.catalog.fedBy(tx, organizationId, key)) {
      for (const [index, projection] of register.projections.entries()) {
        if (projection.definition !== key) continue;
        const form = 'taskCompleted' in projection.when ? projection.when.taskCompleted.form : null;
        const schema = form ? await this.forms.publishedSchema(tx, organizationId, form) : null;
        errors.push(
          ...projectionErrors(register, projection, machine, (k) =>
            k === form ? ((schema ?? undefined) as Record<string, unknown> | undefined) : undefined,
          ).map((e) => `register ${JSON.stringify(register.key)}, projection ${index + 1}: ${e}`),
        );
      }
    }
    return errors;
  }

  /**
   * A form about to be published still has every field the projections reading it use. Projections
   * of definitions not deployed yet are checked when those are.
   */
  async checkForm(
    tx: EntityManager,
    organizationId: string,
    formKey: string,
    schema: Record<string, unknown>,
  ): Promise<string[]> {
    const errors: string[] = [];
    for (const register of await this.catalog.all(tx, organizationId)) {
      for (const [index, projection] of register.projections.entries()) {
        if (!('taskCompleted' in projection.when) || projection.when.taskCompleted.form !== formKey) continue;
        const [definition]: Array<{ machine: MachineConfig; settings: Record<string, unknown> }> =
          await tx.query(
            `SELECT machine, settings FROM workflow_definitions WHERE organization_id = $1 AND key = $2
            ORDER BY version DESC LIMIT 1`,
            [organizationId, projection.definition],
          );
        if (!definition) continue;
        const machine = applySettings(definition.machine, definition.settings, projection.definition);
        errors.push(
          ...projectionErrors(register, projection, machine, (k) => (k === formKey ? schema : undefined)).map(
            (e) => `register ${JSON.stringify(register.key)}, projection ${index + 1}: ${e}`,
          ),
        );
      }
    }
    return errors;
  }

  private async apply(notice: StepNotice, write: RecordWrite, register: RegisterDeclaration): Promise<void> {
    const org = notice.instance.organizationId;
    const taskId =
      notice.kind === 'task.completed' ? ((notice.payload as { taskId?: string })?.taskId ?? null) : null;
    const params = [
      org,
      write.register,
      write.recordKey,
      JSON.stringify(write.set),
      notice.actorId,
      taskId,
      notice.instance.id,
      notice.now,
      write.guard ? JSON.stringify(write.guard.in) : null,
      write.guard?.field ?? '',
    ];
    const update = write.recordKey === null || write.updateOnly;
    const result = await notice.tx.query(
      write.recordKey === null ? UPDATE_ALL : write.updateOnly ? UPDATE : UPSERT,
      params,
    );
    // TypeORM answers an UPDATE with [rows, count] and an INSERT with rows.
    const rows = (update ? result[0] : result) as Array<{ id: string; version: number; data: unknown }>;
    for (const row of rows) {
      const invalid = this.catalog.recordErrors(register, row.data);
      if (invalid.length)
        throw new UnprocessableEntityException({
          message: `This step would leave record ${JSON.stringify(write.recordKey ?? row.id)} of register ${write.register} invalid: ${invalid.join('; ')}`,
        });
      await notice.tx.query(KEEP_VERSION, [
        org,
        row.id,
        row.version,
        JSON.stringify(row.data),
        notice.now,
        notice.actorId,
        taskId,
        notice.instance.id,
      ]);
    }
  }
}

/** What the pure projector needs from a step notice. */
function factsOf(notice: StepNotice): StepFacts {
  const completed =
    notice.kind === 'task.completed'
      ? (notice.payload as
          { taskId: string; formKey: string; data: unknown; assigneeId?: string } | undefined)
      : undefined;
  const before = new Set(valuePaths(notice.stateBefore));
  const active = valuePaths(notice.result.value);
  return {
    definitionKey: notice.instance.definitionKey,
    task: completed?.formKey
      ? {
          id: completed.taskId,
          formKey: completed.formKey,
          state: relative(String(notice.event?.stateId ?? '')),
          submission: completed.data,
          // The accountable person is the assignee, also when a delegate completed the task.
          author: completed.assigneeId ?? notice.actorId,
          completedBy: notice.actorId,
        }
      : undefined,
    entered: active.filter((state) => !before.has(state)),
    context:
      notice.result.context ?? (notice.instance.snapshot as { context?: unknown } | null)?.context ?? {},
    instanceId: notice.instance.id,
    now: notice.now,
  };
}

/** `machine-id.a.b` → `a.b`. */
function relative(stateId: string): string {
  const dot = stateId.indexOf('.');
  return dot < 0 ? '' : stateId.slice(dot + 1);
}

/** Every active state path of an XState state value, parents included: `{a: 'b'}` → `a`, `a.b`. */
export function valuePaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => [
    prefix + key,
    ...valuePaths(child, `${prefix}${key}.`),
  ]);
}
