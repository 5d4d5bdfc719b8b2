import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Principal } from '../identity/auth/principal';
import { User } from '../identity/user.entity';
import { canReadInstance } from '../workflow/instance-access';
import { ProcessInstance } from '../workflow/process-instance.entity';
import { AllowedActions } from './allowed-actions';
import { Approval, ApprovalDecision } from './approval.entity';
import { subjectFormOf, type SubjectForm } from './approval-subject';

/** Read side of approval chains: each level's state and decisions, for the UI and auditors. */
@Injectable()
export class ApprovalsService {
  constructor(private readonly dataSource: DataSource) {}

  async get(user: Principal, id: string) {
    const { organizationId } = user;
    const approval = await this.dataSource.getRepository(Approval).findOneBy({ id, organizationId });
    if (!approval) throw new NotFoundException({ message: 'Approval not found.' });
    return (await this.views([approval], user))[0];
  }

  async forInstance(user: Principal, instanceId: string) {
    const { organizationId } = user;
    const exists = await this.dataSource
      .getRepository(ProcessInstance)
      .existsBy({ id: instanceId, organizationId });
    // Approval subjects are the instance's data: the same rule as reading the instance.
    if (!exists || !(await canReadInstance(this.dataSource.manager, user, instanceId)))
      throw new NotFoundException({ message: 'Process instance not found.' });
    const approvals = await this.dataSource
      .getRepository(Approval)
      .find({ where: { organizationId, instanceId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { items: await this.views(approvals, user) };
  }

  /** Each chain's levels and decisions, and what `user` may decide on it now (`allowedActions`, with reasons). */
  private async views(approvals: Approval[], user: Principal) {
    if (approvals.length === 0) return [];
    const allowed = new AllowedActions(this.dataSource.manager, user);
    const allowedActions = new Map<string, Awaited<ReturnType<AllowedActions['forApproval']>>>();
    for (const approval of approvals)
      allowedActions.set(
        approval.id,
        approval.status === 'pending'
          ? await allowed.forApproval(approval)
          : (['approve', 'reject', 'request-changes'] as const).map((action) => ({
              action,
              allowed: false,
              reason: `The approval is already ${approval.status}.`,
            })),
      );
    const decisions = await this.dataSource.getRepository(ApprovalDecision).find({
      where: { approvalId: In(approvals.map((a) => a.id)) },
      order: { decidedAt: 'ASC', id: 'ASC' },
    });
    const userIds = [
      ...new Set([
        ...decisions.map((d) => d.userId),
        ...approvals.map((a) => a.authorId).filter((x): x is string => !!x),
      ]),
    ];
    const users = userIds.length ? await this.dataSource.getRepository(User).findBy({ id: In(userIds) }) : [];
    const names = new Map(users.map((u) => [u.id, u.name]));
    // The form the subject was submitted with, so the UI shows it as that form, read-only.
    const forms = new Map<string, SubjectForm | null>();
    for (const a of approvals) forms.set(a.id, await subjectFormOf(this.dataSource.manager, a));
    return approvals.map((a) => ({
      id: a.id,
      instanceId: a.instanceId,
      stateId: a.stateId,
      status: a.status,
      currentLevel: a.currentLevel,
      authorId: a.authorId,
      authorName: a.authorId ? (names.get(a.authorId) ?? null) : null,
      subject: a.subject,
      subjectSha256: a.subjectSha256,
      subjectForm: forms.get(a.id) ?? null,
      createdAt: a.createdAt,
      endedAt: a.endedAt,
      allowedActions: allowedActions.get(a.id) ?? [],
      levels: a.levels.map((level, i) => ({
        level: i + 1,
        role: level.role ?? null,
        group: level.group ?? null,
        users: level.users ?? null,
        rule: level.rule,
        required: level.required,
        approvals: level.approvals,
        status: level.status,
        decisions: decisions
          .filter((d) => d.approvalId === a.id && d.level === i + 1)
          .map((d) => ({
            id: d.id,
            userId: d.userId,
            userName: names.get(d.userId) ?? null,
            decision: d.decision,
            comment: d.comment,
            subjectSha256: d.subjectSha256,
            decidedAt: d.decidedAt,
          })),
      })),
    }));
  }
}
