import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrailService } from '../audit/audit-trail.service';
import type { Principal } from '../identity/auth/principal';
import { ProcessRuntime } from './process-runtime.service';
import { Task } from './task.entity';
import { inTransaction } from './transaction';

const MANAGERS = ['admin', 'aims-manager'];

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
    candidateRole: t.candidateRole,
    candidateGroupId: t.candidateGroupId,
    priority: t.priority,
    dueAt: t.dueAt,
    createdAt: t.createdAt,
    completedAt: t.completedAt,
    completedBy: t.completedBy,
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
  ) {}

  async get(organizationId: string, user: Principal, id: string) {
    const task = await this.dataSource.getRepository(Task).findOneBy({ id, organizationId });
    if (!task || !(await this.canSee(task, user))) throw new NotFoundException({ message: 'Task not found.' });
    return taskView(task);
  }

  /** A candidate (by role or group) takes an unassigned open task. */
  async claim(organizationId: string, user: Principal, id: string) {
    return inTransaction(this.dataSource, async (tx) => {
      const task = await tx.getRepository(Task).findOne({ where: { id, organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!task) throw new NotFoundException({ message: 'Task not found.' });
      if (task.status !== 'open') throw new ConflictException({ message: `The task is already ${task.status}.` });
      if (task.assigneeId) {
        throw new ConflictException({ message: task.assigneeId === user.userId ? 'You already hold this task.' : 'Someone else holds this task.' });
      }
      if (!(await this.runtime.isCandidate(tx, task, user))) {
        throw new ForbiddenException({ message: 'You are not a candidate for this task.' });
      }
      await tx.getRepository(Task).update({ id }, { assigneeId: user.userId, version: task.version + 1 });
      await this.audit.append(tx, [
        { organizationId, instanceId: task.instanceId, kind: 'task.claimed', actorId: user.userId, payload: { taskId: id } },
      ]);
      return taskView({ ...task, assigneeId: user.userId, version: task.version + 1 });
    });
  }

  /** Hands a claimed task back to its candidates. */
  async unclaim(organizationId: string, user: Principal, id: string) {
    return inTransaction(this.dataSource, async (tx) => {
      const task = await tx.getRepository(Task).findOne({ where: { id, organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!task) throw new NotFoundException({ message: 'Task not found.' });
      if (task.status !== 'open') throw new ConflictException({ message: `The task is already ${task.status}.` });
      const isManager = user.roles.some((r) => MANAGERS.includes(r));
      if (task.assigneeId !== user.userId && !isManager) throw new ForbiddenException({ message: 'You do not hold this task.' });
      if (!task.candidateRole && !task.candidateGroupId) {
        throw new ConflictException({ message: 'This task was assigned directly; it has no candidates to return to.' });
      }
      await tx.getRepository(Task).update({ id }, { assigneeId: null, version: task.version + 1 });
      await this.audit.append(tx, [
        { organizationId, instanceId: task.instanceId, kind: 'task.unclaimed', actorId: user.userId, payload: { taskId: id } },
      ]);
      return taskView({ ...task, assigneeId: null, version: task.version + 1 });
    });
  }

  async complete(organizationId: string, user: Principal, id: string, data: unknown) {
    return taskView(await this.runtime.completeTask(organizationId, user, id, data));
  }

  private async canSee(task: Task, user: Principal): Promise<boolean> {
    if (task.assigneeId === user.userId) return true;
    if (user.roles.some((r) => [...MANAGERS, 'internal-auditor', 'external-auditor'].includes(r))) return true;
    return this.runtime.isCandidate(this.dataSource.manager, task, user);
  }
}
