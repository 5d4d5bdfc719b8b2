import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AllowedActions } from '../approvals/allowed-actions';
import { AuditTrailService } from '../audit/audit-trail.service';
import type { Principal } from '../identity/auth/principal';
import { ProcessRuntime } from './process-runtime';
import { Task } from './task.entity';
import { TaskIndependence } from './task-independence';
import { TaskEvents, type TaskChangeKind } from './task-events.service';
import { inTransaction } from './transaction';

export const MANAGERS = ['admin', 'aims-manager'];
const READ_ALL = [...MANAGERS, 'internal-auditor', 'external-auditor'];

export function taskView(t: Task) {
  return {
    id: t.id,
    instanceId: t.instanceId,
    stateId: t.stateId,
    title: t.title,
    formKey: t.formKey,
    formVersion: t.formVersion,
    status: t.status,
    assigneeId: t.assigneeId,
    delegateId: t.delegateId,
    definitionKey: t.definitionKey,
    approvalId: t.approvalId,
    candidateRole: t.candidateRole,
    candidateGroupId: t.candidateGroupId,
    priority: t.priority,
    dueAt: t.dueAt,
    createdAt: t.createdAt,
    completedAt: t.completedAt,
    completedBy: t.completedBy,
    completedFor: t.completedFor,
    data: t.data,
  };
}

/** Claiming and reading tasks; completion goes through the ProcessRuntime (it steps the instance). */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: ProcessRuntime,
    private readonly audit: AuditTrailService,
    private readonly events: TaskEvents,
    readonly independence: TaskIndependence,
  ) {}

  /**
   * One change to one open task in one transaction: lock it, let `change` check and write, append its
   * history, and publish the change to live inboxes after commit.
   */
  async mutate(
    organizationId: string,
    user: Principal,
    id: string,
    kind: TaskChangeKind,
    change: (
      tx: EntityManager,
      task: Task,
    ) => Promise<{ updated: Task; history: { kind: string; payload: object } }>,
  ) {
    const result = await inTransaction(this.dataSource, async (tx) => {
      const task = await tx
        .getRepository(Task)
        .findOne({ where: { id, organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!task) throw new NotFoundException({ message: 'Task not found.' });
      if (task.status !== 'open')
        throw new ConflictException({ message: `The task is already ${task.status}.` });
      const { updated, history } = await change(tx, task);
      await this.audit.append(tx, [
        {
          organizationId,
          instanceId: task.instanceId,
          kind: history.kind,
          actorId: user.userId,
          payload: { taskId: id, ...history.payload },
        },
      ]);
      await this.events.stage(tx, [{ organizationId, id, change: kind }]);
      return updated;
    });
    this.events.committed([{ organizationId, id, change: kind }]);
    return taskView(result);
  }

  /** The task with what this user may do with it (`allowedActions`, with the reason when not). */
  async get(organizationId: string, user: Principal, id: string) {
    const task = await this.dataSource.getRepository(Task).findOneBy({ id, organizationId });
    if (!task || !(await this.canSee(task, user)))
      throw new NotFoundException({ message: 'Task not found.' });
    const allowed = await new AllowedActions(this.dataSource.manager, user).forTask(task);
    const allowedActions = await this.independence.annotate(this.dataSource.manager, task, user, allowed);
    return { ...taskView(task), allowedActions };
  }

  /** A candidate (by role or group) takes an unassigned open task. */
  async claim(organizationId: string, user: Principal, id: string) {
    await this.independence.check(organizationId, user, id, user.userId, 'claim');
    return this.mutate(organizationId, user, id, 'claimed', async (tx, task) => {
      if (task.assigneeId) {
        throw new ConflictException({
          message:
            task.assigneeId === user.userId ? 'You already hold this task.' : 'Someone else holds this task.',
        });
      }
      if (!(await this.runtime.isCandidate(tx, task, user))) {
        throw new ForbiddenException({ message: 'You are not a candidate for this task.' });
      }
      await tx.getRepository(Task).update({ id }, { assigneeId: user.userId, version: task.version + 1 });
      return {
        updated: { ...task, assigneeId: user.userId, version: task.version + 1 },
        history: { kind: 'task.claimed', payload: {} },
      };
    });
  }

  /** Hands a claimed task back to its candidates (a delegation ends with it). */
  async unclaim(organizationId: string, user: Principal, id: string) {
    return this.mutate(organizationId, user, id, 'updated', async (tx, task) => {
      const isManager = user.roles.some((r) => MANAGERS.includes(r));
      if (task.assigneeId !== user.userId && !isManager)
        throw new ForbiddenException({ message: 'You do not hold this task.' });
      if (!task.candidateRole && !task.candidateGroupId) {
        throw new ConflictException({
          message: 'This task was assigned directly; it has no candidates to return to.',
        });
      }
      await tx
        .getRepository(Task)
        .update({ id }, { assigneeId: null, delegateId: null, version: task.version + 1 });
      return {
        updated: { ...task, assigneeId: null, delegateId: null, version: task.version + 1 },
        history: { kind: 'task.unclaimed', payload: {} },
      };
    });
  }

  async complete(organizationId: string, user: Principal, id: string, data: unknown) {
    await this.independence.check(organizationId, user, id, user.userId, 'complete');
    const completed = await this.runtime.completeTask(organizationId, user, id, data);
    return { ...taskView(completed), nextTasks: completed.nextTasks ?? [] };
  }

  /** The task, when this user may see it (else 404, like another organisation's task). */
  async findVisible(organizationId: string, user: Principal, id: string): Promise<Task> {
    const task = await this.dataSource.getRepository(Task).findOneBy({ id, organizationId });
    if (!task || !(await this.canSee(task, user)))
      throw new NotFoundException({ message: 'Task not found.' });
    return task;
  }

  private async canSee(task: Task, user: Principal): Promise<boolean> {
    if (task.assigneeId === user.userId || task.delegateId === user.userId) return true;
    if (user.roles.some((r) => READ_ALL.includes(r))) return true;
    return this.runtime.isCandidate(this.dataSource.manager, task, user);
  }
}
