import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AllowedActions } from '../approvals/allowed-actions';
import type { Principal } from '../identity/auth/principal';
import { TasksService } from '../workflow/tasks.service';
import { inTransaction } from '../workflow/transaction';

/** A draft is work in progress, not a document store: the biggest one accepted, as UTF-8 JSON. */
export const MAX_DRAFT_BYTES = 256 * 1024;

export interface DraftView {
  data: Record<string, unknown>;
  updatedAt: string;
}

/**
 * The drafts people keep of a task form while they work on it: one per task and person, never validated
 * against the form (half-filled is the point). Only someone who may complete the task now saves one;
 * a task's drafts are deleted by a trigger in the statement that closes it (migration 1764470000000),
 * a manual cancel and a migration included.
 */
@Injectable()
export class TaskDrafts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
  ) {}

  async get(user: Principal, taskId: string): Promise<DraftView> {
    await this.tasks.findVisible(user.organizationId, user, taskId);
    const [row] = await this.dataSource.query(
      `SELECT d.data, d.updated_at FROM task_drafts d JOIN tasks t ON t.id = d.task_id AND t.status = 'open'
        WHERE d.organization_id = $1 AND d.task_id = $2 AND d.user_id = $3`,
      [user.organizationId, taskId, user.userId],
    );
    if (!row) throw new NotFoundException({ message: 'You have no draft of this task.' });
    return { data: row.data, updatedAt: new Date(row.updated_at).toISOString() };
  }

  async save(user: Principal, taskId: string, data: Record<string, unknown>): Promise<DraftView> {
    const json = JSON.stringify(data);
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes > MAX_DRAFT_BYTES)
      throw new PayloadTooLargeException({
        message: `The draft is ${Math.ceil(bytes / 1024)} KB; a draft may be at most ${MAX_DRAFT_BYTES / 1024} KB.`,
      });
    const task = await this.tasks.findVisible(user.organizationId, user, taskId);
    if (task.status !== 'open')
      throw new ConflictException({ message: `The task is already ${task.status}; it keeps no drafts.` });
    const actions = await new AllowedActions(this.dataSource.manager, user).forTask(task);
    // The same answer the task page shows: complete (or, on an approval task, decide) is allowed now.
    const acting = actions.filter((a) => a.action !== 'claim' && a.action !== 'unclaim');
    if (!acting.some((a) => a.allowed))
      throw new ForbiddenException({
        message: `You cannot save a draft of this task: ${acting[0]?.reason ?? 'you may not complete it.'}`,
      });
    // The task row lock makes the upsert wait for a completion in flight, which then leaves it closed.
    return inTransaction(this.dataSource, async (tx) => {
      const [open] = await tx.query(`SELECT status FROM tasks WHERE id = $1 FOR SHARE`, [taskId]);
      if (open?.status !== 'open')
        throw new ConflictException({ message: `The task is already ${open?.status ?? 'closed'}.` });
      const [row] = await tx.query(
        `INSERT INTO task_drafts (organization_id, task_id, user_id, data, updated_at)
         VALUES ($1, $2, $3, $4::jsonb, now())
         ON CONFLICT (organization_id, task_id, user_id) DO UPDATE SET data = EXCLUDED.data, updated_at = now()
         RETURNING data, updated_at`,
        [user.organizationId, taskId, user.userId, json],
      );
      return { data: row.data, updatedAt: new Date(row.updated_at).toISOString() };
    });
  }

  async discard(user: Principal, taskId: string): Promise<void> {
    await this.tasks.findVisible(user.organizationId, user, taskId);
    await this.dataSource.query(
      `DELETE FROM task_drafts WHERE organization_id = $1 AND task_id = $2 AND user_id = $3`,
      [user.organizationId, taskId, user.userId],
    );
  }
}
