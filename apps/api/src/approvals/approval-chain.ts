import {
  activateLevel,
  cancelChain,
  canonicalJson,
  createChain,
  decideApproval,
  mayDecide,
  sha256Hex,
  SOD_RULES,
  type ApprovalChain,
  type ApprovalLevel,
  type ChainEffect,
  type DeciderFacts,
  type Effect,
  type EngineEvent,
} from '@aimsflow/engine';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NewHistoryEntry } from '../audit/audit-trail.service';
import type { Principal } from '../identity/auth/principal';
import { Group, GroupMember } from '../identity/group.entity';
import { Approval, ApprovalDecision, type ApprovalLevelState, type Decision } from './approval.entity';

export const APPROVAL_FORM = 'approval-decision';
export const APPROVAL_TASK_EVENT = 'APPROVAL_DECISION';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the chain needs from the runtime's step transaction. */
export interface ChainHost {
  tx: EntityManager;
  now: Date;
  actorId: string | null;
  history: NewHistoryEntry[];
  /** Sends an event to an instance later in the same transaction. */
  queue(instanceId: string, event: EngineEvent, kind: string): void;
  openApprovalTask(
    approval: Approval,
    level: number,
    fields: { title: string; assigneeId?: string; candidateRole?: string; candidateGroupId?: string },
  ): Promise<void>;
  /** Closes the open tasks of a chain (all levels, or one level); returns their ids. */
  closeApprovalTasks(
    approvalId: string,
    status: 'completed' | 'cancelled',
    level?: number,
  ): Promise<string[]>;
  /** Marks one task completed with the decision as its data. */
  completeTask(taskId: string, userId: string, data: unknown): Promise<void>;
}

export interface DecisionRequest {
  decision: Decision;
  comment?: string | null;
  taskId?: string;
}

export type DecisionOutcome = { refused: string } | { refused?: undefined; approval: Approval };

type RequestApproval = Extract<Effect, { type: 'requestApproval' }>;

/** What the shell knows about the person deciding (or asking whether they may). */
interface DecisionContext {
  user?: Principal;
  request?: DecisionRequest;
}

/**
 * The I/O shell of the approval chain. The rules (levels in order, `any` / `all` / `{quorum}` per
 * level, segregation of duties, one decision per person) are the pure reducer of `@aimsflow/engine`
 * (`decideApproval`, `activateLevel`); this class locks the row, looks up the facts the rules need,
 * and carries out the effects the reducer returns.
 */
export class ApprovalChains {
  async start(
    host: ChainHost,
    instance: { id: string; organizationId: string; context: unknown },
    effect: RequestApproval,
  ) {
    const subject = effect.subject ?? null;
    const excluded = new Set((effect.excludedPeople ?? []).filter((id) => UUID.test(id)));
    // A chain that signs off the sub-processes' work (a phase gate): their completers are excluded for
    // good. The sub-processes are done by the time the chain starts, so the set is complete.
    const childCompleters = effect.excludeChildCompleters
      ? [...(await this.childCompletersOf(host, instance.id))]
      : [];
    for (const id of childCompleters) excluded.add(id);
    const created = createChain({
      stateId: effect.stateId,
      levels: effect.levels as ApprovalLevel[],
      approvedEvent: effect.approvedEvent,
      rejectedEvent: effect.rejectedEvent,
      authorId: await this.authorOf(host, instance),
      excludedUserIds: [...excluded],
    });
    const approval = host.tx.getRepository(Approval).create({
      organizationId: instance.organizationId,
      instanceId: instance.id,
      stateId: effect.stateId,
      title: effect.title?.trim().slice(0, 200) || null,
      levels: created.chain.levels,
      currentLevel: created.chain.currentLevel,
      status: created.chain.status,
      subject,
      subjectSha256: sha256Hex(canonicalJson(subject)),
      authorId: created.chain.authorId,
      excludedUserIds: created.chain.excludedUserIds,
      approvedEvent: effect.approvedEvent,
      rejectedEvent: effect.rejectedEvent,
    });
    await host.tx.getRepository(Approval).insert(approval as never);
    host.history.push({
      organizationId: instance.organizationId,
      instanceId: instance.id,
      kind: 'approval.requested',
      actorId: host.actorId,
      payload: {
        approvalId: approval.id,
        stateId: effect.stateId,
        levels: effect.levels,
        subjectSha256: approval.subjectSha256,
        authorId: approval.authorId,
        excludedUserIds: approval.excludedUserIds,
        ...(effect.excludeChildCompleters ? { childCompleters } : {}),
      },
    });
    return this.apply(host, approval, chainOf(approval, []), created.effects, {});
  }

  /** The state holding the chain was left: the chain and its open tasks end. */
  async cancel(host: ChainHost, organizationId: string, instanceId: string, stateId: string): Promise<void> {
    const pending = await host.tx
      .getRepository(Approval)
      .findBy({ organizationId, instanceId, stateId, status: 'pending' });
    for (const approval of pending) {
      const result = cancelChain(chainOf(approval, []));
      await this.apply(host, approval, result.chain, result.effects, {});
      host.history.push({
        organizationId,
        instanceId,
        kind: 'approval.cancelled',
        actorId: host.actorId,
        payload: { approvalId: approval.id },
      });
    }
  }

  /**
   * Records one decision. The approval row is locked first, so concurrent decisions are counted one
   * after another. A refusal for segregation of duties is returned (not thrown) so that the caller
   * can commit its history record before answering 403; other refusals are thrown (400, 403, 409).
   */
  async decide(
    host: ChainHost,
    user: Principal,
    approvalId: string,
    request: DecisionRequest,
  ): Promise<DecisionOutcome> {
    const { tx } = host;
    const approval = await tx.getRepository(Approval).findOne({
      where: { id: approvalId, organizationId: user.organizationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!approval) throw new NotFoundException({ message: 'Approval not found.' });
    const chain = chainOf(approval, await this.decisionsOf(tx, approvalId));
    const facts = await this.deciderFacts(host, user, approval);
    const result = decideApproval(
      chain,
      { userId: user.userId, roles: user.roles, decision: request.decision, comment: request.comment },
      facts,
    );
    const { refusal } = result;
    if (refusal) {
      if (refusal.code === 'invalid')
        throw new BadRequestException({
          message: refusal.reason,
          errors: [{ pointer: '/comment', message: 'required' }],
        });
      if (refusal.code === 'conflict') throw new ConflictException({ message: refusal.reason });
      if (!SOD_RULES.includes(refusal.rule)) throw new ForbiddenException({ message: refusal.reason });
      host.history.push({
        organizationId: approval.organizationId,
        instanceId: approval.instanceId,
        kind: 'approval.refused',
        actorId: user.userId,
        payload: {
          approvalId,
          level: approval.currentLevel,
          decision: request.decision,
          reason: refusal.reason,
          rule: refusal.rule,
        },
      });
      return { refused: refusal.reason };
    }
    return { approval: await this.apply(host, approval, result.chain, result.effects, { user, request }) };
  }

  /** Whether `user` may decide on the chain now, and why not: the reducer's rules on the same facts. */
  async mayDecide(host: Pick<ChainHost, 'tx' | 'history'>, user: Principal, approval: Approval) {
    const chain = chainOf(approval, await this.decisionsOf(host.tx, approval.id));
    return mayDecide(chain, user, await this.deciderFacts(host, user, approval));
  }

  /** Carries out the reducer's effects, then stores the chain as the reducer left it. */
  private async apply(
    host: ChainHost,
    approval: Approval,
    chain: ApprovalChain,
    effects: ChainEffect[],
    ctx: DecisionContext,
  ): Promise<Approval> {
    const queue = [...effects];
    const record = (
      kind: string,
      payload: Record<string, unknown>,
      actorId = ctx.user?.userId ?? host.actorId,
    ) =>
      host.history.push({
        organizationId: approval.organizationId,
        instanceId: approval.instanceId,
        kind,
        actorId,
        payload: { approvalId: approval.id, ...payload },
      });
    for (let effect = queue.shift(); effect; effect = queue.shift()) {
      switch (effect.type) {
        case 'recordDecision': {
          await host.tx.getRepository(ApprovalDecision).insert({
            organizationId: approval.organizationId,
            approvalId: approval.id,
            level: effect.level,
            userId: effect.userId,
            decision: effect.decision,
            comment: effect.comment,
            subjectSha256: approval.subjectSha256,
          });
          record('approval.decided', {
            level: effect.level,
            decision: effect.decision,
            comment: effect.comment,
            subjectSha256: approval.subjectSha256,
          });
          const data = { decision: effect.decision, comment: effect.comment };
          if (ctx.request?.taskId) await host.completeTask(ctx.request.taskId, effect.userId, data);
          else {
            // A personal task of this decider (a `users` level) is done too.
            const [own] = await host.tx.query(
              `SELECT id FROM tasks WHERE approval_id = $1 AND approval_level = $2 AND status = 'open' AND assignee_id = $3`,
              [approval.id, effect.level, effect.userId],
            );
            if (own) await host.completeTask(own.id, effect.userId, data);
          }
          break;
        }
        case 'levelApproved':
          record('approval.level-approved', { level: effect.level });
          break;
        case 'closeLevelTasks':
          await host.closeApprovalTasks(approval.id, effect.status, effect.level);
          break;
        case 'activateLevel': {
          const eligibleCount = await this.eligibleCount(host, approval, chain, effect.level);
          const next = activateLevel(chain, effect.level, { eligibleCount });
          chain = next.chain;
          queue.unshift(...next.effects);
          break;
        }
        case 'levelSkipped':
          record('approval.level-skipped', { level: effect.level, reason: effect.reason }, host.actorId);
          break;
        case 'openLevelTasks':
          await this.openLevelTasks(host, approval, chain, effect.level);
          break;
        case 'sendOutcome':
          host.queue(
            approval.instanceId,
            {
              type: effect.event.type,
              stateId: effect.event.stateId,
              data:
                effect.status === 'approved'
                  ? { approvalId: approval.id, subjectSha256: approval.subjectSha256 }
                  : { ...effect.event.data, approvalId: approval.id },
            },
            `approval.${effect.status}`,
          );
          break;
      }
    }
    const ended = chain.status !== 'pending' && approval.status === 'pending';
    const changes = {
      levels: chain.levels,
      currentLevel: chain.currentLevel,
      status: chain.status,
      ...(ended ? { endedAt: host.now } : {}),
    };
    await host.tx.getRepository(Approval).update({ id: approval.id }, changes);
    return Object.assign(approval, changes);
  }

  private async openLevelTasks(host: ChainHost, approval: Approval, chain: ApprovalChain, levelNo: number) {
    const level = chain.levels[levelNo - 1];
    const of = chain.levels.length;
    // A named decision with one level needs no level count.
    const title = approval.title
      ? of > 1
        ? `${approval.title} (level ${levelNo} of ${of})`
        : approval.title
      : `Approve (level ${levelNo} of ${of})`;
    // The task reads the row's current level; keep it in step before the task is opened.
    Object.assign(approval, { levels: chain.levels, currentLevel: chain.currentLevel });
    if (level.users?.length) {
      for (const userId of level.users.filter((u) => UUID.test(u)))
        await host.openApprovalTask(approval, levelNo, { title, assigneeId: userId });
    } else if (level.group) {
      const group = await this.findGroup(host.tx, approval.organizationId, level.group);
      await host.openApprovalTask(approval, levelNo, {
        title,
        candidateGroupId: group?.id,
        candidateRole: level.role,
      });
    } else {
      await host.openApprovalTask(approval, levelNo, { title, candidateRole: level.role });
    }
  }

  private async decisionsOf(tx: EntityManager, approvalId: string) {
    return tx
      .getRepository(ApprovalDecision)
      .find({ where: { approvalId }, order: { decidedAt: 'ASC', id: 'ASC' } });
  }

  /** The facts the reducer needs about one person: where they are a candidate, whether they shaped the subject. */
  private async deciderFacts(
    host: Pick<ChainHost, 'tx' | 'history'>,
    user: Principal,
    approval: Approval,
  ): Promise<DeciderFacts> {
    const candidateLevels: number[] = [];
    for (let i = 0; i < approval.levels.length; i++)
      if (await this.isCandidate(host.tx, user, approval.levels[i])) candidateLevels.push(i + 1);
    const completers = await this.completersOf(host, approval.instanceId);
    return { candidateLevels, completedStepOfSubject: completers.has(user.userId) };
  }

  /**
   * Everyone who completed a step of this instance, or was accountable for one: they shaped the
   * subject. A decision recorded as a task (an evaluation) is not authorship. Includes the records of
   * the running step that are not yet committed.
   */
  private async completersOf(
    host: Pick<ChainHost, 'tx' | 'history'>,
    instanceId: string,
  ): Promise<Set<string>> {
    const rows: { actor_id: string | null; assignee_id: string | null }[] = await host.tx.query(
      `SELECT DISTINCT actor_id, payload->>'assigneeId' AS assignee_id FROM history_records
        WHERE instance_id = $1 AND kind = 'task.completed'
          AND coalesce(payload->>'formKey', '') <> '${APPROVAL_FORM}'`,
      [instanceId],
    );
    return withPending(host, new Set([instanceId]), rows);
  }

  /**
   * Everyone who completed (or was accountable for) a step of a descendant of the instance: its
   * sub-processes, their sub-processes, … (`process_instances.parent_id`).
   */
  private async childCompletersOf(host: Pick<ChainHost, 'tx' | 'history'>, instanceId: string) {
    const rows: { instance_id: string; actor_id: string | null; assignee_id: string | null }[] =
      await host.tx.query(
        `WITH RECURSIVE descendants(id) AS (
           SELECT id FROM process_instances WHERE parent_id = $1
           UNION SELECT p.id FROM process_instances p JOIN descendants d ON p.parent_id = d.id
         )
         SELECT d.id AS instance_id, h.actor_id, h.payload->>'assigneeId' AS assignee_id
           FROM descendants d
           LEFT JOIN history_records h ON h.instance_id = d.id AND h.kind = 'task.completed'
                AND coalesce(h.payload->>'formKey', '') <> '${APPROVAL_FORM}'`,
        [instanceId],
      );
    return withPending(host, new Set(rows.map((r) => r.instance_id)), rows);
  }

  private async isCandidate(tx: EntityManager, user: Principal, level: ApprovalLevelState): Promise<boolean> {
    if (level.users?.length) return level.users.includes(user.userId);
    if (level.group) {
      const group = await this.findGroup(tx, user.organizationId, level.group);
      return (
        !!group && (await tx.getRepository(GroupMember).existsBy({ groupId: group.id, userId: user.userId }))
      );
    }
    return !!level.role && user.roles.includes(level.role as never);
  }

  /**
   * The people who could decide at a level: active candidates, minus internal auditors, the author, the
   * excluded people, everyone who completed a step of the subject and everyone who already decided.
   */
  private async eligibleCount(
    host: ChainHost,
    approval: Approval,
    chain: ApprovalChain,
    levelNo: number,
  ): Promise<number> {
    const { tx } = host;
    const level = chain.levels[levelNo - 1];
    const excluded = new Set<string>([
      ...chain.decisions.map((d) => d.userId),
      ...chain.excludedUserIds,
      ...(await this.completersOf(host, approval.instanceId)),
    ]);
    if (chain.authorId) excluded.add(chain.authorId);
    const params = [approval.organizationId, [...excluded].filter((id) => UUID.test(id))];
    const base = `SELECT count(*)::int AS n FROM users u WHERE u.organization_id = $1 AND u.active AND NOT ('internal-auditor' = ANY(u.roles)) AND NOT (u.id = ANY($2::uuid[]))`;
    let rows: { n: number }[];
    if (level.users?.length)
      rows = await tx.query(`${base} AND u.id = ANY($3::uuid[])`, [
        ...params,
        level.users.filter((u) => UUID.test(u)),
      ]);
    else if (level.group) {
      const group = await this.findGroup(tx, approval.organizationId, level.group);
      rows = await tx.query(`${base} AND u.id IN (SELECT user_id FROM group_members WHERE group_id = $3)`, [
        ...params,
        group?.id ?? null,
      ]);
    } else rows = await tx.query(`${base} AND $3 = ANY(u.roles)`, [...params, level.role ?? '']);
    return rows[0].n;
  }

  private findGroup(tx: EntityManager, organizationId: string, ref: string) {
    return tx
      .getRepository(Group)
      .findOneBy(UUID.test(ref) ? { organizationId, id: ref } : { organizationId, name: ref });
  }

  /**
   * The accountable person of the latest completed task: its assignee, also when a delegate completed it.
   * Nothing a client writes (start input, context, form data) can name the author.
   */
  private async authorOf(host: ChainHost, instance: { id: string }): Promise<string | null> {
    const pending = [...host.history]
      .reverse()
      .find((h) => h.instanceId === instance.id && h.kind === 'task.completed');
    if (pending) return accountable(pending.payload) ?? pending.actorId ?? null;
    const [row] = await host.tx.query(
      `SELECT actor_id, payload->>'assigneeId' AS assignee_id FROM history_records
        WHERE instance_id = $1 AND kind = 'task.completed' ORDER BY seq DESC LIMIT 1`,
      [instance.id],
    );
    return row?.assignee_id ?? row?.actor_id ?? null;
  }
}

function accountable(payload: unknown): string | undefined {
  const assigneeId = (payload as { assigneeId?: unknown } | null)?.assigneeId;
  return typeof assigneeId === 'string' ? assigneeId : undefined;
}

/** The reducer's view of a stored chain. */
export function chainOf(approval: Approval, decisions: ApprovalDecision[]): ApprovalChain {
  return {
    id: approval.id,
    stateId: approval.stateId,
    approvedEvent: approval.approvedEvent,
    rejectedEvent: approval.rejectedEvent,
    subjectSha256: approval.subjectSha256,
    levels: approval.levels,
    currentLevel: approval.currentLevel,
    status: approval.status,
    authorId: approval.authorId,
    excludedUserIds: approval.excludedUserIds ?? [],
    decisions: decisions.map((d) => ({ level: d.level, userId: d.userId, decision: d.decision })),
  };
}

/** The completers of `rows` plus those of the running step's own `task.completed` records in `instances`. */
function withPending(
  host: Pick<ChainHost, 'history'>,
  instances: Set<string>,
  rows: { actor_id: string | null; assignee_id: string | null }[],
): Set<string> {
  const people = new Set<string>();
  const add = (id: unknown) => {
    if (typeof id === 'string' && UUID.test(id)) people.add(id);
  };
  for (const row of rows) {
    add(row.actor_id);
    add(row.assignee_id);
  }
  for (const entry of host.history) {
    if (entry.kind !== 'task.completed' || !entry.instanceId || !instances.has(entry.instanceId)) continue;
    if ((entry.payload as { formKey?: unknown } | null)?.formKey === APPROVAL_FORM) continue;
    add(entry.actorId);
    add(accountable(entry.payload));
  }
  return people;
}
