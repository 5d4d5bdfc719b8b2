import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  Optional,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  activeStateIds,
  compileDefinition,
  planMigration,
  reservedEventReason,
  startInstance,
  step,
  type CompiledDefinition,
  type Effect,
  type EngineEvent,
  type StepResult,
} from '@aimsflow/engine';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  ApprovalChains,
  APPROVAL_FORM,
  APPROVAL_TASK_EVENT,
  type ChainHost,
  type DecisionRequest,
} from '../approvals/approval-chain';
import { Approval } from '../approvals/approval.entity';
import { AuditTrailService, type NewHistoryEntry } from '../audit/audit-trail.service';
import { Group, GroupMember } from '../identity/group.entity';
import type { Principal } from '../identity/auth/principal';
import { OutboxMessage } from '../outbox/outbox-message.entity';
import { ChildBatch } from './child-batch.entity';
import { applySettings } from './definition-settings';
import { FORM_BINDING, UnboundForms, type FormBinding } from './form-binding';
import { ProcessInstance } from './process-instance.entity';
import { cancelTaskDeadlines, scheduleTaskDeadlines } from './task-deadlines';
import { Task, type TaskStatus } from './task.entity';
import { StepListeners } from './step-listeners';
import { TaskEvents, type TaskChange } from './task-events.service';
import { Timer } from './timer.entity';
import { TimerFailure } from './timer-jobs';
import { inTransaction } from './transaction';
import { WorkflowDefinition } from './workflow-definition.entity';
import { pointerFromPath, type FieldError } from '../platform/http/problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Work queued inside one transaction: events that other steps of the same transaction caused. */
interface QueuedEvent {
  instanceId: string;
  event: EngineEvent;
  kind: string;
}

/** Per-transaction state: the database clock, queued follow-up events and history to append. */
class StepContext {
  readonly queue: QueuedEvent[] = [];
  readonly history: NewHistoryEntry[] = [];
  /** Published to live inboxes once the transaction committed. */
  readonly taskChanges: TaskChange[] = [];
  constructor(
    readonly tx: EntityManager,
    readonly now: Date,
    readonly actorId: string | null,
  ) {}
}

/** An open task of the same instance, returned with a completion so the client can go straight on. */
export interface NextTask {
  id: string;
  title: string;
  stateId: string;
  assigneeId: string | null;
  candidateRole: string | null;
}

/** Tells whether cancelling this instance needs a reason (a module such as the programme registers one). */
export type CancelReasonRule = (tx: EntityManager, instance: ProcessInstance) => Promise<boolean>;

export interface StartRequest {
  definitionKey: string;
  version?: number;
  businessKey?: string;
  input?: Record<string, unknown>;
}

/**
 * The engine's I/O shell. Each public operation is ONE transaction: lock the instance row, run the
 * pure engine step, persist the snapshot with a version check, apply the effects (tasks, timers,
 * children, outbox) and append hash-chained history. Nothing is half-applied: either all of it
 * commits or none of it does.
 */
@Injectable()
export class ProcessRuntime {
  private readonly compiled = new Map<string, CompiledDefinition>();
  /** Definition versions never change once deployed, so their rows are cached by id. */
  private readonly definitions = new Map<string, WorkflowDefinition>();
  private readonly approvals = new ApprovalChains();
  private readonly cancelReasonRules: CancelReasonRule[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrailService,
    private readonly taskEvents: TaskEvents,
    @Optional() @Inject(FORM_BINDING) private readonly forms: FormBinding = new UnboundForms(),
    @Optional() private readonly stepListeners: StepListeners = new StepListeners(),
  ) {}

  async start(
    organizationId: string,
    actor: Principal | null,
    request: StartRequest,
  ): Promise<ProcessInstance> {
    return this.run(actor, async (ctx) => {
      const definition = await this.findDefinition(
        ctx.tx,
        organizationId,
        request.definitionKey,
        request.version,
      );
      return this.startIn(ctx, definition, request.input ?? {}, request.businessKey ?? null, null);
    });
  }

  /**
   * Sends an event to an instance (a signal from a manager, or an integration). Outcome events (a
   * task's completeEvent, an approval's approved/rejected event, a sub-process doneEvent, the
   * approval task event) come only from the server: they are refused with 403 for every role and
   * the refusal is recorded (`event.refused`). `stateId`, `taskId` and `actorId` are server-only
   * fields: an event carrying one is refused with 400.
   */
  async send(
    organizationId: string,
    actor: Principal,
    instanceId: string,
    event: EngineEvent,
  ): Promise<ProcessInstance> {
    const serverOnly = SERVER_ONLY_EVENT_FIELDS.filter((field) => field in event);
    if (serverOnly.length > 0) {
      throw new BadRequestException({
        message: `${serverOnly.join(', ')} ${serverOnly.length > 1 ? 'are' : 'is'} set by the server only; send {type, data}.`,
      });
    }
    return this.run(actor, async (ctx) => {
      const instance = await this.lockInstance(ctx.tx, organizationId, instanceId);
      const definition = this.compile(await this.definitionById(ctx.tx, instance.definitionId));
      const reason =
        event.type === APPROVAL_TASK_EVENT
          ? `${event.type} is the decision event of approval tasks; only the server sends it.`
          : reservedEventReason(definition, event.type);
      if (reason !== undefined) {
        ctx.history.push({
          organizationId,
          instanceId,
          kind: 'event.refused',
          eventType: event.type,
          actorId: ctx.actorId,
          stateBefore: instance.stateValue,
          payload: { reason },
        });
        throw new RefusedDecision(reason, ctx, 'event.refused');
      }
      const open = await ctx.tx
        .getRepository(Task)
        .findBy({ instanceId, organizationId, status: 'open', completeEvent: event.type });
      if (open.length > 0) {
        throw new ConflictException({
          message: `${event.type} completes the open task "${open[0].title}"; complete it through /api/tasks/${open[0].id}/complete.`,
        });
      }
      return this.stepIn(ctx, organizationId, instanceId, event, 'event');
    });
  }

  /** Completes a task: checks who may, validates the data against the task's pinned form version, then steps. */
  async completeTask(
    organizationId: string,
    actor: Principal,
    taskId: string,
    data: unknown,
  ): Promise<Task & { nextTasks?: NextTask[] }> {
    return this.run(actor, async (ctx) => {
      const task = await ctx.tx
        .getRepository(Task)
        .findOne({ where: { id: taskId, organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!task) throw new NotFoundException({ message: 'Task not found.' });
      if (task.status !== 'open')
        throw new ConflictException({ message: `The task is already ${task.status}.` });
      if (task.approvalId) return this.completeApprovalTask(ctx, actor, task, data);
      const byDelegate = task.delegateId === actor.userId && task.assigneeId !== actor.userId;
      if (task.assigneeId !== actor.userId && !byDelegate) {
        throw new ForbiddenException({
          message: task.assigneeId
            ? 'Only the assignee or their delegate may complete this task.'
            : 'Claim the task before completing it.',
        });
      }
      const completedFor = byDelegate ? task.assigneeId : null;
      const errors = await this.forms.validate(ctx.tx, organizationId, task.formKey, task.formVersion, data);
      if (errors.length > 0) {
        throw new UnprocessableEntityException({
          message: `The submission does not match form ${task.formKey}${task.formVersion ? ` v${task.formVersion}` : ''}.`,
          errors: submissionErrors(errors),
        });
      }
      await ctx.tx.getRepository(Task).update(
        { id: task.id, version: task.version },
        {
          status: 'completed',
          data: data as object,
          completedBy: actor.userId,
          completedFor,
          completedAt: ctx.now,
          version: task.version + 1,
        },
      );
      // Reminder and escalation timers exist only for tasks with a due date.
      if (task.dueAt) await cancelTaskDeadlines(ctx.tx, [task.id]);
      ctx.taskChanges.push({ organizationId, id: task.id, change: 'completed' });
      const event: EngineEvent = {
        type: task.completeEvent,
        taskId: task.id,
        stateId: task.stateId,
        data,
        actorId: actor.userId,
      };
      await this.stepIn(ctx, organizationId, task.instanceId, event, 'task.completed', {
        taskId: task.id,
        formKey: task.formKey,
        formVersion: task.formVersion,
        data,
        ...(completedFor ? { assigneeId: completedFor, delegateId: actor.userId } : {}),
      });
      const nextTasks: NextTask[] = await ctx.tx.query(
        `SELECT id, title, state_id AS "stateId", assignee_id AS "assigneeId", candidate_role AS "candidateRole"
           FROM tasks WHERE instance_id = $1 AND status = 'open' ORDER BY created_at, id LIMIT 20`,
        [task.instanceId],
      );
      return {
        ...task,
        nextTasks,
        status: 'completed',
        data,
        completedBy: actor.userId,
        completedFor,
        completedAt: ctx.now,
        version: task.version + 1,
      };
    });
  }

  /** Records a decision on an approval chain (the same rules whether it comes from the task or the approvals API). */
  async decideApproval(
    organizationId: string,
    actor: Principal,
    approvalId: string,
    request: DecisionRequest,
  ): Promise<Approval> {
    const outcome = await this.run(actor, async (ctx) => {
      const exists = await ctx.tx.getRepository(Approval).existsBy({ id: approvalId, organizationId });
      if (!exists) throw new NotFoundException({ message: 'Approval not found.' });
      return this.approvals.decide(this.chainHost(ctx), actor, approvalId, request);
    });
    // The refusal is in the audit trail by now (its transaction committed); only then is it an error.
    if (outcome.refused !== undefined) throw new ForbiddenException({ message: outcome.refused });
    return outcome.approval;
  }

  private async completeApprovalTask(
    ctx: StepContext,
    actor: Principal,
    task: Task,
    data: unknown,
  ): Promise<Task> {
    const errors = await this.forms.validate(
      ctx.tx,
      task.organizationId,
      task.formKey,
      task.formVersion,
      data,
    );
    if (errors.length > 0) {
      throw new UnprocessableEntityException({
        message: `The decision does not match form ${task.formKey}.`,
        errors: submissionErrors(errors),
      });
    }
    // The approval-decision form names the reason `comment` (reject) or `requestedChanges` (request changes).
    const {
      decision,
      comment: reason,
      requestedChanges,
    } = (data ?? {}) as { decision?: unknown; comment?: unknown; requestedChanges?: unknown };
    const comment = typeof reason === 'string' && reason ? reason : requestedChanges;
    if (decision !== 'approve' && decision !== 'reject' && decision !== 'request-changes') {
      throw new UnprocessableEntityException({
        message:
          'An approval task is completed with {decision: "approve" | "reject" | "request-changes", comment}.',
        errors: [{ pointer: '/data/decision', message: 'must be approve, reject or request-changes' }],
      });
    }
    const outcome = await this.approvals.decide(this.chainHost(ctx), actor, task.approvalId!, {
      decision,
      comment: typeof comment === 'string' ? comment : null,
      // No taskId: a shared level task (a role or group level) stays open for the other deciders until the
      // level's rule is met; the decider's own personal task, if any, is completed by the chain itself.
    });
    if (outcome.refused !== undefined) throw new RefusedDecision(outcome.refused, ctx);
    return ctx.tx.getRepository(Task).findOneByOrFail({ id: task.id });
  }

  /**
   * Fires one due timer (in a transaction of its own), if any is free; returns false when none is
   * due. Safe with many processes polling. `exclude`: timers not to take (those that failed in this
   * poll). When the firing fails, nothing of it is kept and a `TimerFailure` names the timer, so the
   * caller can record the failure and go on with the next one.
   */
  async fireNextDueTimer(exclude: readonly string[] = []): Promise<boolean> {
    let claimed: string | undefined;
    try {
      return await this.run(null, (ctx) => {
        claimed = undefined;
        return this.fireDueTimer(ctx, exclude, (id) => (claimed = id));
      });
    } catch (error) {
      throw claimed ? new TimerFailure(claimed, error) : error;
    }
  }

  private async fireDueTimer(
    ctx: StepContext,
    exclude: readonly string[],
    claim: (id: string) => void,
  ): Promise<boolean> {
    const [due] = await ctx.tx.query(
      `SELECT id FROM timers WHERE status = 'scheduled' AND next_run_at <= now() AND NOT (id = ANY($1::uuid[]))
         ORDER BY next_run_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [exclude],
    );
    if (!due) return false;
    claim(due.id);
    const timer = await ctx.tx.getRepository(Timer).findOneByOrFail({ id: due.id });
    await ctx.tx.getRepository(Timer).update({ id: timer.id }, { status: 'fired', firedAt: ctx.now });
    if (timer.kind !== 'engine') {
      await this.fireTaskDeadline(ctx, timer);
      return true;
    }
    const instance = await this.lockInstance(ctx.tx, timer.organizationId, timer.instanceId);
    if (instance.status === 'active') {
      await this.stepIn(
        ctx,
        timer.organizationId,
        timer.instanceId,
        timer.event as EngineEvent,
        'timer.fired',
        {
          timerId: timer.timerId,
        },
        true,
      );
    }
    return true;
  }

  /** Cancelling an instance that `rule` picks answers 400 without a non-empty reason. */
  requireCancelReason(rule: CancelReasonRule): void {
    this.cancelReasonRules.push(rule);
  }

  /** Cancels an active instance and all it holds open; `instance.cancelled` records who and why. */
  async cancel(
    organizationId: string,
    actor: Principal,
    instanceId: string,
    reason?: string | null,
  ): Promise<ProcessInstance> {
    const why = reason?.trim() || null;
    return this.run(actor, async (ctx) => {
      const instance = await this.lockInstance(ctx.tx, organizationId, instanceId);
      if (instance.status !== 'active')
        throw new ConflictException({ message: `The instance is already ${instance.status}.` });
      if (!why) {
        for (const rule of this.cancelReasonRules) {
          if (await rule(ctx.tx, instance)) {
            const message = 'reason is required to cancel this process: give a non-empty reason';
            throw new BadRequestException({
              message,
              errors: [{ pointer: '/reason', message }],
            });
          }
        }
      }
      const stateBefore = instance.stateValue;
      await this.endInstance(ctx, instance, 'cancelled');
      // endInstance wrote the instance's `instance.cancelled` record: it also says from where and why.
      const record = ctx.history.find((h) => h.instanceId === instanceId && h.kind === 'instance.cancelled');
      Object.assign(record!, { stateBefore, payload: { reason: why } });
      return this.reload(ctx.tx, instance.id);
    });
  }

  /** Moves a running instance to another version of its definition (admin only), keeping its context. */
  async migrate(
    organizationId: string,
    actor: Principal | null,
    instanceId: string,
    toVersion: number,
    stateMapping: Record<string, string> = {},
  ): Promise<ProcessInstance> {
    return this.run(actor, (ctx) => this.migrateIn(ctx, organizationId, instanceId, toVersion, stateMapping));
  }

  /** Migrates every active instance of one definition version; returns how many moved. */
  async migrateAll(
    organizationId: string,
    actor: Principal,
    key: string,
    fromVersion: number,
    toVersion: number,
    stateMapping: Record<string, string> = {},
  ): Promise<{ migrated: number }> {
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM process_instances WHERE organization_id = $1 AND definition_key = $2 AND definition_version = $3 AND status = 'active'`,
      [organizationId, key, fromVersion],
    );
    for (const { id } of ids) await this.migrate(organizationId, actor, id, toVersion, stateMapping);
    return { migrated: ids.length };
  }

  private async definitionById(tx: EntityManager, id: string): Promise<WorkflowDefinition> {
    let definition = this.definitions.get(id);
    if (!definition) {
      definition = await tx.getRepository(WorkflowDefinition).findOneByOrFail({ id });
      if (this.definitions.size > 2000) this.definitions.clear();
      this.definitions.set(id, definition);
    }
    return definition;
  }

  /** The compiled machine of a stored definition version (cached: versions are immutable). */
  compile(definition: WorkflowDefinition): CompiledDefinition {
    let compiled = this.compiled.get(definition.id);
    if (!compiled) {
      // The organisation's settings (assignments, due dates, approval levels) are part of the version.
      compiled = compileDefinition({
        key: definition.key,
        name: definition.name,
        machine: applySettings(definition.machine, definition.settings, definition.key),
      });
      this.compiled.set(definition.id, compiled);
    }
    return compiled;
  }

  // ---- inside a transaction ------------------------------------------------------------------

  private async run<T>(actor: Principal | null, work: (ctx: StepContext) => Promise<T>): Promise<T> {
    let committed: StepContext | undefined;
    let result: T;
    try {
      result = await inTransaction(this.dataSource, async (tx) => {
        const [{ now }] = await tx.query('SELECT now() AS now');
        const ctx = new StepContext(tx, new Date(now), actor?.userId ?? null);
        let value: T;
        try {
          value = await work(ctx);
        } catch (error) {
          if (!(error instanceof RefusedDecision)) throw error;
          // A refusal changes nothing but must stay in the audit trail: commit only its history.
          await this.audit.append(
            tx,
            error.ctx.history.filter((h) => h.kind === error.historyKind),
          );
          committed = undefined;
          return error as never;
        }
        await this.drain(ctx);
        await this.taskEvents.stage(tx, ctx.taskChanges);
        // Last: the chain head stays locked only from here to commit.
        await this.audit.append(tx, ctx.history, ctx.now);
        committed = ctx;
        return value;
      });
    } finally {
      if (committed) this.taskEvents.committed(committed.taskChanges);
    }
    if (result instanceof RefusedDecision) throw new ForbiddenException({ message: result.message });
    return result;
  }

  private chainHost(ctx: StepContext): ChainHost {
    return {
      tx: ctx.tx,
      now: ctx.now,
      actorId: ctx.actorId,
      history: ctx.history,
      queue: (instanceId, event, kind) => ctx.queue.push({ instanceId, event, kind }),
      openApprovalTask: async (approval, level, fields) => {
        const instance = await ctx.tx
          .getRepository(ProcessInstance)
          .findOneByOrFail({ id: approval.instanceId });
        await this.insertTask(ctx, instance, {
          stateId: approval.stateId,
          title: fields.title,
          formKey: APPROVAL_FORM,
          completeEvent: APPROVAL_TASK_EVENT,
          assigneeId: fields.assigneeId ?? null,
          candidateRole: fields.candidateRole ?? null,
          candidateGroupId: fields.candidateGroupId ?? null,
          approvalId: approval.id,
          approvalLevel: level,
        });
      },
      closeApprovalTasks: (approvalId, status, level) =>
        this.closeTasks(
          ctx,
          `approval_id = $1${level ? ' AND approval_level = $2' : ''}`,
          level ? [approvalId, level] : [approvalId],
          status,
        ),
      completeTask: async (taskId, userId, data) => {
        await ctx.tx.query(
          `UPDATE tasks SET status = 'completed', completed_by = $2, completed_at = $3, data = $4, version = version + 1 WHERE id = $1 AND status = 'open'`,
          [taskId, userId, ctx.now, JSON.stringify(data)],
        );
        await cancelTaskDeadlines(ctx.tx, [taskId]);
        const [row] = await ctx.tx.query(`SELECT organization_id FROM tasks WHERE id = $1`, [taskId]);
        ctx.taskChanges.push({ organizationId: row.organization_id, id: taskId, change: 'completed' });
      },
    };
  }

  /** Closes the open tasks matching `where` (SQL on tasks, params from $1), cancels their deadlines, reports the change. */
  private async closeTasks(
    ctx: StepContext,
    where: string,
    params: unknown[],
    status: Exclude<TaskStatus, 'open'>,
  ): Promise<string[]> {
    const [rows]: [{ id: string; organization_id: string }[], number] = await ctx.tx.query(
      `UPDATE tasks SET status = '${status}', version = version + 1 WHERE status = 'open' AND (${where}) RETURNING id, organization_id`,
      params,
    );
    const ids = rows.map((r) => r.id);
    await cancelTaskDeadlines(ctx.tx, ids);
    for (const r of rows)
      ctx.taskChanges.push({
        organizationId: r.organization_id,
        id: r.id,
        change: status === 'completed' ? 'completed' : 'cancelled',
      });
    return ids;
  }

  /** A task's reminder or escalation is due: tell the people concerned, through the outbox. */
  private async fireTaskDeadline(ctx: StepContext, timer: Timer): Promise<void> {
    const task = timer.taskId ? await ctx.tx.getRepository(Task).findOneBy({ id: timer.taskId }) : null;
    if (!task || task.status !== 'open') return;
    const reminder = timer.kind === 'task-reminder';
    const to = reminder
      ? [task.assigneeId, task.delegateId].filter(Boolean).length
        ? [task.assigneeId, task.delegateId].filter(Boolean)
        : [task.candidateRole, task.candidateGroupId].filter(Boolean)
      : (task.escalateTo ?? 'aims-manager');
    await ctx.tx.getRepository(OutboxMessage).insert({
      organizationId: task.organizationId,
      kind: 'notification',
      payload: {
        instanceId: task.instanceId,
        to,
        template: timer.kind,
        data: { taskId: task.id, title: task.title, dueAt: task.dueAt, assigneeId: task.assigneeId },
      },
    });
    ctx.history.push({
      organizationId: task.organizationId,
      instanceId: task.instanceId,
      kind: reminder ? 'task.reminded' : 'task.escalated',
      actorId: null,
      payload: { taskId: task.id, to },
    });
  }

  private async drain(ctx: StepContext): Promise<void> {
    while (ctx.queue.length > 0) {
      const next = ctx.queue.shift()!;
      const instance = await ctx.tx.getRepository(ProcessInstance).findOneByOrFail({ id: next.instanceId });
      if (instance.status !== 'active') continue;
      await this.stepIn(ctx, instance.organizationId, instance.id, next.event, next.kind, undefined, true);
    }
  }

  private async startIn(
    ctx: StepContext,
    definition: WorkflowDefinition,
    input: Record<string, unknown>,
    businessKey: string | null,
    parent: { id: string; batchId: string } | null,
  ): Promise<ProcessInstance> {
    const compiled = this.compile(definition);
    let result: StepResult;
    try {
      result = startInstance(compiled, input);
    } catch (error) {
      throw new UnprocessableEntityException({
        message: `The instance could not start: ${(error as Error).message}`,
      });
    }
    const instance = ctx.tx.getRepository(ProcessInstance).create({
      id: randomUUID(),
      organizationId: definition.organizationId,
      definitionId: definition.id,
      definitionKey: definition.key,
      definitionVersion: definition.version,
      businessKey,
      status: 'active',
      stateValue: result.value,
      snapshot: result.snapshot,
      input,
      parentId: parent?.id ?? null,
      childBatchId: parent?.batchId ?? null,
      startedBy: ctx.actorId,
      version: 1,
    });
    await ctx.tx.getRepository(ProcessInstance).insert(instance as never);
    ctx.history.push({
      organizationId: instance.organizationId,
      instanceId: instance.id,
      kind: 'instance.started',
      actorId: ctx.actorId,
      stateAfter: result.value,
      payload: {
        definitionKey: definition.key,
        version: definition.version,
        input,
        parentId: parent?.id ?? null,
      },
    });
    await this.applyEffects(ctx, instance, result.effects);
    await this.afterStep(ctx, instance, result);
    await this.stepListeners.notify({
      tx: ctx.tx,
      now: ctx.now,
      actorId: ctx.actorId,
      instance,
      kind: 'instance.started',
      result,
    });
    return instance;
  }

  private async stepIn(
    ctx: StepContext,
    organizationId: string,
    instanceId: string,
    event: EngineEvent,
    kind: string,
    payload?: unknown,
    ignoreUnaccepted = false,
  ): Promise<ProcessInstance> {
    const instance = await this.lockInstance(ctx.tx, organizationId, instanceId);
    if (instance.status !== 'active') {
      if (ignoreUnaccepted) return instance;
      throw new ConflictException({ message: `The instance is ${instance.status}; it accepts no events.` });
    }
    const definition = await this.definitionById(ctx.tx, instance.definitionId);
    const result = step(this.compile(definition), instance.snapshot, event);
    if (!result.accepted) {
      if (ignoreUnaccepted) return instance;
      throw new ConflictException({
        message: `Event ${event.type} is not accepted in state ${JSON.stringify(instance.stateValue)}.`,
      });
    }
    const stateBefore = instance.stateValue;
    const updated = await ctx.tx
      .createQueryBuilder()
      .update(ProcessInstance)
      .set({
        snapshot: result.snapshot as object,
        stateValue: result.value as object,
        version: instance.version + 1,
      })
      .where('id = :id AND version = :version', { id: instance.id, version: instance.version })
      .execute();
    if (updated.affected !== 1)
      throw new ConflictException({ message: 'The instance changed concurrently; retry.' });
    Object.assign(instance, {
      snapshot: result.snapshot,
      stateValue: result.value,
      version: instance.version + 1,
    });
    ctx.history.push({
      organizationId,
      instanceId,
      kind,
      eventType: event.type,
      actorId: ctx.actorId,
      stateBefore,
      stateAfter: result.value,
      payload: payload ?? eventPayload(event),
    });
    await this.applyEffects(ctx, instance, result.effects);
    await this.afterStep(ctx, instance, result);
    await this.stepListeners.notify({
      tx: ctx.tx,
      now: ctx.now,
      actorId: ctx.actorId,
      instance,
      kind,
      event,
      stateBefore,
      result,
      payload,
    });
    return instance;
  }

  private async afterStep(ctx: StepContext, instance: ProcessInstance, result: StepResult): Promise<void> {
    if (result.status === 'active') return;
    const status = result.status === 'done' ? 'completed' : 'failed';
    await this.endInstance(ctx, instance, status, result.output, result.outcome);
    if (status === 'completed' && instance.childBatchId) {
      await this.childCompleted(ctx, instance.childBatchId, {
        instanceId: instance.id,
        output: result.output ?? null,
      });
    }
  }

  /** Ends an instance and everything it still holds open: tasks, timers and (recursively) children. */
  private async endInstance(
    ctx: StepContext,
    instance: ProcessInstance,
    status: 'completed' | 'cancelled' | 'failed',
    output?: unknown,
    outcome?: string,
  ): Promise<void> {
    await ctx.tx.getRepository(ProcessInstance).update(
      { id: instance.id },
      {
        status,
        output: (output ?? null) as object,
        outcome: outcome ?? null,
        endedAt: ctx.now,
        version: instance.version + 1,
      },
    );
    Object.assign(instance, { status, version: instance.version + 1 });
    await this.closeTasks(ctx, 'instance_id = $1', [instance.id], 'cancelled');
    await ctx.tx
      .getRepository(Timer)
      .update({ instanceId: instance.id, status: 'scheduled' }, { status: 'cancelled' });
    await ctx.tx
      .getRepository(Approval)
      .update({ instanceId: instance.id, status: 'pending' }, { status: 'cancelled', endedAt: ctx.now });
    await this.cancelChildren(ctx, instance.id, undefined);
    if (status !== 'completed') {
      ctx.history.push({
        organizationId: instance.organizationId,
        instanceId: instance.id,
        kind: `instance.${status}`,
        actorId: ctx.actorId,
      });
    }
  }

  private async cancelChildren(
    ctx: StepContext,
    parentId: string,
    stateId: string | undefined,
  ): Promise<void> {
    const batches = await ctx.tx
      .getRepository(ChildBatch)
      .findBy({ parentId, status: 'waiting', ...(stateId ? { stateId } : {}) });
    if (batches.length === 0) return;
    await ctx.tx
      .getRepository(ChildBatch)
      .update({ id: In(batches.map((b) => b.id)) }, { status: 'cancelled' });
    const children = await ctx.tx.getRepository(ProcessInstance).find({
      where: { childBatchId: In(batches.map((b) => b.id)), status: 'active' },
      lock: { mode: 'pessimistic_write' },
    });
    for (const child of children) await this.endInstance(ctx, child, 'cancelled');
  }

  private async childCompleted(
    ctx: StepContext,
    batchId: string,
    result: { instanceId: string; output: unknown },
  ) {
    const batch = await ctx.tx
      .getRepository(ChildBatch)
      .findOne({ where: { id: batchId }, lock: { mode: 'pessimistic_write' } });
    if (!batch || batch.status !== 'waiting') return;
    const outputs = [...batch.outputs, result];
    const completed = batch.completed + 1;
    const done = completed >= batch.required;
    await ctx.tx
      .getRepository(ChildBatch)
      .update(
        { id: batch.id },
        { completed, outputs: outputs as object[], status: done ? 'done' : 'waiting' },
      );
    if (done) {
      ctx.queue.push({
        instanceId: batch.parentId,
        event: { type: batch.doneEvent, stateId: batch.stateId, outputs },
        kind: 'children.done',
      });
    }
  }

  private async applyEffects(ctx: StepContext, instance: ProcessInstance, effects: Effect[]): Promise<void> {
    for (const effect of effects) {
      switch (effect.type) {
        case 'openTask':
          await this.openTask(ctx, instance, effect);
          break;
        case 'cancelTasks':
          await this.closeTasks(
            ctx,
            'instance_id = $1 AND state_id = $2 AND approval_id IS NULL',
            [instance.id, effect.stateId],
            'cancelled',
          );
          break;
        case 'scheduleTimer':
          await ctx.tx.getRepository(Timer).insert({
            organizationId: instance.organizationId,
            instanceId: instance.id,
            timerId: effect.timerId,
            event: effect.event,
            dueAt: new Date(ctx.now.getTime() + effect.delayMs),
          });
          break;
        case 'cancelTimer':
          await ctx.tx
            .getRepository(Timer)
            .update(
              { instanceId: instance.id, timerId: effect.timerId, status: 'scheduled' },
              { status: 'cancelled' },
            );
          break;
        case 'startChildren':
          await this.startChildren(ctx, instance, effect);
          break;
        case 'cancelChildren':
          await this.cancelChildren(ctx, instance.id, effect.stateId);
          break;
        case 'notify':
          await ctx.tx.getRepository(OutboxMessage).insert({
            organizationId: instance.organizationId,
            kind: 'notification',
            payload: {
              instanceId: instance.id,
              to: effect.to,
              template: effect.template,
              data: effect.data ?? null,
            },
          });
          break;
        case 'requestApproval':
          await this.approvals.start(
            this.chainHost(ctx),
            {
              id: instance.id,
              organizationId: instance.organizationId,
              context: (instance.snapshot as { context?: unknown }).context,
            },
            effect,
          );
          break;
        case 'cancelApproval':
          await this.approvals.cancel(
            this.chainHost(ctx),
            instance.organizationId,
            instance.id,
            effect.stateId,
          );
          break;
      }
    }
  }

  private async openTask(
    ctx: StepContext,
    instance: ProcessInstance,
    effect: Extract<Effect, { type: 'openTask' }>,
  ) {
    const assigneeId = effect.assignee && UUID.test(effect.assignee) ? effect.assignee : null;
    let candidateGroupId: string | null = null;
    if (effect.candidateGroup) {
      const group = await ctx.tx.getRepository(Group).findOne({
        where: UUID.test(effect.candidateGroup)
          ? { organizationId: instance.organizationId, id: effect.candidateGroup }
          : { organizationId: instance.organizationId, name: effect.candidateGroup },
      });
      candidateGroupId = group?.id ?? null;
    }
    const escalateTo = (effect as { escalateTo?: unknown }).escalateTo;
    await this.insertTask(ctx, instance, {
      stateId: effect.stateId,
      title: effect.title ?? effect.form,
      formKey: effect.form,
      completeEvent: effect.completeEvent,
      assigneeId,
      candidateRole: effect.candidateRole ?? null,
      candidateGroupId,
      priority: effect.priority ?? 0,
      dueAt: effect.dueInMs !== undefined ? new Date(ctx.now.getTime() + effect.dueInMs) : null,
      escalateTo: typeof escalateTo === 'string' ? escalateTo : null,
    });
  }

  private async insertTask(
    ctx: StepContext,
    instance: ProcessInstance,
    fields: Pick<
      Task,
      'stateId' | 'title' | 'formKey' | 'completeEvent' | 'assigneeId' | 'candidateRole' | 'candidateGroupId'
    > &
      Partial<Pick<Task, 'priority' | 'dueAt' | 'escalateTo' | 'approvalId' | 'approvalLevel'>>,
  ): Promise<string> {
    const id = randomUUID();
    await ctx.tx.getRepository(Task).insert({
      ...fields,
      id,
      organizationId: instance.organizationId,
      instanceId: instance.id,
      definitionKey: instance.definitionKey,
      formVersion: await this.forms.publishedVersion(ctx.tx, instance.organizationId, fields.formKey),
    });
    await scheduleTaskDeadlines(
      ctx.tx,
      { id, organizationId: instance.organizationId, instanceId: instance.id },
      ctx.now,
      fields.dueAt ?? null,
      { isNew: true },
    );
    ctx.taskChanges.push({ organizationId: instance.organizationId, id, change: 'opened' });
    return id;
  }

  private async startChildren(
    ctx: StepContext,
    parent: ProcessInstance,
    effect: Extract<Effect, { type: 'startChildren' }>,
  ) {
    const definition = await this.findDefinition(ctx.tx, parent.organizationId, effect.definitionKey);
    const total = effect.inputs.length;
    const required = effect.completion === 'all' ? total : Math.min(effect.completion.quorum, total);
    const batch = await ctx.tx.getRepository(ChildBatch).save({
      organizationId: parent.organizationId,
      parentId: parent.id,
      stateId: effect.stateId,
      total,
      required,
      doneEvent: effect.doneEvent,
      outputs: [],
      status: required === 0 ? 'done' : 'waiting',
    });
    if (required === 0) {
      ctx.queue.push({
        instanceId: parent.id,
        event: { type: effect.doneEvent, stateId: effect.stateId, outputs: [] },
        kind: 'children.done',
      });
    }
    for (const input of effect.inputs) {
      await this.startIn(ctx, definition, (input ?? {}) as Record<string, unknown>, parent.businessKey, {
        id: parent.id,
        batchId: batch.id,
      });
    }
  }

  private async migrateIn(
    ctx: StepContext,
    organizationId: string,
    instanceId: string,
    toVersion: number,
    stateMapping: Record<string, string>,
  ): Promise<ProcessInstance> {
    const instance = await this.lockInstance(ctx.tx, organizationId, instanceId);
    if (instance.status !== 'active')
      throw new ConflictException({ message: `The instance is already ${instance.status}.` });
    const target = await this.findDefinition(ctx.tx, organizationId, instance.definitionKey, toVersion);
    const compiled = this.compile(target);
    const source = this.compile(await this.definitionById(ctx.tx, instance.definitionId));
    const snapshot = { ...(instance.snapshot as Record<string, unknown>) };
    snapshot.value = mapStateValue(instance.stateValue, stateMapping);
    // The engine plans the move: the work of the states left is cancelled, that of the states entered opened.
    const plan = planMigration(compiled, activeStateIds(source, instance.snapshot), snapshot, source);
    if (!plan.ok) {
      throw new UnprocessableEntityException({
        message: `The instance cannot be migrated to ${JSON.stringify(snapshot.value)} in version ${toVersion}; give another stateMapping.`,
        errors: plan.errors.map((message) => ({ pointer: '', message })),
      });
    }
    // Tasks of states that are no longer active are cancelled (whatever version opened them); the rest carry over.
    const active = new Set(plan.activeStateIds);
    const openTasks = await ctx.tx.getRepository(Task).findBy({ instanceId, status: 'open' });
    const gone = openTasks.filter((t) => !active.has(t.stateId)).map((t) => t.id);
    if (gone.length) await this.closeTasks(ctx, 'id = ANY($1::uuid[])', [gone], 'cancelled');
    const updated = await ctx.tx.getRepository(ProcessInstance).update(
      { id: instance.id, version: instance.version },
      {
        definitionId: target.id,
        definitionVersion: target.version,
        snapshot: plan.snapshot as object,
        stateValue: plan.value as object,
        version: instance.version + 1,
      },
    );
    if (updated.affected !== 1)
      throw new ConflictException({ message: 'The instance changed concurrently; retry.' });
    const before = { stateValue: instance.stateValue, definitionVersion: instance.definitionVersion };
    Object.assign(instance, {
      definitionId: target.id,
      definitionVersion: target.version,
      snapshot: plan.snapshot,
      stateValue: plan.value,
      version: instance.version + 1,
    });
    ctx.history.push({
      organizationId,
      instanceId,
      kind: 'instance.migrated',
      actorId: ctx.actorId,
      stateBefore: before.stateValue,
      stateAfter: plan.value,
      payload: {
        fromVersion: before.definitionVersion,
        toVersion,
        stateMapping,
        cancelledTasks: gone,
        enteredStates: plan.enteredStateIds,
        leftStates: plan.leftStateIds,
      },
    });
    await this.applyEffects(ctx, instance, plan.effects);
    return this.reload(ctx.tx, instance.id);
  }

  private async lockInstance(
    tx: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<ProcessInstance> {
    const instance = await tx
      .getRepository(ProcessInstance)
      .findOne({ where: { id, organizationId }, lock: { mode: 'pessimistic_write' } });
    if (!instance) throw new NotFoundException({ message: 'Process instance not found.' });
    return instance;
  }

  private reload(tx: EntityManager, id: string): Promise<ProcessInstance> {
    return tx.getRepository(ProcessInstance).findOneByOrFail({ id });
  }

  async findDefinition(
    tx: EntityManager,
    organizationId: string,
    key: string,
    version?: number,
  ): Promise<WorkflowDefinition> {
    const definition = await tx.getRepository(WorkflowDefinition).findOne({
      where: { organizationId, key, ...(version ? { version } : {}) },
      order: { version: 'DESC' },
    });
    if (!definition) {
      throw new NotFoundException({
        message: `Workflow definition ${key}${version ? ` v${version}` : ''} not found.`,
      });
    }
    return definition;
  }

  /** Whether the user holds the task's candidate role or belongs to its candidate group. */
  async isCandidate(tx: EntityManager, task: Task, user: Principal): Promise<boolean> {
    if (task.candidateRole && user.roles.includes(task.candidateRole as never)) return true;
    if (task.candidateGroupId) {
      return tx.getRepository(GroupMember).existsBy({ groupId: task.candidateGroupId, userId: user.userId });
    }
    return false;
  }
}

/**
 * Thrown inside a step to abort it with 403 while still committing its refusal history records
 * (`approval.refused` for a decision, `event.refused` for an outcome event a client sent).
 */
class RefusedDecision extends Error {
  constructor(
    message: string,
    readonly ctx: StepContext,
    readonly historyKind: 'approval.refused' | 'event.refused' = 'approval.refused',
  ) {
    super(message);
  }
}

/** Fields of an event only the server sets (it knows which task, state and user it is for). */
const SERVER_ONLY_EVENT_FIELDS = ['stateId', 'taskId', 'actorId'] as const;

function eventPayload(event: EngineEvent): unknown {
  const { type: _type, ...rest } = event;
  return Object.keys(rest).length ? rest : null;
}

/** Applies `{ "old.path": "new.path" }` to a state value (string or nested object). */
export function mapStateValue(value: unknown, mapping: Record<string, string>): unknown {
  const paths = toPaths(value).map((p) => mapping[p] ?? p);
  return fromPaths(paths);
}

function toPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    toPaths(v, prefix ? `${prefix}.${k}` : k),
  );
}

function fromPaths(paths: string[]): unknown {
  if (paths.length === 1 && !paths[0].includes('.')) return paths[0];
  const root: Record<string, unknown> = {};
  for (const path of paths) {
    const parts = path.split('.');
    let node = root;
    parts.slice(0, -2).forEach((p) => (node = (node[p] ??= {}) as Record<string, unknown>));
    if (parts.length === 1) root[parts[0]] = {};
    else node[parts[parts.length - 2]] = parts[parts.length - 1];
  }
  return root;
}

/** A form's verdict (pointers into the submission) as pointers into the request body `{data}`. */
function submissionErrors(errors: { path: string; message: string }[]): FieldError[] {
  return errors.map((e) => ({ pointer: '/data' + pointerFromPath(e.path), message: e.message }));
}
