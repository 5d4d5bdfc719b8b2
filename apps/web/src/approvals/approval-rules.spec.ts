import type { ApprovalChainView, ChainLevel, SessionUser } from '../api/api-types';
import {
  cannotDecideReason,
  commentProblem,
  decisionBy,
  isAskedAt,
  outcomeText,
  refusedDecisions,
  ruleText,
  sentBack,
  shortHash,
  whoDecides,
} from './approval-rules';

const me: SessionUser = {
  id: 'u1',
  email: 'm@x',
  name: 'Maya',
  roles: ['aims-manager'],
  organization: { id: 'o', name: 'O', slug: 'o' },
  groups: [{ id: 'g1', name: 'Process owners' }],
};

function level(n: number, extra: Partial<ChainLevel> = {}): ChainLevel {
  return {
    level: n,
    role: null,
    group: null,
    users: null,
    rule: 'any',
    required: null,
    approvals: 0,
    status: 'waiting',
    decisions: [],
    ...extra,
  };
}

function chain(extra: Partial<ApprovalChainView> = {}): ApprovalChainView {
  return {
    id: 'a1',
    instanceId: 'i1',
    stateId: 'inApproval',
    status: 'pending',
    currentLevel: 2,
    authorId: 'u9',
    authorName: 'Omar',
    subject: {},
    subjectSha256: 'a'.repeat(64),
    createdAt: '2025-01-01T00:00:00Z',
    endedAt: null,
    levels: [
      level(1, { status: 'approved', required: 1, approvals: 1 }),
      level(2, { role: 'aims-manager', rule: { quorum: 2 }, status: 'pending', required: 2, approvals: 1 }),
      level(3, { role: 'top-management' }),
    ],
    ...extra,
  };
}

describe('approval rules', () => {
  it('requires a comment to reject or request changes, not to approve', () => {
    expect(commentProblem('approve', '')).toBeNull();
    expect(commentProblem('reject', '  ')).toMatch(/required to reject/);
    expect(commentProblem('request-changes', '')).toMatch(/required to request changes/);
    expect(commentProblem('reject', 'Risk criteria are missing.')).toBeNull();
  });

  it('describes rules and who decides, naming people when known', () => {
    expect(ruleText('any')).toBe('any one of them approves');
    expect(ruleText({ quorum: 2 })).toBe('2 of them approve');
    expect(whoDecides(level(1, { users: ['u2', 'u3'] }), new Map([['u2', 'Pia']]))).toBe(
      'Pia, a named approver',
    );
    expect(whoDecides(level(1, { group: 'Process owners' }), new Map())).toBe('Group “Process owners”');
    expect(whoDecides(level(1, { role: 'top-management' }), new Map())).toBe('Top management');
  });

  it('knows whether the user is asked at a level by name, group or role', () => {
    expect(isAskedAt(level(1, { users: ['u1'] }), me)).toBe(true);
    expect(isAskedAt(level(1, { users: ['u2'] }), me)).toBe(false);
    expect(isAskedAt(level(1, { group: 'Process owners' }), me)).toBe(true);
    expect(isAskedAt(level(1, { group: 'g1' }), me)).toBe(true);
    expect(isAskedAt(level(1, { role: 'top-management' }), me)).toBe(false);
  });

  it('says what a decision did: quorum pending, next level, complete, or sent back', () => {
    expect(outcomeText('approve', chain(), 2)).toBe(
      'Your approval is recorded. Level 2 needs 1 more approval.',
    );
    expect(outcomeText('approve', chain({ currentLevel: 3 }), 2)).toMatch(/moved to level 3 of 3/);
    expect(outcomeText('approve', chain({ status: 'approved', currentLevel: 3 }), 3)).toMatch(/complete/);
    expect(outcomeText('reject', chain({ status: 'rejected' }), 2)).toMatch(/went back to its author/);
  });

  it("finds the user's earlier decision and the rejection that sent the work back", () => {
    const decision = {
      id: 'd1',
      userId: 'u1',
      userName: 'Maya',
      decision: 'reject' as const,
      comment: 'No criteria',
      subjectSha256: 'a'.repeat(64),
      decidedAt: '2025-01-02T00:00:00Z',
    };
    const rejected = chain({
      status: 'rejected',
      endedAt: '2025-01-02T00:00:00Z',
      levels: [level(1), level(2, { status: 'rejected', decisions: [decision] })],
    });
    expect(decisionBy(rejected, 'u1')).toEqual({ level: 2, decision });
    expect(decisionBy(rejected, 'u2')).toBeNull();
    expect(sentBack([chain(), rejected])).toMatchObject({ level: 2, decision: { comment: 'No criteria' } });
    expect(sentBack([rejected, chain()])).toBeNull();
  });

  it('shortens a hash to its first 12 characters', () => {
    expect(shortHash('0123456789abcdef')).toBe('0123456789ab');
  });
});

describe('allowedActions for decisions', () => {
  const author = 'The author of the content may not decide on its approval.';
  const none = ['approve', 'reject', 'request-changes'].map((action) => ({
    action,
    allowed: false,
    reason: author,
  }));

  it('lists each refused decision with its reason, and nothing when the server said nothing', () => {
    expect(refusedDecisions(undefined).size).toBe(0);
    expect(refusedDecisions([{ action: 'complete', allowed: false, reason: 'x' }]).size).toBe(0);
    expect([...refusedDecisions(none)]).toEqual([
      ['approve', author],
      ['request-changes', author],
      ['reject', author],
    ]);
    expect([...refusedDecisions([{ action: 'approve', allowed: false }])]).toEqual([
      ['approve', 'The server does not allow this decision now.'],
    ]);
  });

  it('says why the user cannot decide at all, only when no decision is allowed', () => {
    expect(cannotDecideReason(none)).toBe(author);
    expect(cannotDecideReason([...none.slice(1), { action: 'approve', allowed: true }])).toBeNull();
    expect(cannotDecideReason([])).toBeNull();
  });
});
