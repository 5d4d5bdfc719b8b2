import { APPROVAL_FORM, APPROVAL_TASK_EVENT, type ChainHost } from '../approvals/approval-chain';
import type { StepContext } from '../platform/step/step-context';
import { ProcessInstance } from './process-instance.entity';
import type { TaskWrites } from './task-writes';

/** What the approval chain may do inside a step's transaction: its tasks, history and follow-up events. */
export function approvalHost(ctx: StepContext, tasks: TaskWrites): ChainHost {
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
      return tasks.insert(ctx, instance, {
        stateId: approval.stateId,
        title: fields.title,
        formKey: APPROVAL_FORM,
        completeEvent: APPROVAL_TASK_EVENT,
        assigneeId: fields.assigneeId ?? null,
        candidateRole: fields.candidateRole ?? null,
        candidateGroupId: fields.candidateGroupId ?? null,
        approvalId: approval.id,
        approvalLevel: level,
        dueAt: fields.dueAt ?? null,
      });
    },
    closeApprovalTasks: (approvalId, status, level) => tasks.close(ctx, { approvalId, level }, status),
    completeTask: (taskId, userId, data) => tasks.complete(ctx, taskId, userId, data),
  };
}
