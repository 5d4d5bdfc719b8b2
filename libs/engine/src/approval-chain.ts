/**
 * The approval chain's rules as a pure reducer: levels in turn, `any` / `all` / `{quorum}` per level,
 * who may decide (segregation of duties), one decision per person, reject / request changes.
 *
 * No I/O: the server (and the workflow simulator) looks up the facts a rule needs — at which levels a
 * person is a candidate, whether they completed a step whose output is in the subject, how many people
 * are eligible at a level — passes them in, and carries out the effects that come back.
 */
import type { ApprovalLevel } from './definition.types';

export type ChainStatus = 'pending' | 'approved' | 'rejected' | 'changes-requested' | 'cancelled';
export type ChainLevelStatus =
  'waiting' | 'pending' | 'approved' | 'rejected' | 'changes-requested' | 'cancelled' | 'skipped';
export type DecisionKind = 'approve' | 'reject' | 'request-changes';

/** One level as a chain runs it. */
export interface ChainLevel extends ApprovalLevel {
  /** Approvals this level needs; fixed when the level becomes current. */
  required: number | null;
  approvals: number;
  status: ChainLevelStatus;
}

export interface ChainDecision {
  level: number;
  userId: string;
  decision: DecisionKind;
}

export interface ApprovalChain {
  /** The server's id of the chain, passed on in the outcome event's data. */
  id?: string;
  stateId: string;
  approvedEvent: string;
  rejectedEvent: string;
  subjectSha256?: string;
  levels: ChainLevel[];
  /** 1-based index of the level being decided. */
  currentLevel: number;
  status: ChainStatus;
  authorId: string | null;
  excludedUserIds: string[];
  /** Every decision recorded so far in this chain. */
  decisions: ChainDecision[];
}

/** Who is asking. */
export interface Decider {
  userId: string;
  roles: readonly string[];
}

export interface DecisionInput extends Decider {
  decision: DecisionKind;
  comment?: string | null;
}

/** What the caller looked up about the decider before asking. */
export interface DeciderFacts {
  /** 1-based levels of this chain at which the person is a candidate (by `users`, `role` or `group`). */
  candidateLevels: number[];
  /** The person completed (or was accountable for) a step whose output is in the subject. */
  completedStepOfSubject: boolean;
}

/** What the caller looked up about a level that is about to become current. */
export interface LevelFacts {
  /** People who could decide at the level (active, candidates, not refused by any rule below). */
  eligibleCount: number;
}

export type RefusalCode = 'forbidden' | 'conflict' | 'invalid';
export type RefusalRule =
  | 'comment-required'
  | 'chain-ended'
  | 'earlier-level'
  | 'not-candidate'
  | 'internal-auditor'
  | 'author'
  | 'completer'
  | 'excluded'
  | 'decided-once';

export interface Refusal {
  code: RefusalCode;
  rule: RefusalRule;
  reason: string;
}

/** Segregation-of-duties refusals: the server records them in the audit trail (`approval.refused`). */
export const SOD_RULES: readonly RefusalRule[] = [
  'internal-auditor',
  'author',
  'completer',
  'excluded',
  'decided-once',
];

export type ChainEffect =
  | { type: 'recordDecision'; level: number; userId: string; decision: DecisionKind; comment: string | null }
  | { type: 'levelApproved'; level: number }
  /** Close the open tasks of one level, or of the whole chain when `level` is absent. */
  | { type: 'closeLevelTasks'; level?: number; status: 'completed' | 'cancelled' }
  /** Look up the level's facts and call `activateLevel`. */
  | { type: 'activateLevel'; level: number }
  /** The level is current: open its decision tasks. */
  | { type: 'openLevelTasks'; level: number; required: number }
  | { type: 'levelSkipped'; level: number; reason: string }
  | {
      type: 'sendOutcome';
      status: 'approved' | 'rejected' | 'changes-requested';
      event: { type: string; stateId: string; data: Record<string, unknown> };
    };

export interface ChainResult {
  chain: ApprovalChain;
  effects: ChainEffect[];
  refusal?: Refusal;
}

const INTERNAL_AUDITOR = 'internal-auditor';

/** A new chain for a `requestApproval` effect; the caller then carries out `activateLevel` for level 1. */
export function createChain(request: {
  id?: string;
  stateId: string;
  levels: ApprovalLevel[];
  approvedEvent: string;
  rejectedEvent: string;
  subjectSha256?: string;
  authorId: string | null;
  excludedUserIds?: string[];
}): ChainResult {
  const chain: ApprovalChain = {
    ...(request.id !== undefined ? { id: request.id } : {}),
    stateId: request.stateId,
    approvedEvent: request.approvedEvent,
    rejectedEvent: request.rejectedEvent,
    ...(request.subjectSha256 !== undefined ? { subjectSha256: request.subjectSha256 } : {}),
    levels: request.levels.map((level) => ({ ...level, required: null, approvals: 0, status: 'waiting' })),
    currentLevel: 1,
    status: 'pending',
    authorId: request.authorId,
    excludedUserIds: [...(request.excludedUserIds ?? [])],
    decisions: [],
  };
  return { chain, effects: [{ type: 'activateLevel', level: 1 }] };
}

/**
 * Why this person may not decide on the chain's current level right now, or null. The one place the
 * rules of who decides live: `decideApproval` and `mayDecide` both use it.
 */
function refusalFor(chain: ApprovalChain, user: Decider, facts: DeciderFacts): Refusal | null {
  const levelNo = chain.currentLevel;
  if (chain.status !== 'pending')
    return { code: 'conflict', rule: 'chain-ended', reason: `The approval is already ${chain.status}.` };
  if (!facts.candidateLevels.includes(levelNo)) {
    const earlier = facts.candidateLevels.filter((l) => l < levelNo).sort((a, b) => a - b)[0];
    if (earlier !== undefined)
      return {
        code: 'conflict',
        rule: 'earlier-level',
        reason: `Level ${earlier} is already decided; the chain is at level ${levelNo}.`,
      };
    return {
      code: 'forbidden',
      rule: 'not-candidate',
      reason: `You are not an approver at level ${levelNo} of this chain.`,
    };
  }
  if (user.roles.includes(INTERNAL_AUDITOR))
    return {
      code: 'forbidden',
      rule: 'internal-auditor',
      reason: 'Internal auditors audit approvals; they may not decide on them.',
    };
  if (chain.authorId !== null && chain.authorId === user.userId)
    return {
      code: 'forbidden',
      rule: 'author',
      reason: 'The author of the content may not decide on its approval.',
    };
  if (facts.completedStepOfSubject)
    return {
      code: 'forbidden',
      rule: 'completer',
      reason: 'You completed a step whose output is being approved; someone else must decide.',
    };
  if (chain.excludedUserIds.includes(user.userId))
    return {
      code: 'forbidden',
      rule: 'excluded',
      reason:
        'You may not decide on this approval: you are named in what is being approved (for example as its risk owner) or you completed a step of a process it signs off.',
    };
  const previous = chain.decisions.find((d) => d.userId === user.userId);
  if (previous)
    return {
      code: 'forbidden',
      rule: 'decided-once',
      reason: `You already decided at level ${previous.level} of this chain; one person decides once.`,
    };
  return null;
}

/** Whether this person may decide on the chain now, and why not (for the UI, before the click). */
export function mayDecide(
  chain: ApprovalChain,
  user: Decider,
  facts: DeciderFacts,
): { allowed: boolean; reason?: string; code?: RefusalCode; rule?: RefusalRule } {
  const refusal = refusalFor(chain, user, facts);
  return refusal ? { allowed: false, ...refusal } : { allowed: true };
}

/** One decision at the chain's current level. A refusal leaves the chain unchanged and has no effects. */
export function decideApproval(chain: ApprovalChain, input: DecisionInput, facts: DeciderFacts): ChainResult {
  const comment = input.comment?.trim() || null;
  if (input.decision !== 'approve' && !comment)
    return refused(chain, {
      code: 'invalid',
      rule: 'comment-required',
      reason: `A comment is required to ${input.decision === 'reject' ? 'reject' : 'request changes'}.`,
    });
  const refusal = refusalFor(chain, input, facts);
  if (refusal) return refused(chain, refusal);

  const levelNo = chain.currentLevel;
  const levels = chain.levels.map((l) => ({ ...l }));
  const current = levels[levelNo - 1];
  const decisions = [...chain.decisions, { level: levelNo, userId: input.userId, decision: input.decision }];
  const effects: ChainEffect[] = [
    { type: 'recordDecision', level: levelNo, userId: input.userId, decision: input.decision, comment },
  ];

  if (input.decision === 'approve') {
    current.approvals += 1;
    if (current.approvals < (current.required ?? 1))
      return { chain: { ...chain, levels, decisions }, effects };
    current.status = 'approved';
    effects.push(
      { type: 'levelApproved', level: levelNo },
      { type: 'closeLevelTasks', level: levelNo, status: 'completed' },
    );
    return advance({ ...chain, levels, decisions }, levelNo, effects);
  }

  const status = input.decision === 'reject' ? 'rejected' : 'changes-requested';
  current.status = status;
  effects.push(
    { type: 'closeLevelTasks', status: 'cancelled' },
    {
      type: 'sendOutcome',
      status,
      event: {
        type: chain.rejectedEvent,
        stateId: chain.stateId,
        data: {
          comment,
          level: levelNo,
          decision: input.decision,
          ...(chain.id !== undefined ? { approvalId: chain.id } : {}),
        },
      },
    },
  );
  return { chain: { ...chain, levels, decisions, status }, effects };
}

/**
 * Makes `levelNo` current. It needs as many approvals as its rule says (`all`: everyone eligible).
 * A level declared `skipWhenNoneEligible` with nobody eligible is skipped (and said why), unless it is
 * the last level; any other level with nobody eligible stays open and the chain waits.
 */
export function activateLevel(chain: ApprovalChain, levelNo: number, facts: LevelFacts): ChainResult {
  const levels = chain.levels.map((l) => ({ ...l }));
  const level = levels[levelNo - 1];
  if (!level || chain.status !== 'pending') return { chain, effects: [] };
  const eligible = Math.max(0, facts.eligibleCount);
  if (eligible === 0 && level.skipWhenNoneEligible && levelNo < levels.length) {
    level.status = 'skipped';
    const reason = `Nobody may decide at level ${levelNo} (${describeLevel(level)}): every candidate is refused by segregation of duties or there is none; the level is skipped as its definition allows.`;
    return advance({ ...chain, levels }, levelNo, [{ type: 'levelSkipped', level: levelNo, reason }]);
  }
  level.status = 'pending';
  level.approvals = 0;
  level.required =
    level.rule === 'any' ? 1 : level.rule === 'all' ? Math.max(1, eligible) : Math.max(1, level.rule.quorum);
  return {
    chain: { ...chain, levels, currentLevel: levelNo },
    effects: [{ type: 'openLevelTasks', level: levelNo, required: level.required }],
  };
}

/** The chain is cancelled (its state was left): open levels are cancelled, their tasks closed. */
export function cancelChain(chain: ApprovalChain): ChainResult {
  if (chain.status !== 'pending') return { chain, effects: [] };
  return {
    chain: {
      ...chain,
      status: 'cancelled',
      levels: chain.levels.map((l) => (l.status === 'pending' ? { ...l, status: 'cancelled' } : l)),
    },
    effects: [{ type: 'closeLevelTasks', status: 'cancelled' }],
  };
}

/** Whether a person is a candidate of a level, given the groups they belong to (by id or name). */
export function isLevelCandidate(level: ApprovalLevel, user: Decider, inGroup: (group: string) => boolean) {
  if (level.users?.length) return level.users.includes(user.userId);
  if (level.group) return inGroup(level.group);
  return !!level.role && user.roles.includes(level.role);
}

/** After `levelNo` is done: the next level is activated, or the chain is approved. */
function advance(chain: ApprovalChain, levelNo: number, effects: ChainEffect[]): ChainResult {
  if (levelNo < chain.levels.length) {
    effects.push({ type: 'activateLevel', level: levelNo + 1 });
    return { chain: { ...chain, currentLevel: levelNo + 1 }, effects };
  }
  effects.push({
    type: 'sendOutcome',
    status: 'approved',
    event: {
      type: chain.approvedEvent,
      stateId: chain.stateId,
      data: {
        ...(chain.id !== undefined ? { approvalId: chain.id } : {}),
        ...(chain.subjectSha256 !== undefined ? { subjectSha256: chain.subjectSha256 } : {}),
      },
    },
  });
  return { chain: { ...chain, status: 'approved' }, effects };
}

function refused(chain: ApprovalChain, refusal: Refusal): ChainResult {
  return { chain, effects: [], refusal };
}

function describeLevel(level: ApprovalLevel): string {
  if (level.users?.length) return 'named people';
  if (level.group) return `group ${level.group}`;
  return `role ${level.role ?? '?'}`;
}
