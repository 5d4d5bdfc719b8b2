import { Injectable, NotFoundException } from '@nestjs/common';
import { forEachState, type MachineConfig } from '@aimsflow/engine';
import { DataSource } from 'typeorm';
import { HistoryRecord } from '../audit/history-record.entity';
import { User } from '../identity/user.entity';
import type { Principal } from '../identity/auth/principal';
import { decodeCursor, encodeCursor } from '../platform/pagination/cursor';
import { keysetTimestamp } from '../platform/pagination/keyset-sql';
import { canReadInstance } from './instance-access';
import { ProcessInstance } from './process-instance.entity';
import { ProcessRuntime } from './process-runtime';
import { Task } from './task.entity';
import { taskView } from './tasks.service';
import type { ListInstancesQuery } from './workflow.dto';

/** Who may send an instance events by hand (the events route's roles). */
export const EVENT_SENDERS: readonly string[] = ['admin', 'aims-manager'];

const words = (id: string) => {
  const last = id.split('.').at(-1) ?? id;
  const text = last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/**
 * Every state of a definition named for people: its description, else its task's title, else its
 * parent's name, else its id in words ("signingOff" → "Signing off"). Never a dotted state id.
 */
export function stepNames(machine: MachineConfig, key: string): Record<string, string> {
  const names: Record<string, string> = {};
  forEachState(machine, key, (state, stateId, path) => {
    if (path.length === 0) return;
    const meta = (state.meta ?? {}) as { description?: unknown; task?: { title?: unknown } };
    const parent = names[stateId.split('.').slice(0, -1).join('.')];
    const own =
      typeof meta.description === 'string'
        ? meta.description
        : typeof meta.task?.title === 'string'
          ? meta.task.title
          : null;
    names[stateId] = own ?? parent ?? words(stateId);
  });
  return names;
}

function summary(i: ProcessInstance) {
  return {
    id: i.id,
    definitionKey: i.definitionKey,
    definitionVersion: i.definitionVersion,
    businessKey: i.businessKey,
    state: i.stateValue,
    status: i.status,
    outcome: i.outcome,
    parentId: i.parentId,
    version: i.version,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    endedAt: i.endedAt,
  };
}

/** Read side of process instances: views, lists and history. */
@Injectable()
export class InstancesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: ProcessRuntime,
  ) {}

  /** `get` for someone who may only read the instances they take part in (404 otherwise, as if absent). */
  async getFor(user: Principal, id: string) {
    await this.assertReadable(user, id);
    return this.get(user.organizationId, id, user);
  }

  async historyFor(user: Principal, id: string) {
    await this.assertReadable(user, id);
    return this.history(user.organizationId, id);
  }

  private async assertReadable(user: Principal, id: string): Promise<void> {
    if (!(await canReadInstance(this.dataSource.manager, user, id)))
      throw new NotFoundException({ message: 'Process instance not found.' });
  }

  /**
   * The instance with its open tasks and children; for a `viewer` who may send events (see
   * EVENT_SENDERS), also the hand-sent actions its active states offer now.
   */
  async get(organizationId: string, id: string, viewer?: Principal) {
    const instance = await this.dataSource.getRepository(ProcessInstance).findOneBy({ id, organizationId });
    if (!instance) throw new NotFoundException({ message: 'Process instance not found.' });
    const mayAct = viewer?.roles.some((role) => EVENT_SENDERS.includes(role)) ?? false;
    const [definition, openTasks, children] = await Promise.all([
      this.runtime.definitionOf(instance),
      this.dataSource
        .getRepository(Task)
        .find({ where: { instanceId: id, status: 'open' }, order: { createdAt: 'ASC' } }),
      this.dataSource.getRepository(ProcessInstance).find({
        where: { parentId: id },
        order: { createdAt: 'ASC' },
        select: {
          id: true,
          definitionKey: true,
          definitionVersion: true,
          status: true,
          stateValue: true,
          outcome: true,
          businessKey: true,
          input: true,
        },
        take: 500,
      }),
    ]);
    return {
      ...summary(instance),
      definitionName: definition.name,
      stepNames: stepNames(definition.machine as MachineConfig, definition.key),
      context: (instance.snapshot as { context?: unknown }).context ?? null,
      input: instance.input,
      output: instance.output,
      openTasks: openTasks.map(taskView),
      actions: mayAct ? this.runtime.offeredActions(instance, definition) : [],
      children: children.map((c) => ({
        id: c.id,
        definitionKey: c.definitionKey,
        definitionVersion: c.definitionVersion,
        status: c.status,
        state: c.stateValue,
        outcome: c.outcome,
        input: c.input,
      })),
    };
  }

  async list(organizationId: string, query: ListInstancesQuery) {
    const limit = query.limit ?? 50;
    const qb = this.dataSource
      .getRepository(ProcessInstance)
      .createQueryBuilder('i')
      .where('i.organization_id = :organizationId', { organizationId })
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .take(limit + 1);
    if (query.definitionKey) qb.andWhere('i.definition_key = :key', { key: query.definitionKey });
    if (query.status) qb.andWhere('i.status = :status', { status: query.status });
    if (query.businessKey) qb.andWhere('i.business_key = :bk', { bk: query.businessKey });
    if (query.cursor) {
      // created_at has microseconds: the cursor carries its exact text, compared at the same precision.
      const [createdAt, id] = decodeCursor(query.cursor, ['timestamp', 'uuid']);
      qb.andWhere('(i.created_at, i.id) < (CAST(:createdAt AS timestamptz), CAST(:id AS uuid))', {
        createdAt,
        id,
      });
    }
    qb.addSelect(keysetTimestamp('i.created_at'), 'cursor_created_at');
    const { entities: rows, raw } = await qb.getRawAndEntities<{ i_id: string; cursor_created_at: string }>();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const lastCreatedAt = last && raw.find((r) => r.i_id === last.id)?.cursor_created_at;
    return {
      items: page.map(summary),
      nextCursor: rows.length > limit && last ? encodeCursor([lastCreatedAt, last.id]) : null,
    };
  }

  async history(organizationId: string, instanceId: string) {
    const exists = await this.dataSource
      .getRepository(ProcessInstance)
      .existsBy({ id: instanceId, organizationId });
    if (!exists) throw new NotFoundException({ message: 'Process instance not found.' });
    const rows = await this.dataSource
      .getRepository(HistoryRecord)
      .createQueryBuilder('h')
      .leftJoin(User, 'u', 'u.id = h.actor_id')
      .addSelect('u.name', 'actor_name')
      .where('h.organization_id = :organizationId AND h.instance_id = :instanceId', {
        organizationId,
        instanceId,
      })
      .orderBy('h.seq', 'ASC')
      .getRawAndEntities();
    return {
      items: rows.entities.map((h, i) => ({
        seq: Number(h.seq),
        kind: h.kind,
        eventType: h.eventType,
        actorId: h.actorId,
        actorName: rows.raw[i].actor_name ?? null,
        createdAt: h.createdAt,
        stateBefore: h.stateBefore,
        stateAfter: h.stateAfter,
        payload: h.payload,
        prevHash: h.prevHash,
        hash: h.hash,
      })),
    };
  }
}
