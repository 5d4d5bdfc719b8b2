import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrailService } from '../audit/audit-trail.service';
import type { Principal } from '../identity/auth/principal';
import { User } from '../identity/user.entity';
import { scheduleTaskDeadlines } from '../workflow/task-deadlines';
import { Task } from '../workflow/task.entity';
import { TasksService } from '../workflow/tasks.service';
import { inTransaction } from '../workflow/transaction';
import { TaskComment } from './task-comment.entity';

/** Assign, delegate, re-date and comment on tasks; each change is one transaction with its history record. */
@Injectable()
export class TaskActionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
    private readonly audit: AuditTrailService,
  ) {}

  /** A manager gives the task to someone (ending any delegation). */
  async assign(user: Principal, id: string, userId: string) {
    await this.tasks.independence.check(user.organizationId, user, id, userId, 'assign');
    return this.tasks.mutate(user.organizationId, user, id, 'updated', async (tx, task) => {
      await this.requireUser(tx, user.organizationId, userId);
      await tx
        .getRepository(Task)
        .update({ id }, { assigneeId: userId, delegateId: null, version: task.version + 1 });
      return {
        updated: { ...task, assigneeId: userId, delegateId: null, version: task.version + 1 },
        history: {
          kind: 'task.assigned',
          payload: { assigneeId: userId, previousAssigneeId: task.assigneeId },
        },
      };
    });
  }

  /** The assignee lets someone complete the task for them; they stay accountable. `null` ends it. */
  async delegate(user: Principal, id: string, userId: string | null) {
    if (userId) await this.tasks.independence.check(user.organizationId, user, id, userId, 'delegate');
    return this.tasks.mutate(user.organizationId, user, id, 'updated', async (tx, task) => {
      if (task.assigneeId !== user.userId)
        throw new ForbiddenException({ message: 'Only the assignee may delegate this task.' });
      if (task.approvalId)
        throw new BadRequestException({
          message: 'Approval decisions are personal; they cannot be delegated.',
        });
      if (userId === user.userId)
        throw new BadRequestException({ message: 'You cannot delegate a task to yourself.' });
      if (userId) await this.requireUser(tx, user.organizationId, userId);
      await tx.getRepository(Task).update({ id }, { delegateId: userId, version: task.version + 1 });
      return {
        updated: { ...task, delegateId: userId, version: task.version + 1 },
        history: {
          kind: userId ? 'task.delegated' : 'task.delegation-ended',
          payload: { delegateId: userId, assigneeId: task.assigneeId },
        },
      };
    });
  }

  /** A manager moves the due date; the reminder and escalation move with it. */
  setDue(user: Principal, id: string, dueAt: string | null) {
    return this.tasks.mutate(user.organizationId, user, id, 'updated', async (tx, task) => {
      const due = dueAt ? new Date(dueAt) : null;
      const [{ now }] = await tx.query('SELECT now() AS now');
      await tx.getRepository(Task).update({ id }, { dueAt: due, version: task.version + 1 });
      await scheduleTaskDeadlines(tx, task, new Date(now), due);
      return {
        updated: { ...task, dueAt: due, version: task.version + 1 },
        history: { kind: 'task.due-changed', payload: { dueAt: due, previousDueAt: task.dueAt } },
      };
    });
  }

  async comments(user: Principal, id: string) {
    await this.tasks.findVisible(user.organizationId, user, id);
    const rows = await this.dataSource
      .getRepository(TaskComment)
      .createQueryBuilder('c')
      .leftJoin(User, 'u', 'u.id = c.author_id')
      .addSelect('u.name', 'author_name')
      .where('c.task_id = :id AND c.organization_id = :org', { id, org: user.organizationId })
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getRawAndEntities();
    return { items: rows.entities.map((c, i) => commentView(c, rows.raw[i].author_name ?? null)) };
  }

  async addComment(user: Principal, id: string, body: string) {
    const task = await this.tasks.findVisible(user.organizationId, user, id);
    const comment = await inTransaction(this.dataSource, async (tx) => {
      const saved = await tx
        .getRepository(TaskComment)
        .save({ organizationId: user.organizationId, taskId: id, authorId: user.userId, body });
      await this.audit.append(tx, [
        {
          organizationId: user.organizationId,
          instanceId: task.instanceId,
          kind: 'task.commented',
          actorId: user.userId,
          payload: { taskId: id, commentId: saved.id, body },
        },
      ]);
      return saved;
    });
    return commentView(comment, user.name);
  }

  private async requireUser(tx: EntityManager, organizationId: string, userId: string): Promise<void> {
    const exists = await tx.getRepository(User).existsBy({ id: userId, organizationId, active: true });
    if (!exists) throw new NotFoundException({ message: 'User not found.' });
  }
}

function commentView(c: TaskComment, authorName: string | null) {
  return {
    id: c.id,
    taskId: c.taskId,
    authorId: c.authorId,
    authorName,
    body: c.body,
    createdAt: c.createdAt,
  };
}
