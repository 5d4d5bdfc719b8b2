import {
  canonicalJson,
  sha256Hex,
  type ApprovalLevel,
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

/** The chain rules: levels in order, `any` / `all` / `{quorum}` per level, and segregation of duties. */
export class ApprovalChains {
  async start(
    host: ChainHost,
    instance: { id: string; organizationId: string; context: unknown },
    effect: RequestApproval,
  ) {
    const subject = effect.subject ?? null;
    const approval = host.tx.getRepository(Approval).create({
      organizationId: instance.organizationId,
      instanceId: instance.id,
      stateId: effect.stateId,
      levels: (effect.levels as ApprovalLevel[]).map((l) => ({
        ...l,
        required: null,
        approvals: 0,
        status: 'waiting' as const,
      })),
      currentLevel: 1,
      status: 'pending',
      subject,
      subjectSha256: sha256Hex(canonicalJson(subject)),
      authorId: await this.authorOf(host, instance),
      excludedUserIds: (effect.excludedPeople ?? []).filter((id) => UUID.test(id)),
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
      },
    });
    await this.activateLevel(host, approval, 1);
    return approval;
  }

  /** The state holding the chain was left: the chain and its open tasks end. */
  async cancel(host: ChainHost, organizationId: string, instanceId: string, stateId: string): Promise<void> {
    const pending = await host.tx
      .getRepository(Approval)
      .findBy({ organizationId, instanceId, stateId, status: 'pending' });
    for (const approval of pending) {
      await host.tx.getRepository(Approval).update(
        { id: approval.id },
        {
          status: 'cancelled',
          endedAt: host.now,
          levels: approval.levels.map((l) =>
            l.status === 'pending' ? { ...l, status: 'cancelled' as const } : l,
          ),
        },
      );
      await host.closeApprovalTasks(approval.id, 'cancelled');
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
   * can commit its history record before answering 403.
   */
  async decide(
    host: ChainHost,
    user: Principal,
    approvalId: string,
    request: DecisionRequest,
  ): Promise<DecisionOutcome> {
    const { tx } = host;
    const comment = request.comment?.trim() || null;
    if (request.decision !== 'approve' && !comment) {
      throw new BadRequestException({
        message: `A comment is required to ${request.decision === 'reject' ? 'reject' : 'request changes'}.`,
        details: [{ field: 'comment', errors: ['required'] }],
      });
    }
    const approval = await tx.getRepository(Approval).findOne({
      where: { id: approvalId, organizationId: user.organizationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!approval) throw new NotFoundException({ message: 'Approval not found.' });
    if (approval.status !== 'pending')
      throw new ConflictException({ message: `The approval is already ${approval.status}.` });
    const levelNo = approval.currentLevel;
    const level = approval.levels[levelNo - 1];
    if (!(await this.isCandidate(tx, user, level))) {
      const earlier = await this.earlierLevelOf(tx, user, approval);
      if (earlier)
        throw new ConflictException({
          message: `Level ${earlier} is already decided; the chain is at level ${levelNo}.`,
        });
      throw new ForbiddenException({ message: `You are not an approver at level ${levelNo} of this chain.` });
    }
    const refusal = await this.refusalFor(tx, user, approval);
    if (refusal) {
      host.history.push({
        organizationId: approval.organizationId,
        instanceId: approval.instanceId,
        kind: 'approval.refused',
        actorId: user.userId,
        payload: { approvalId, level: levelNo, decision: request.decision, reason: refusal },
      });
      return { refused: refusal };
    }
    await tx.getRepository(ApprovalDecision).insert({
      organizationId: approval.organizationId,
      approvalId,
      level: levelNo,
      userId: user.userId,
      decision: request.decision,
      comment,
      subjectSha256: approval.subjectSha256,
    });
    host.history.push({
      organizationId: approval.organizationId,
      instanceId: approval.instanceId,
      kind: 'approval.decided',
      actorId: user.userId,
      payload: {
        approvalId,
        level: levelNo,
        decision: request.decision,
        comment,
        subjectSha256: approval.subjectSha256,
      },
    });
    if (request.taskId)
      await host.completeTask(request.taskId, user.userId, { decision: request.decision, comment });
    else {
      // A personal task of this decider (a `users` level) is done too.
      const [own] = await tx.query(
        `SELECT id FROM tasks WHERE approval_id = $1 AND approval_level = $2 AND status = 'open' AND assignee_id = $3`,
        [approvalId, levelNo, user.userId],
      );
      if (own) await host.completeTask(own.id, user.userId, { decision: request.decision, comment });
    }

    const levels = approval.levels.map((l) => ({ ...l }));
    const current = levels[levelNo - 1];
    if (request.decision === 'approve') {
      current.approvals += 1;
      if (current.approvals < (current.required ?? 1)) {
        await tx.getRepository(Approval).update({ id: approvalId }, { levels });
        return { approval: { ...approval, levels } };
      }
      current.status = 'approved';
      await host.closeApprovalTasks(approvalId, 'completed', levelNo);
      host.history.push({
        organizationId: approval.organizationId,
        instanceId: approval.instanceId,
        kind: 'approval.level-approved',
        actorId: user.userId,
        payload: { approvalId, level: levelNo },
      });
      if (levelNo < levels.length) {
        const next = { ...approval, levels };
        await tx.getRepository(Approval).update({ id: approvalId }, { levels });
        await this.activateLevel(host, next, levelNo + 1);
        return { approval: next };
      }
      await tx
        .getRepository(Approval)
        .update({ id: approvalId }, { levels, status: 'approved', endedAt: host.now });
      host.queue(
        approval.instanceId,
        {
          type: approval.approvedEvent,
          stateId: approval.stateId,
          data: { approvalId, subjectSha256: approval.subjectSha256 },
        },
        'approval.approved',
      );
      return { approval: { ...approval, levels, status: 'approved', endedAt: host.now } };
    }
    const status = request.decision === 'reject' ? 'rejected' : 'changes-requested';
    current.status = status;
    await tx.getRepository(Approval).update({ id: approvalId }, { levels, status, endedAt: host.now });
    await host.closeApprovalTasks(approvalId, 'cancelled');
    host.queue(
      approval.instanceId,
      {
        type: approval.rejectedEvent,
        stateId: approval.stateId,
        data: { comment, level: levelNo, decision: request.decision, approvalId },
      },
      `approval.${status}`,
    );
    return { approval: { ...approval, levels, status, endedAt: host.now } };
  }

  private async activateLevel(host: ChainHost, approval: Approval, levelNo: number): Promise<void> {
    const level = approval.levels[levelNo - 1];
    level.status = 'pending';
    level.required =
      level.rule === 'any'
        ? 1
        : level.rule === 'all'
          ? Math.max(1, await this.eligibleCount(host.tx, approval, level))
          : Math.max(1, level.rule.quorum);
    approval.currentLevel = levelNo;
    await host.tx
      .getRepository(Approval)
      .update({ id: approval.id }, { currentLevel: levelNo, levels: approval.levels });
    const title = `Approve (level ${levelNo} of ${approval.levels.length})`;
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

  /** Why this person may not decide on this chain, or null. */
  private async refusalFor(tx: EntityManager, user: Principal, approval: Approval): Promise<string | null> {
    if (user.roles.includes('internal-auditor'))
      return 'Internal auditors audit approvals; they may not decide on them.';
    if (approval.authorId === user.userId) return 'The author of the content may not decide on its approval.';
    // Everyone who completed a step of this instance (or was accountable for it) shaped the subject;
    // a decision recorded as a task (an evaluation) is not authorship.
    const [completer] = await tx.query(
      `SELECT 1 FROM history_records WHERE instance_id = $1 AND kind = 'task.completed'
          AND coalesce(payload->>'formKey', '') <> '${APPROVAL_FORM}'
          AND (actor_id = $2 OR payload->>'assigneeId' = $3) LIMIT 1`,
      [approval.instanceId, user.userId, user.userId],
    );
    if (completer) return 'You completed a step whose output is being approved; someone else must decide.';
    if (approval.excludedUserIds.includes(user.userId))
      return 'You are named in what is being approved as someone who may not decide on it (for example its risk owner).';
    const previous = await tx
      .getRepository(ApprovalDecision)
      .findOneBy({ approvalId: approval.id, userId: user.userId });
    if (previous)
      return `You already decided at level ${previous.level} of this chain; one person decides once.`;
    return null;
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

  private async earlierLevelOf(
    tx: EntityManager,
    user: Principal,
    approval: Approval,
  ): Promise<number | null> {
    for (let i = 0; i < approval.currentLevel - 1; i++)
      if (await this.isCandidate(tx, user, approval.levels[i])) return i + 1;
    return null;
  }

  /** For `all`: the people who could decide at this level (the author, earlier deciders and auditors cannot). */
  private async eligibleCount(
    tx: EntityManager,
    approval: Approval,
    level: ApprovalLevelState,
  ): Promise<number> {
    const excluded: string[] = (
      await tx.query(`SELECT user_id FROM approval_decisions WHERE approval_id = $1`, [approval.id])
    ).map((r: { user_id: string }) => r.user_id);
    if (approval.authorId) excluded.push(approval.authorId);
    excluded.push(...approval.excludedUserIds);
    const base = `SELECT count(*)::int AS n FROM users u WHERE u.organization_id = $1 AND u.active AND NOT ('internal-auditor' = ANY(u.roles)) AND NOT (u.id = ANY($2::uuid[]))`;
    let rows: { n: number }[];
    if (level.users?.length)
      rows = await tx.query(`${base} AND u.id = ANY($3::uuid[])`, [
        approval.organizationId,
        excluded,
        level.users.filter((u) => UUID.test(u)),
      ]);
    else if (level.group) {
      const group = await this.findGroup(tx, approval.organizationId, level.group);
      rows = await tx.query(`${base} AND u.id IN (SELECT user_id FROM group_members WHERE group_id = $3)`, [
        approval.organizationId,
        excluded,
        group?.id ?? null,
      ]);
    } else
      rows = await tx.query(`${base} AND $3 = ANY(u.roles)`, [
        approval.organizationId,
        excluded,
        level.role ?? '',
      ]);
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
