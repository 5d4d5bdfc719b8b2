import {
  ConflictException,
  ForbiddenException,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { EngineEvent } from '@aimsflow/engine';
import type { Principal } from '../../identity/auth/principal';
import { cancelTaskDeadlines } from '../task-deadlines';
import { Task } from '../task.entity';
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

  async execute(
    organizationId: string,
    actor: Principal,
    taskId: string,
    data: unknown,
  ): Promise<Task & { nextTasks?: NextTask[] }> {
    const { work, steps, forms } = this.parts;
    return work.run(actor.userId, async (ctx) => {
      const task = await ctx.tx
        .getRepository(Task)
        .findOne({ where: { id: taskId, organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!task) throw new NotFoundException({ message: 'Task not found.' });
      if (task.status !== 'open')
        throw new ConflictException({ message: `The task is already ${task.status}.` });
      if (task.approvalId) return this.decide.onTask(ctx, actor, task, data);
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
      await steps.step(ctx, organizationId, task.instanceId, event, {
        kind: 'task.completed',
        payload: {
          taskId: task.id,
          formKey: task.formKey,
          formVersion: task.formVersion,
          data,
          ...(completedFor ? { assigneeId: completedFor, delegateId: actor.userId } : {}),
        },
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
}
