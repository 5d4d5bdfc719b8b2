import {
  roleLabel,
  type AllowedAction,
  type ApprovalChainView,
  type ApprovalRuleValue,
  type ChainLevel,
  type DecisionKind,
  type SessionUser,
} from '../api/api-types';

/** Characters of a SHA-256 shown next to a decision: enough to compare by eye, short enough to read. */
export const SHORT_HASH_LENGTH = 12;

export const DECISION_LABELS: Record<DecisionKind, string> = {
  approve: 'Approved',
  reject: 'Rejected',
  'request-changes': 'Changes requested',
};

export const CHAIN_STATUS_LABELS: Record<ApprovalChainView['status'], string> = {
  pending: 'In progress',
  approved: 'Approved',
  rejected: 'Rejected',
  'changes-requested': 'Changes requested',
  cancelled: 'Cancelled',
};

export const LEVEL_STATUS_LABELS: Record<ChainLevel['status'], string> = {
  waiting: 'Not started',
  pending: 'Deciding now',
  approved: 'Approved',
  rejected: 'Rejected',
  'changes-requested': 'Changes requested',
  cancelled: 'Cancelled',
};

/** The first characters of a hash. */
export function shortHash(hash: string): string {
  return hash.slice(0, SHORT_HASH_LENGTH);
}

/** Why this decision cannot be sent yet (the server asks the same), or null. */
export function commentProblem(decision: DecisionKind, comment: string): string | null {
  if (decision === 'approve' || comment.trim()) return null;
  return decision === 'reject'
    ? 'A comment is required to reject: say what must change.'
    : 'A comment is required to request changes: say what must change.';
}

/** The level's rule in words. */
export function ruleText(rule: ApprovalRuleValue): string {
  if (rule === 'any') return 'any one of them approves';
  if (rule === 'all') return 'all of them approve';
  return `${rule.quorum} of them approve`;
}

/** Who decides at a level, with people named when their names are known. */
export function whoDecides(level: ChainLevel, names: ReadonlyMap<string, string>): string {
  if (level.users?.length) return level.users.map((id) => names.get(id) ?? 'a named approver').join(', ');
  if (level.group) return `Group “${level.group}”`;
  if (level.role) return roleLabel(level.role);
  return 'Nobody named';
}

/** Whether the signed-in user is among those asked to decide at this level (the server has the last word). */
export function isAskedAt(level: ChainLevel, me: SessionUser): boolean {
  if (level.users?.length) return level.users.includes(me.id);
  if (level.group) return me.groups.some((g) => g.id === level.group || g.name === level.group);
  return !!level.role && me.roles.includes(level.role);
}

/** The user's decision in this chain, if they made one (one person decides once per chain). */
export function decisionBy(chain: ApprovalChainView, userId: string) {
  for (const level of chain.levels) {
    const found = level.decisions.find((d) => d.userId === userId);
    if (found) return { level: level.level, decision: found };
  }
  return null;
}

/** What happened after a decision, in one sentence for the person who made it. */
export function outcomeText(decision: DecisionKind, after: ApprovalChainView, levelDecided: number): string {
  if (decision === 'reject') return 'Rejected. The submission went back to its author with your comment.';
  if (decision === 'request-changes')
    return 'Changes requested. The submission went back to its author with your comment.';
  if (after.status === 'approved') return 'Approved. The chain is complete and the step is signed off.';
  if (after.currentLevel > levelDecided)
    return `Approved. Level ${levelDecided} is done; the chain moved to level ${after.currentLevel} of ${after.levels.length}.`;
  const level = after.levels[levelDecided - 1];
  const missing = Math.max(0, (level.required ?? 1) - level.approvals);
  return `Your approval is recorded. Level ${levelDecided} needs ${missing} more approval${missing === 1 ? '' : 's'}.`;
}

/** The latest chain of a step when it sent the work back, for the person redoing it. */
export function sentBack(chains: ApprovalChainView[]) {
  const last = chains[chains.length - 1];
  if (!last || (last.status !== 'rejected' && last.status !== 'changes-requested')) return null;
  for (const level of [...last.levels].reverse()) {
    const decision = [...level.decisions].reverse().find((d) => d.decision !== 'approve');
    if (decision) return { chain: last, level: level.level, decision };
  }
  return null;
}

const DECISIONS: readonly DecisionKind[] = ['approve', 'request-changes', 'reject'];

/**
 * The decisions the server says the user may not make now, each with its reason. Decisions it says
 * nothing about (an older server) stay allowed: the server still has the last word on the click.
 */
export function refusedDecisions(
  actions: readonly AllowedAction[] | null | undefined,
): Map<DecisionKind, string> {
  const refused = new Map<DecisionKind, string>();
  for (const decision of DECISIONS) {
    const found = actions?.find((a) => a.action === decision);
    if (found && !found.allowed)
      refused.set(decision, found.reason?.trim() || 'The server does not allow this decision now.');
  }
  return refused;
}

/** Why the user cannot decide on an approval at all (no decision allowed), or null when they can. */
export function cannotDecideReason(actions: readonly AllowedAction[] | null | undefined): string | null {
  const refused = refusedDecisions(actions);
  if (refused.size < DECISIONS.length) return null;
  return [...new Set(refused.values())].join(' ');
}
