import { randomUUID } from 'node:crypto';
import type { StepContext } from '../platform/step/step-context';
import type { FormBinding } from './form-binding';
import type { ProcessInstance } from './process-instance.entity';
import { cancelTaskDeadlines, scheduleTaskDeadlines } from './task-deadlines';
import { Task, type TaskStatus } from './task.entity';

export type NewTaskFields = Pick<
  Task,
  'stateId' | 'title' | 'formKey' | 'completeEvent' | 'assigneeId' | 'candidateRole' | 'candidateGroupId'
> &
  Partial<Pick<Task, 'priority' | 'dueAt' | 'escalateTo' | 'approvalId' | 'approvalLevel'>>;

/** Which open tasks to close: every one of an instance, those of one state, of an approval chain, or by id. */
export type TaskSelection =
  | { instanceId: string; stateId?: string; approvals?: false }
  | { approvalId: string; level?: number }
  | { ids: string[] };

/** The writes on tasks the runtime's steps and effects share. */
export class TaskWrites {
  constructor(private readonly forms: FormBinding) {}

  /** Opens a task pinned to the form's published version, with its deadlines; reports it to live inboxes. */
  async insert(ctx: StepContext, instance: ProcessInstance, fields: NewTaskFields): Promise<string> {
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

  /** Closes the selected open tasks, cancels their deadlines, reports the change; returns their ids. */
  async close(
    ctx: StepContext,
    selection: TaskSelection,
    status: Exclude<TaskStatus, 'open'>,
  ): Promise<string[]> {
    const { where, params } = selectionSql(selection);
    const [rows]: [{ id: string; organization_id: string }[], number] = await ctx.tx.query(
      `UPDATE tasks SET status = $1, version = version + 1 WHERE status = 'open' AND ${where} RETURNING id, organization_id`,
      [status, ...params],
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

  /** Marks one open task completed with `data` (an approval decision taken on it). */
  async complete(ctx: StepContext, taskId: string, userId: string, data: unknown): Promise<void> {
    await ctx.tx.query(
      `UPDATE tasks SET status = 'completed', completed_by = $2, completed_at = $3, data = $4, version = version + 1 WHERE id = $1 AND status = 'open'`,
      [taskId, userId, ctx.now, JSON.stringify(data)],
    );
    await cancelTaskDeadlines(ctx.tx, [taskId]);
    const [row] = await ctx.tx.query(`SELECT organization_id FROM tasks WHERE id = $1`, [taskId]);
    ctx.taskChanges.push({ organizationId: row.organization_id, id: taskId, change: 'completed' });
  }
}

/** The WHERE clause of a selection; its parameters start at $2 ($1 is the new status). */
function selectionSql(selection: TaskSelection): { where: string; params: unknown[] } {
  if ('ids' in selection) return { where: 'id = ANY($2::uuid[])', params: [selection.ids] };
  if ('approvalId' in selection) {
    return selection.level
      ? { where: 'approval_id = $2 AND approval_level = $3', params: [selection.approvalId, selection.level] }
      : { where: 'approval_id = $2', params: [selection.approvalId] };
  }
  if (selection.stateId !== undefined)
    return {
      where: 'instance_id = $2 AND state_id = $3 AND approval_id IS NULL',
      params: [selection.instanceId, selection.stateId],
    };
  return { where: 'instance_id = $2', params: [selection.instanceId] };
}
