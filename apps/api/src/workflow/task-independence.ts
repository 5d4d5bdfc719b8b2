import { ForbiddenException, Injectable, OnModuleInit } from '@nestjs/common';
import { forEachState } from '@aimsflow/engine';
import { DataSource, type EntityManager } from 'typeorm';
import type { AllowedAction } from '../approvals/allowed-actions';
import { AuditTrailService } from '../audit/audit-trail.service';
import type { Principal } from '../identity/auth/principal';
import { DefinitionChecks } from './definition-checks';
import { ProcessInstance } from './process-instance.entity';
import { isContextPathList, StateMetaReader, stringsAt } from './state-meta';
import { Task } from './task.entity';
import { inTransaction } from './transaction';

/** `meta.task.independence`: context paths of the people kept out, and of the areas (clause and control ids) audited. */
export interface IndependenceRule {
  people?: string[];
  scope?: string[];
}

/** Someone who owns or authored a record about an area, as one register knows it. */
export interface AreaOwnership {
  area: string;
  /** Where that comes from, in words: `owner of the SoA row`, `author of a risks record`. */
  as: string;
}

/**
 * Answers which areas among `scope` (ids such as `6.1` or `A.6.2.4`; an id covers the ids below it)
 * `personId` owns or authored. The registers feature registers one; the workflow feature knows none.
 */
export type AreaOwnershipSource = (
  tx: EntityManager,
  organizationId: string,
  scope: string[],
  personId: string,
) => Promise<AreaOwnership[]>;

export type IndependentAction = 'claim' | 'complete' | 'assign' | 'delegate';

/**
 * Independence of audit work (9.2.2 c): on a task whose state declares `meta.task.independence`, the
 * server refuses to let anyone claim, be assigned, be delegated or complete it who is named at one of
 * the `people` paths (e.g. the auditees) or who owns or authored a register record about an area in
 * `scope` (the ownership sources answer that). A refusal is a 403 with the reason and is recorded in
 * the instance's audit trail as `task.refused`, in a transaction of its own so it stays when the
 * request fails. Validated at deploy: both lists must be `context.…` paths.
 */
@Injectable()
export class TaskIndependence implements OnModuleInit {
  private readonly states = new StateMetaReader();
  private readonly sources: AreaOwnershipSource[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrailService,
    private readonly checks: DefinitionChecks,
  ) {}

  onModuleInit(): void {
    this.checks.register(async (_tx, _org, key, machine) => {
      const errors: string[] = [];
      forEachState(machine, key, (state, stateId) => {
        const rule = (state.meta as { task?: { independence?: unknown } } | undefined)?.task?.independence;
        if (rule === undefined) return;
        const { people, scope } = (rule ?? {}) as Record<string, unknown>;
        const ok =
          typeof rule === 'object' &&
          rule !== null &&
          (people === undefined || isContextPathList(people)) &&
          (scope === undefined || isContextPathList(scope)) &&
          (people !== undefined || scope !== undefined);
        if (!ok)
          errors.push(
            `state ${stateId}: meta.task.independence must be { people?: ["context.…"], scope?: ["context.…"] } with at least one list`,
          );
      });
      return errors;
    });
  }

  addOwnershipSource(source: AreaOwnershipSource): void {
    if (!this.sources.includes(source)) this.sources.push(source);
  }

  /** Refuses (403, recorded) when `personId` may not do this task's work; `actor` is who asked. */
  async check(
    organizationId: string,
    actor: Principal,
    taskId: string,
    personId: string,
    action: IndependentAction,
  ): Promise<void> {
    // Every claim and completion passes here: one light read (no snapshot) decides whether the
    // task's state declares independence at all; only audit work pays for the rest.
    const [head]: Array<{
      status: string;
      approval_id: string | null;
      state_id: string;
      definition_id: string;
    }> = await this.dataSource.query(
      `SELECT t.status, t.approval_id, t.state_id, i.definition_id
           FROM tasks t JOIN process_instances i ON i.id = t.instance_id
          WHERE t.id = $1 AND t.organization_id = $2`,
      [taskId, organizationId],
    );
    if (!head || head.status !== 'open' || head.approval_id) return; // the action itself answers 404 / 409
    const meta = await this.states.metaOf(this.dataSource.manager, head.definition_id, head.state_id);
    if (!(meta?.task as { independence?: unknown } | undefined)?.independence) return;
    const task = await this.dataSource.getRepository(Task).findOneBy({ id: taskId, organizationId });
    if (!task || task.status !== 'open') return;
    const reason = await this.conflict(this.dataSource.manager, task, personId, personId === actor.userId);
    if (!reason) return;
    await inTransaction(this.dataSource, (tx) =>
      this.audit.append(tx, [
        {
          organizationId,
          instanceId: task.instanceId,
          kind: 'task.refused',
          actorId: actor.userId,
          payload: { taskId, action, personId, reason },
        },
      ]),
    );
    throw new ForbiddenException({ message: reason, code: 'not-independent' });
  }

  /** `allowedActions` with claim and complete refused, and why, when the user is not independent. */
  async annotate(tx: EntityManager, task: Task, user: Principal, actions: AllowedAction[]) {
    if (task.status !== 'open' || task.approvalId) return actions;
    if (!actions.some((a) => (a.action === 'claim' || a.action === 'complete') && a.allowed)) return actions;
    const reason = await this.conflict(tx, task, user.userId, true);
    if (!reason) return actions;
    return actions.map((a) =>
      (a.action === 'claim' || a.action === 'complete') && a.allowed
        ? { action: a.action, allowed: false, reason }
        : a,
    );
  }

  /** Why `personId` is not independent of this task's work, or null. */
  async conflict(tx: EntityManager, task: Task, personId: string, self: boolean): Promise<string | null> {
    if (task.approvalId) return null;
    const instance = await tx.getRepository(ProcessInstance).findOneBy({ id: task.instanceId });
    if (!instance) return null;
    const meta = await this.states.metaOf(tx, instance.definitionId, task.stateId);
    const rule = (meta?.task as { independence?: IndependenceRule } | undefined)?.independence;
    if (!rule) return null;
    const context = (instance.snapshot as { context?: unknown } | null)?.context ?? {};
    const who = self ? 'You are' : 'This person is';
    if ((rule.people ?? []).some((path) => stringsAt(context, path).includes(personId)))
      return `${who} named as an auditee of this audit; nobody may audit their own area.`;
    const scope = [...new Set((rule.scope ?? []).flatMap((path) => stringsAt(context, path)))];
    if (scope.length === 0) return null;
    for (const source of this.sources) {
      const owned = await source(tx, task.organizationId, scope, personId);
      if (owned.length > 0) {
        const areas = [...new Set(owned.map((o) => `${o.area} (${o.as})`))].slice(0, 5).join(', ');
        return `${who} the owner or author of ${areas}, in the scope of this audit; nobody may audit their own work.`;
      }
    }
    return null;
  }
}
