import {
  ConflictException,
  ForbiddenException,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { EngineEvent } from '@aimsflow/engine';
import type { Principal } from '../../identity/auth/principal';
import type { StepContext } from '../../platform/step/step-context';
import { LOCK_TASK_AND_INSTANCE, taskAndInstance } from '../runtime-rows';
import type { Task } from '../task.entity';
import type { DecideApproval } from './decide-approval.usecase';
import { submissionErrors, type RuntimeParts } from './runtime-parts';

/** An open task of the same instance, returned with a completion so the client can go straight on. */
export interface NextTask {
  id: string;
  title: string;
  stateId: string;
  assigneeId: string | null;
  candidateRole: string | null;
}

/** Completes a task: checks who may, validates the data against the task's pinned form version, then steps. */
export class CompleteTask {
  constructor(
    private readonly parts: RuntimeParts,
    private readonly decide: DecideApproval,
  ) {}

  /**
   * The hot path, in as few round trips as the work allows: one statement locks the task and its
   * instance and reads the clock; the task's completion, the step's snapshot and its effects go in
   * one batch; the history, live task changes and the next open tasks in the last statement.
   */
  async execute(
    organizationId: string,
    actor: Principal,
    taskId: string,
    data: unknown,
  ): Promise<Task & { nextTasks?: NextTask[] }> {
    const { work } = this.parts;
    const { completed, next } = await work.run(
      actor.userId,
      (ctx) => this.complete(ctx, organizationId, actor, taskId, data),
      {
        clock: 'first-statement',
      },
    );
    return next ? { ...completed, nextTasks: await next } : completed;
  }

  private async complete(
    ctx: StepContext,
    organizationId: string,
    actor: Principal,
    taskId: string,
    data: unknown,
  ): Promise<{ completed: Task; next?: Promise<NextTask[]> }> {
    const { steps, forms, tasks } = this.parts;
    const [row] = await ctx.tx.query(LOCK_TASK_AND_INSTANCE, [taskId, organizationId]);
    if (!row) throw new NotFoundException({ message: 'Task not found.' });
    const { now, task, instance } = taskAndInstance(row);
    ctx.useClock(now);
    if (task.status !== 'open')
      throw new ConflictException({ message: `The task is already ${task.status}.` });
    if (task.approvalId) return { completed: await this.decide.onTask(ctx, actor, task, data) };
    const byDelegate = task.delegateId === actor.userId && task.assigneeId !== actor.userId;
    if (task.assigneeId !== actor.userId && !byDelegate) {
      throw new ForbiddenException({
        message: task.assigneeId
          ? 'Only the assignee or their delegate may complete this task.'
          : 'Claim the task before completing it.',
      });
    }
    const completedFor = byDelegate ? task.assigneeId : null;
    const errors = await forms.validate(ctx.tx, organizationId, task.formKey, task.formVersion, data);
    if (errors.length > 0) {
      throw new UnprocessableEntityException({
        message: `The submission does not match form ${task.formKey}${task.formVersion ? ` v${task.formVersion}` : ''}.`,
        errors: submissionErrors(errors),
      });
    }
    await tasks.queueComplete(ctx, task, { userId: actor.userId, completedFor, data, version: task.version });
    const event: EngineEvent = {
      type: task.completeEvent,
      taskId: task.id,
      stateId: task.stateId,
      data,
      actorId: actor.userId,
    };
    await steps.step(ctx, organizationId, task.instanceId, event, {
      kind: 'task.completed',
      payload: {
        taskId: task.id,
        formKey: task.formKey,
        formVersion: task.formVersion,
        data,
        ...(completedFor ? { assigneeId: completedFor, delegateId: actor.userId } : {}),
      },
      locked: instance,
    });
    // Read in the transaction's last statement, after every write of the step and what it queued.
    const next = ctx.readAtEnd<NextTask[]>(
      (p) => `(SELECT coalesce(json_agg(json_build_object('id', n.id, 'title', n.title, 'stateId', n.state_id,
                 'assigneeId', n.assignee_id, 'candidateRole', n.candidate_role) ORDER BY n.created_at, n.id), '[]')
                 FROM (SELECT * FROM tasks WHERE instance_id = ${p(task.instanceId)}::uuid AND status = 'open'
                        ORDER BY created_at, id LIMIT 20) n)`,
    );
    return {
      completed: {
        ...task,
        status: 'completed',
        data,
        completedBy: actor.userId,
        completedFor,
        completedAt: ctx.now,
        version: task.version + 1,
      },
      next,
    };
  }
}
