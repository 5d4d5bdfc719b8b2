import { ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { startInstance, step, type EngineEvent, type StepResult } from '@aimsflow/engine';
import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { Approval } from '../approvals/approval.entity';
import type { StepContext } from '../platform/step/step-context';
import { ChildBatch } from './child-batch.entity';
import type { DefinitionCache } from './definition-cache';
import type { EffectHandlers } from './effects/effect-handler';
import { ProcessInstance } from './process-instance.entity';
import { LOCK_INSTANCE, lockedInstance } from './runtime-rows';
import type { StepListeners } from './step-listeners';
import type { TaskWrites } from './task-writes';
import { Timer } from './timer.entity';
import type { WorkflowDefinition } from './workflow-definition.entity';

/** What the step of an event needs besides the event: how it is recorded, and whether a refusal is an error. */
export interface StepOptions {
  /** History kind, e.g. `task.completed`, `timer.fired`, `event`. */
  kind: string;
  /** The history record's payload (default: the event's fields besides its type). */
  payload?: unknown;
  /** A follow-up event (timer, children done) that no longer fits is dropped, not an error. */
  ignoreUnaccepted?: boolean;
  /** The instance, when the caller already locked its row in this transaction (saves the lock's round trip). */
  locked?: ProcessInstance;
}

/**
 * The instance life cycle inside a step's transaction: start, step (lock → pure engine step →
 * persist with a version check → effects → step listeners), and end, with everything an ended
 * instance still holds open. Every operation of the runtime goes through these.
 */
export class InstanceSteps {
  /** Set once at composition: the effect handlers start and end instances through these steps. */
  effects!: EffectHandlers;

  constructor(
    private readonly definitions: DefinitionCache,
    private readonly tasks: TaskWrites,
    private readonly listeners: StepListeners,
  ) {}

  async start(
    ctx: StepContext,
    definition: WorkflowDefinition,
    input: Record<string, unknown>,
    businessKey: string | null,
    parent: { id: string; batchId: string } | null,
  ): Promise<ProcessInstance> {
    let result: StepResult;
    try {
      result = startInstance(this.definitions.compile(definition), input);
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
    await this.effects.apply(ctx, instance, result.effects);
    await this.afterStep(ctx, instance, result);
    await ctx.flush();
    await this.listeners.notify({
      tx: ctx.tx,
      now: ctx.now,
      actorId: ctx.actorId,
      instance,
      kind: 'instance.started',
      result,
    });
    return instance;
  }

  /** Steps one instance with `event`; the instance row is locked first (a no-op when already locked). */
  async step(
    ctx: StepContext,
    organizationId: string,
    instanceId: string,
    event: EngineEvent,
    options: StepOptions,
  ): Promise<ProcessInstance> {
    const { kind, payload, ignoreUnaccepted = false } = options;
    const instance = options.locked ?? (await this.lockFlushed(ctx, organizationId, instanceId));
    if (instance.status !== 'active') {
      if (ignoreUnaccepted) return instance;
      throw new ConflictException({ message: `The instance is ${instance.status}; it accepts no events.` });
    }
    const definition = await this.definitions.byId(ctx.tx, instance.definitionId);
    const result = step(this.definitions.compile(definition), instance.snapshot, event);
    if (!result.accepted) {
      if (ignoreUnaccepted) return instance;
      throw new ConflictException({
        message: `Event ${event.type} is not accepted in state ${JSON.stringify(instance.stateValue)}.`,
      });
    }
    const stateBefore = instance.stateValue;
    // Persisted with the step's other writes, in one round trip; the version check still holds.
    ctx.writes.add(
      { table: 'process_instances', kind: 'update', touches: [instance.id] },
      (p) =>
        `UPDATE process_instances
            SET snapshot = ${p(JSON.stringify(result.snapshot))}::jsonb, state_value = ${p(JSON.stringify(result.value))}::jsonb,
                version = version + 1, updated_at = now()
          WHERE id = ${p(instance.id)} AND version = ${p(instance.version)}
          RETURNING id`,
      (rows) => {
        if (rows.length !== 1)
          throw new ConflictException({ message: 'The instance changed concurrently; retry.' });
      },
    );
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
    await this.effects.apply(ctx, instance, result.effects);
    await this.afterStep(ctx, instance, result);
    // Listeners read and write through the transaction: they see the step's writes.
    await ctx.flush();
    await this.listeners.notify({
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

  /** Steps the events queued during the transaction (children done, approval outcomes), in order. */
  async drain(ctx: StepContext): Promise<void> {
    while (ctx.queue.length > 0) {
      const next = ctx.queue.shift()!;
      await ctx.flush();
      const instance = await ctx.tx.getRepository(ProcessInstance).findOneByOrFail({ id: next.instanceId });
      if (instance.status !== 'active') continue;
      await this.step(ctx, instance.organizationId, instance.id, next.event, {
        kind: next.kind,
        ignoreUnaccepted: true,
      });
    }
  }

  /** Ends an instance and everything it still holds open: tasks, timers, approvals and (recursively) children. */
  async end(
    ctx: StepContext,
    instance: ProcessInstance,
    status: 'completed' | 'cancelled' | 'failed',
    output?: unknown,
    outcome?: string,
  ): Promise<void> {
    await ctx.flush();
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
    await this.tasks.close(ctx, { instanceId: instance.id }, 'cancelled');
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

  /** Cancels the waiting child batches of a parent (of one state, or all) and ends their active children. */
  async cancelChildren(ctx: StepContext, parentId: string, stateId: string | undefined): Promise<void> {
    await ctx.flush();
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
    for (const child of children) await this.end(ctx, child, 'cancelled');
  }

  /** Locks the instance row; the same statement gives the step its clock when it has none yet. */
  async lock(ctx: StepContext, organizationId: string, id: string): Promise<ProcessInstance> {
    const [row] = await ctx.tx.query(LOCK_INSTANCE, [id, organizationId]);
    if (!row) throw new NotFoundException({ message: 'Process instance not found.' });
    const { now, instance } = lockedInstance(row);
    ctx.useClock(now);
    return instance;
  }

  /** Locks after sending the queued writes (the lock reads the row they may change). */
  private async lockFlushed(ctx: StepContext, organizationId: string, id: string): Promise<ProcessInstance> {
    await ctx.flush();
    return this.lock(ctx, organizationId, id);
  }

  reload(tx: EntityManager, id: string): Promise<ProcessInstance> {
    return tx.getRepository(ProcessInstance).findOneByOrFail({ id });
  }

  private async afterStep(ctx: StepContext, instance: ProcessInstance, result: StepResult): Promise<void> {
    if (result.status === 'active') return;
    const status = result.status === 'done' ? 'completed' : 'failed';
    await this.end(ctx, instance, status, result.output, result.outcome);
    if (status === 'completed' && instance.childBatchId) {
      await this.childCompleted(ctx, instance.childBatchId, {
        instanceId: instance.id,
        output: result.output ?? null,
      });
    }
  }

  /** Counts a completed child into its batch; the parent hears the batch's done event once the quorum is met. */
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
}

function eventPayload(event: EngineEvent): unknown {
  const { type: _type, ...rest } = event;
  return Object.keys(rest).length ? rest : null;
}
