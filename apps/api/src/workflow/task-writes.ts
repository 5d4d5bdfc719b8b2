import { randomUUID } from 'node:crypto';
import type { StepContext } from '../platform/step/step-context';
import type { Param } from '../platform/step/write-batch';
import type { FormBinding } from './form-binding';
import type { ProcessInstance } from './process-instance.entity';
import { deadlineTimers } from './task-deadlines';
import type { Task, TaskStatus } from './task.entity';

export type NewTaskFields = Pick<
  Task,
  'stateId' | 'title' | 'formKey' | 'completeEvent' | 'assigneeId' | 'candidateRole' | 'candidateGroupId'
> &
  Partial<Pick<Task, 'priority' | 'dueAt' | 'escalateTo' | 'approvalId' | 'approvalLevel'>>;

/** Which open tasks to close: every one of an instance, those of one state, of an approval chain, or by id. */
export type TaskSelection =
  { instanceId: string; stateId?: string } | { approvalId: string; level?: number } | { ids: string[] };

/**
 * The writes on tasks the runtime's steps and effects share, as hand-written SQL queued on the
 * step's write batch (`queue…`: sent with the step's other writes in one round trip) or sent at
 * once (`insert`, `close`, `complete`: for callers that read right after, like the approval chain).
 */
export class TaskWrites {
  constructor(private readonly forms: FormBinding) {}

  /** Queues a task pinned to the form's published version, with its deadlines; returns its id. */
  async queueInsert(ctx: StepContext, instance: ProcessInstance, fields: NewTaskFields): Promise<string> {
    const id = randomUUID();
    const org = instance.organizationId;
    const formVersion = this.forms.publishedVersionSql
      ? undefined
      : await this.forms.publishedVersion(ctx.tx, org, fields.formKey);
    ctx.writes.add({ table: 'tasks', kind: 'insert' }, (p) => {
      const version = this.forms.publishedVersionSql
        ? this.forms.publishedVersionSql(p(org), p(fields.formKey))
        : p(formVersion ?? null);
      return `INSERT INTO tasks (id, organization_id, instance_id, definition_key, state_id, title, form_key,
                form_version, complete_event, assignee_id, candidate_role, candidate_group_id, priority, due_at,
                escalate_to, approval_id, approval_level)
              VALUES (${p(id)}, ${p(org)}, ${p(instance.id)}, ${p(instance.definitionKey)}, ${p(fields.stateId)},
                ${p(fields.title)}, ${p(fields.formKey)}, ${version}, ${p(fields.completeEvent)},
                ${p(fields.assigneeId)}::uuid, ${p(fields.candidateRole)}, ${p(fields.candidateGroupId)}::uuid,
                ${p(fields.priority ?? 0)}, ${p(fields.dueAt ?? null)}::timestamptz, ${p(fields.escalateTo ?? null)},
                ${p(fields.approvalId ?? null)}::uuid, ${p(fields.approvalLevel ?? null)}::int)`;
    });
    if (fields.dueAt) {
      const timers = deadlineTimers(
        { id, organizationId: org, instanceId: instance.id },
        ctx.now,
        fields.dueAt,
      );
      ctx.writes.add(
        { table: 'timers', kind: 'insert' },
        (p) =>
          `INSERT INTO timers (organization_id, instance_id, task_id, kind, timer_id, event, due_at) VALUES ` +
          timers
            .map(
              (t) =>
                `(${p(t.organizationId)}, ${p(t.instanceId)}, ${p(t.taskId)}, ${p(t.kind)}, ${p(t.timerId)}, ` +
                `${p(JSON.stringify(t.event))}::jsonb, ${p(t.dueAt)}::timestamptz)`,
            )
            .join(', '),
      );
    }
    ctx.taskChanges.push({ organizationId: org, id, change: 'opened' });
    return id;
  }

  async insert(ctx: StepContext, instance: ProcessInstance, fields: NewTaskFields): Promise<string> {
    const id = await this.queueInsert(ctx, instance, fields);
    await ctx.flush();
    return id;
  }

  /**
   * Queues closing the selected open tasks and cancelling their deadlines; the ids come back with
   * the flush. Tasks this batch already updates are left out (one statement may not update a row twice).
   */
  async queueClose(
    ctx: StepContext,
    selection: TaskSelection,
    status: Exclude<TaskStatus, 'open'>,
    onClosed?: (ids: string[]) => void,
  ): Promise<void> {
    if (ctx.writes.needsFlush('tasks') || ctx.writes.needsFlush('timers')) await ctx.flush();
    const skip = ctx.writes.touched('tasks');
    const closed = ctx.writes.add(
      { table: 'tasks', kind: 'update' },
      (p) =>
        `UPDATE tasks SET status = ${p(status)}, version = version + 1
          WHERE status = 'open' AND ${selectionSql(selection, p)}
                ${skip.length ? `AND NOT (id = ANY(${p(skip)}::uuid[]))` : ''}
          RETURNING id, organization_id`,
      (rows) => {
        for (const r of rows)
          ctx.taskChanges.push({
            organizationId: String(r.organization_id),
            id: String(r.id),
            change: status === 'completed' ? 'completed' : 'cancelled',
          });
        onClosed?.(rows.map((r) => String(r.id)));
      },
    );
    ctx.writes.add(
      { table: 'timers', kind: 'update' },
      () =>
        `UPDATE timers SET status = 'cancelled'
          WHERE status = 'scheduled' AND task_id IN (SELECT id FROM ${closed})`,
    );
  }

  async close(
    ctx: StepContext,
    selection: TaskSelection,
    status: Exclude<TaskStatus, 'open'>,
  ): Promise<string[]> {
    let ids: string[] = [];
    await this.queueClose(ctx, selection, status, (closed) => (ids = closed));
    await ctx.flush();
    return ids;
  }

  /** Queues the completion of one task (locked by the caller) and the cancelling of its deadlines. */
  async queueComplete(
    ctx: StepContext,
    task: Pick<Task, 'id' | 'organizationId' | 'dueAt'>,
    completion: { userId: string; completedFor?: string | null; data: unknown; version?: number },
  ): Promise<void> {
    if (ctx.writes.needsFlush('tasks') || ctx.writes.needsFlush('timers')) await ctx.flush();
    const skip = ctx.writes.touched('tasks');
    if (skip.includes(task.id)) await ctx.flush();
    ctx.writes.add(
      { table: 'tasks', kind: 'update', touches: [task.id] },
      (p) =>
        `UPDATE tasks SET status = 'completed', data = ${p(JSON.stringify(completion.data ?? null))}::jsonb,
                completed_by = ${p(completion.userId)}::uuid, completed_for = ${p(completion.completedFor ?? null)}::uuid,
                completed_at = now(), version = version + 1
          WHERE id = ${p(task.id)} AND status = 'open'
                ${completion.version !== undefined ? `AND version = ${p(completion.version)}` : ''}`,
    );
    // Reminder and escalation timers exist only for tasks with a due date.
    if (task.dueAt !== null)
      ctx.writes.add(
        { table: 'timers', kind: 'update' },
        (p) =>
          `UPDATE timers SET status = 'cancelled' WHERE task_id = ${p(task.id)} AND status = 'scheduled'`,
      );
    ctx.taskChanges.push({ organizationId: task.organizationId, id: task.id, change: 'completed' });
  }

  /** Marks one open task completed with `data` (an approval decision taken on it). */
  async complete(ctx: StepContext, taskId: string, userId: string, data: unknown): Promise<void> {
    await ctx.flush();
    const [row] = await ctx.tx
      .query(
        `UPDATE tasks SET status = 'completed', completed_by = $2, completed_at = now(), data = $3::jsonb,
              version = version + 1
        WHERE id = $1 AND status = 'open' RETURNING organization_id, due_at`,
        [taskId, userId, JSON.stringify(data)],
      )
      .then((result: [Array<{ organization_id: string }>, number]) => result[0]);
    // Only a task that was still open changed (the chain may complete a decider's task once).
    if (!row) return;
    await ctx.tx.query(`UPDATE timers SET status = 'cancelled' WHERE task_id = $1 AND status = 'scheduled'`, [
      taskId,
    ]);
    ctx.taskChanges.push({ organizationId: row.organization_id, id: taskId, change: 'completed' });
  }
}

/** The WHERE clause of a selection (on tasks). */
function selectionSql(selection: TaskSelection, p: Param): string {
  if ('ids' in selection) return `id = ANY(${p(selection.ids)}::uuid[])`;
  if ('approvalId' in selection) {
    return selection.level
      ? `approval_id = ${p(selection.approvalId)} AND approval_level = ${p(selection.level)}`
      : `approval_id = ${p(selection.approvalId)}`;
  }
  if (selection.stateId !== undefined)
    return `instance_id = ${p(selection.instanceId)} AND state_id = ${p(selection.stateId)} AND approval_id IS NULL`;
  return `instance_id = ${p(selection.instanceId)}`;
}
