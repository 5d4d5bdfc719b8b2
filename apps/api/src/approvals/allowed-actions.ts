import type { EntityManager } from 'typeorm';
import type { Principal } from '../identity/auth/principal';
import { READ_ONLY_ROLES } from '../identity/roles';
import { ApprovalChains } from './approval-chain';
import { Approval } from './approval.entity';

export type TaskAction = 'approve' | 'reject' | 'request-changes' | 'complete' | 'claim' | 'unclaim';

/** One thing the current user may (or may not, and why) do, so the UI shows the rule before the click. */
export interface AllowedAction {
  action: TaskAction;
  allowed: boolean;
  reason?: string;
}

const DECISIONS = ['approve', 'reject', 'request-changes'] as const;
/** Roles of the routes that claim, unclaim, complete and decide. */
const ACTING_ROLES = ['admin', 'aims-manager', 'contributor', 'top-management', 'internal-auditor'];
const MANAGERS = ['admin', 'aims-manager'];

/** The fields of a task (entity or inbox row) the rules look at. */
export interface TaskFacts {
  status: string;
  approvalId: string | null;
  assigneeId: string | null;
  delegateId: string | null;
  candidateRole: string | null;
  candidateGroupId: string | null;
}

const all = (actions: readonly TaskAction[], allowed: boolean, reason?: string): AllowedAction[] =>
  actions.map((action) => (allowed ? { action, allowed } : { action, allowed, reason }));

/**
 * What the user may do with tasks and approvals: the same rules the actions enforce. Decisions go
 * through the engine's `mayDecide` on the facts the approval chain looks up, so the answer before the
 * click is the refusal the click would get.
 */
export class AllowedActions {
  private readonly chains = new ApprovalChains();
  /** Approval answers per approval id, for one listing. */
  private readonly decided = new Map<string, Promise<AllowedAction[]>>();

  constructor(
    private readonly tx: EntityManager,
    private readonly user: Principal,
    /** The groups the user belongs to (ids), when the caller already knows them. */
    private groupIds?: string[],
  ) {}

  /** The decisions on an approval chain: approve, reject, request changes. */
  forApproval(approval: Approval): Promise<AllowedAction[]> {
    let answer = this.decided.get(approval.id);
    if (!answer) {
      answer = this.decisionsOn(approval);
      this.decided.set(approval.id, answer);
    }
    return answer;
  }

  async forTask(task: TaskFacts): Promise<AllowedAction[]> {
    const readOnly = this.readOnlyReason();
    if (task.approvalId) {
      if (task.status !== 'open') return all(DECISIONS, false, `The task is already ${task.status}.`);
      const approval = await this.tx
        .getRepository(Approval)
        .findOneBy({ id: task.approvalId, organizationId: this.user.organizationId });
      if (!approval) return all(DECISIONS, false, 'Approval not found.');
      return this.forApproval(approval);
    }
    const actions: TaskAction[] = ['claim', 'unclaim', 'complete'];
    if (task.status !== 'open') return all(actions, false, `The task is already ${task.status}.`);
    if (readOnly) return all(actions, false, readOnly);
    const me = this.user.userId;
    const candidate = await this.isCandidate(task);
    const isManager = this.user.roles.some((r) => MANAGERS.includes(r));
    const verdict = (action: TaskAction, reason: string | null): AllowedAction =>
      reason ? { action, allowed: false, reason } : { action, allowed: true };
    return [
      verdict(
        'claim',
        task.assigneeId
          ? task.assigneeId === me
            ? 'You already hold this task.'
            : 'Someone else holds this task.'
          : candidate
            ? null
            : 'You are not a candidate for this task.',
      ),
      verdict(
        'unclaim',
        !task.candidateRole && !task.candidateGroupId
          ? 'This task was assigned directly; it has no candidates to return to.'
          : !task.assigneeId
            ? 'Nobody holds this task.'
            : task.assigneeId !== me && !isManager
              ? 'You do not hold this task.'
              : null,
      ),
      verdict(
        'complete',
        task.assigneeId === me || task.delegateId === me
          ? null
          : task.assigneeId
            ? 'Only the assignee or their delegate may complete this task.'
            : candidate
              ? 'Claim the task before completing it.'
              : 'You are not a candidate for this task.',
      ),
    ];
  }

  private async decisionsOn(approval: Approval): Promise<AllowedAction[]> {
    const readOnly = this.readOnlyReason();
    if (readOnly) return all(DECISIONS, false, readOnly);
    const verdict = await this.chains.mayDecide({ tx: this.tx, history: [] }, this.user, approval);
    return all(DECISIONS, verdict.allowed, verdict.reason);
  }

  private readOnlyReason(): string | null {
    const roles = this.user.roles as readonly string[];
    if (roles.every((r) => (READ_ONLY_ROLES as readonly string[]).includes(r)))
      return 'Your access is read-only.';
    if (!roles.some((r) => ACTING_ROLES.includes(r))) return 'Your role does not allow this.';
    return null;
  }

  private async isCandidate(task: TaskFacts): Promise<boolean> {
    if (task.candidateRole && (this.user.roles as readonly string[]).includes(task.candidateRole))
      return true;
    if (!task.candidateGroupId) return false;
    if (!this.groupIds) {
      const rows: { group_id: string }[] = await this.tx.query(
        `SELECT group_id FROM group_members WHERE user_id = $1`,
        [this.user.userId],
      );
      this.groupIds = rows.map((r) => r.group_id);
    }
    return this.groupIds.includes(task.candidateGroupId);
  }
}
