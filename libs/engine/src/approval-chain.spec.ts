import {
  activateLevel,
  cancelChain,
  createChain,
  decideApproval,
  isLevelCandidate,
  mayDecide,
  type ApprovalChain,
  type ChainResult,
  type DeciderFacts,
  type DecisionInput,
} from './approval-chain';
import type { ApprovalLevel } from './definition.types';
import { startInstance } from './run-instance';
import { compileDefinition, validateDefinition } from './validate-definition';

const LEVELS: ApprovalLevel[] = [
  { users: ['po'], rule: 'any' },
  { role: 'aims-manager', rule: { quorum: 2 } },
  { role: 'top-management', rule: 'all' },
];

/** A chain with level 1 active (as the server starts it). */
function chainOf(levels = LEVELS, extra: Partial<Parameters<typeof createChain>[0]> = {}): ApprovalChain {
  const created = createChain({
    id: 'ap-1',
    stateId: 'policy.inApproval',
    levels,
    approvedEvent: 'APPROVED',
    rejectedEvent: 'REJECTED',
    subjectSha256: 'abc',
    authorId: 'author',
    excludedUserIds: ['risk-owner'],
    ...extra,
  });
  expect(created.effects).toEqual([{ type: 'activateLevel', level: 1 }]);
  return activateLevel(created.chain, 1, { eligibleCount: 1 }).chain;
}

const candidate = (...levels: number[]): DeciderFacts => ({
  candidateLevels: levels,
  completedStepOfSubject: false,
});
const approve = (userId: string, roles: string[] = []): DecisionInput => ({
  userId,
  roles,
  decision: 'approve',
});

/** Applies a result's `activateLevel` effects with the given eligible count, as a shell would. */
function settle(result: ChainResult, eligibleCount = 1): ChainResult {
  let { chain } = result;
  const effects = [...result.effects];
  for (let i = 0; i < effects.length; i++) {
    const effect = effects[i];
    if (effect.type !== 'activateLevel') continue;
    const next = activateLevel(chain, effect.level, { eligibleCount });
    chain = next.chain;
    effects.push(...next.effects);
  }
  return { chain, effects, refusal: result.refusal };
}

describe('approval chain reducer', () => {
  it('activates level 1 on creation and freezes the rule into a required count', () => {
    const chain = chainOf();
    expect(chain).toMatchObject({ currentLevel: 1, status: 'pending' });
    expect(chain.levels.map((l) => [l.status, l.required])).toEqual([
      ['pending', 1],
      ['waiting', null],
      ['waiting', null],
    ]);
  });

  it('runs levels in turn: any, then a quorum of 2, then all eligible, and sends the approved event', () => {
    let chain = chainOf();
    let result = settle(decideApproval(chain, approve('po'), candidate(1)));
    expect(result.effects.map((e) => e.type)).toEqual([
      'recordDecision',
      'levelApproved',
      'closeLevelTasks',
      'activateLevel',
      'openLevelTasks',
    ]);
    chain = result.chain;
    expect(chain.currentLevel).toBe(2);
    expect(chain.levels[1]).toMatchObject({ status: 'pending', required: 2 });

    result = decideApproval(chain, approve('m1', ['aims-manager']), candidate(2));
    expect(result.effects).toEqual([
      { type: 'recordDecision', level: 2, userId: 'm1', decision: 'approve', comment: null },
    ]);
    chain = result.chain;
    expect(chain.levels[1]).toMatchObject({ status: 'pending', approvals: 1 });

    result = settle(decideApproval(chain, approve('m2', ['aims-manager']), candidate(2)), 2);
    chain = result.chain;
    expect(chain.currentLevel).toBe(3);
    expect(chain.levels[2]).toMatchObject({ status: 'pending', required: 2 });

    chain = decideApproval(chain, approve('ceo', ['top-management']), candidate(3)).chain;
    result = decideApproval(chain, approve('cfo', ['top-management']), candidate(3));
    expect(result.chain.status).toBe('approved');
    expect(result.effects.at(-1)).toEqual({
      type: 'sendOutcome',
      status: 'approved',
      event: {
        type: 'APPROVED',
        stateId: 'policy.inApproval',
        data: { approvalId: 'ap-1', subjectSha256: 'abc' },
      },
    });
    expect(result.chain.decisions.map((d) => d.userId)).toEqual(['po', 'm1', 'm2', 'ceo', 'cfo']);
  });

  it('needs at least one approval at an `all` level even when nobody is eligible, and then waits', () => {
    const chain = chainOf([{ role: 'top-management', rule: 'all' }]);
    const waiting = activateLevel(
      { ...chain, levels: chain.levels.map((l) => ({ ...l, status: 'waiting' })) },
      1,
      {
        eligibleCount: 0,
      },
    );
    expect(waiting.chain.levels[0]).toMatchObject({ status: 'pending', required: 1 });
    expect(waiting.effects).toEqual([{ type: 'openLevelTasks', level: 1, required: 1 }]);
  });

  it('lets only candidates of the current level decide; a candidate of an earlier level gets a conflict', () => {
    const chain = settle(decideApproval(chainOf(), approve('po'), candidate(1))).chain;
    expect(decideApproval(chain, approve('po'), candidate(1)).refusal).toMatchObject({
      code: 'conflict',
      rule: 'earlier-level',
      reason: 'Level 1 is already decided; the chain is at level 2.',
    });
    const outsider = decideApproval(chain, approve('x', ['contributor']), candidate());
    expect(outsider.refusal).toMatchObject({ code: 'forbidden', rule: 'not-candidate' });
    expect(outsider.chain).toBe(chain);
    expect(outsider.effects).toEqual([]);
  });

  it('never lets internal auditors decide', () => {
    const refusal = decideApproval(chainOf(), approve('po', ['internal-auditor']), candidate(1)).refusal;
    expect(refusal).toMatchObject({ code: 'forbidden', rule: 'internal-auditor' });
    expect(refusal?.reason).toMatch(/auditor/i);
  });

  it('never lets the author decide', () => {
    const chain = chainOf([{ users: ['author'], rule: 'any' }]);
    expect(decideApproval(chain, approve('author'), candidate(1)).refusal).toMatchObject({
      code: 'forbidden',
      rule: 'author',
      reason: 'The author of the content may not decide on its approval.',
    });
  });

  it('never lets someone who completed a step of the subject decide', () => {
    const refusal = decideApproval(chainOf(), approve('po'), {
      candidateLevels: [1],
      completedStepOfSubject: true,
    }).refusal;
    expect(refusal).toMatchObject({ code: 'forbidden', rule: 'completer' });
  });

  it('never lets the people named in excludedUserIds decide', () => {
    const chain = chainOf([{ users: ['risk-owner'], rule: 'any' }]);
    expect(decideApproval(chain, approve('risk-owner'), candidate(1)).refusal).toMatchObject({
      code: 'forbidden',
      rule: 'excluded',
    });
  });

  it('lets each person decide once per chain, also when they are a candidate of the next level', () => {
    let chain = settle(decideApproval(chainOf(), approve('po'), candidate(1))).chain;
    chain = decideApproval(chain, approve('m1', ['aims-manager']), candidate(2, 3)).chain;
    expect(decideApproval(chain, approve('m1', ['aims-manager']), candidate(2, 3)).refusal).toMatchObject({
      code: 'forbidden',
      rule: 'decided-once',
      reason: 'You already decided at level 2 of this chain; one person decides once.',
    });
    chain = settle(decideApproval(chain, approve('m2', ['aims-manager']), candidate(2))).chain;
    expect(chain.currentLevel).toBe(3);
    expect(decideApproval(chain, approve('m1', ['top-management']), candidate(2, 3)).refusal).toMatchObject({
      rule: 'decided-once',
    });
  });

  it('needs a comment to reject or request changes', () => {
    for (const decision of ['reject', 'request-changes'] as const) {
      const result = decideApproval(
        chainOf(),
        { userId: 'po', roles: [], decision, comment: '  ' },
        candidate(1),
      );
      expect(result.refusal).toMatchObject({ code: 'invalid', rule: 'comment-required' });
    }
  });

  it('ends the chain on a rejection and sends the rejected event with the comment', () => {
    const result = decideApproval(
      chainOf(),
      { userId: 'po', roles: [], decision: 'reject', comment: ' no criteria ' },
      candidate(1),
    );
    expect(result.chain.status).toBe('rejected');
    expect(result.chain.levels[0].status).toBe('rejected');
    expect(result.effects).toEqual([
      { type: 'recordDecision', level: 1, userId: 'po', decision: 'reject', comment: 'no criteria' },
      { type: 'closeLevelTasks', status: 'cancelled' },
      {
        type: 'sendOutcome',
        status: 'rejected',
        event: {
          type: 'REJECTED',
          stateId: 'policy.inApproval',
          data: { comment: 'no criteria', level: 1, decision: 'reject', approvalId: 'ap-1' },
        },
      },
    ]);
    expect(decideApproval(result.chain, approve('po'), candidate(1)).refusal).toMatchObject({
      code: 'conflict',
      rule: 'chain-ended',
      reason: 'The approval is already rejected.',
    });
  });

  it('ends the chain on a request for changes', () => {
    const result = decideApproval(
      chainOf(),
      { userId: 'po', roles: [], decision: 'request-changes', comment: 'add a budget' },
      candidate(1),
    );
    expect(result.chain.status).toBe('changes-requested');
    expect(result.effects.at(-1)).toMatchObject({ type: 'sendOutcome', status: 'changes-requested' });
  });

  it('refuses every decision on a cancelled chain', () => {
    const cancelled = cancelChain(chainOf());
    expect(cancelled.chain.status).toBe('cancelled');
    expect(cancelled.chain.levels[0].status).toBe('cancelled');
    expect(cancelled.effects).toEqual([{ type: 'closeLevelTasks', status: 'cancelled' }]);
    expect(decideApproval(cancelled.chain, approve('po'), candidate(1)).refusal?.code).toBe('conflict');
  });

  describe('skipWhenNoneEligible', () => {
    const gate: ApprovalLevel[] = [
      { role: 'aims-manager', rule: 'any', skipWhenNoneEligible: true },
      { role: 'top-management', rule: 'all' },
    ];

    it('skips a declared level nobody may decide at, says why, and activates the next', () => {
      const { chain } = createChain({
        stateId: 'phase.gate',
        levels: gate,
        approvedEvent: 'APPROVED',
        rejectedEvent: 'REJECTED',
        authorId: 'manager',
      });
      const skipped = activateLevel(chain, 1, { eligibleCount: 0 });
      expect(skipped.chain.levels[0].status).toBe('skipped');
      expect(skipped.chain.currentLevel).toBe(2);
      expect(skipped.effects).toEqual([
        { type: 'levelSkipped', level: 1, reason: expect.stringMatching(/level 1 \(role aims-manager\)/) },
        { type: 'activateLevel', level: 2 },
      ]);
      const top = activateLevel(skipped.chain, 2, { eligibleCount: 1 });
      expect(top.chain.levels[1]).toMatchObject({ status: 'pending', required: 1 });
      const done = decideApproval(top.chain, approve('ceo', ['top-management']), candidate(2));
      expect(done.chain.status).toBe('approved');
      // The skipped level's candidates are not asked again.
      expect(
        decideApproval(top.chain, approve('manager', ['aims-manager']), candidate(1)).refusal?.code,
      ).toBe('conflict');
    });

    it('keeps a declared level open when somebody is eligible', () => {
      const { chain } = createChain({
        stateId: 'phase.gate',
        levels: gate,
        approvedEvent: 'APPROVED',
        rejectedEvent: 'REJECTED',
        authorId: null,
      });
      expect(activateLevel(chain, 1, { eligibleCount: 1 }).chain.levels[0].status).toBe('pending');
    });

    it('never skips a level without the option, nor the last level: the chain waits', () => {
      const { chain } = createChain({
        stateId: 'phase.gate',
        levels: [
          { role: 'aims-manager', rule: 'any' },
          { role: 'top-management', rule: 'all', skipWhenNoneEligible: true },
        ],
        approvedEvent: 'APPROVED',
        rejectedEvent: 'REJECTED',
        authorId: null,
      });
      const first = activateLevel(chain, 1, { eligibleCount: 0 });
      expect(first.chain.levels[0].status).toBe('pending');
      const last = activateLevel({ ...first.chain, currentLevel: 2 }, 2, { eligibleCount: 0 });
      expect(last.chain.levels[1]).toMatchObject({ status: 'pending', required: 1 });
      expect(last.chain.status).toBe('pending');
    });

    it('is validated: a boolean, never on the last level or a top-management level', () => {
      const machine = (levels: unknown) => ({
        key: 'gate-flow',
        name: 'Gate',
        machine: {
          initial: 'gate',
          states: {
            gate: { meta: { approval: { levels } }, on: { APPROVED: 'done' } },
            done: { type: 'final' },
          },
        },
      });
      expect(validateDefinition(machine(gate)).ok).toBe(true);
      const errorsOf = (levels: unknown) => {
        const result = validateDefinition(machine(levels));
        return result.ok ? [] : result.errors;
      };
      expect(errorsOf([{ role: 'aims-manager', rule: 'any', skipWhenNoneEligible: 'yes' }, gate[1]])).toEqual(
        [expect.stringMatching(/skipWhenNoneEligible must be true or false/)],
      );
      expect(
        errorsOf([
          { role: 'top-management', rule: 'any', skipWhenNoneEligible: true },
          { role: 'aims-manager', rule: 'any' },
        ]),
      ).toEqual([expect.stringMatching(/not allowed on the last level or a top-management level/)]);
      expect(errorsOf([{ role: 'aims-manager', rule: 'any', skipWhenNoneEligible: true }])).toEqual([
        expect.stringMatching(/not allowed on the last level/),
      ]);
    });
  });

  describe('mayDecide', () => {
    it('answers with the same rules as decideApproval, before the click', () => {
      const chain = chainOf([{ users: ['author', 'po', 'risk-owner'], rule: 'any' }]);
      expect(mayDecide(chain, { userId: 'po', roles: [] }, candidate(1))).toEqual({ allowed: true });
      const author = mayDecide(chain, { userId: 'author', roles: [] }, candidate(1));
      expect(author).toMatchObject({ allowed: false, code: 'forbidden', rule: 'author' });
      expect(author.reason).toBe(decideApproval(chain, approve('author'), candidate(1)).refusal?.reason);
      expect(mayDecide(chain, { userId: 'risk-owner', roles: [] }, candidate(1))).toMatchObject({
        allowed: false,
        rule: 'excluded',
      });
      expect(mayDecide(chain, { userId: 'x', roles: [] }, candidate())).toMatchObject({
        allowed: false,
        rule: 'not-candidate',
      });
    });
  });

  it('isLevelCandidate: named people, a group, or a role', () => {
    const user = { userId: 'u1', roles: ['aims-manager'] };
    expect(isLevelCandidate({ users: ['u1'], rule: 'any' }, user, () => false)).toBe(true);
    expect(isLevelCandidate({ users: ['u2'], role: 'aims-manager', rule: 'any' }, user, () => false)).toBe(
      false,
    );
    expect(isLevelCandidate({ group: 'board', rule: 'any' }, user, (g) => g === 'board')).toBe(true);
    expect(isLevelCandidate({ role: 'aims-manager', rule: 'any' }, user, () => false)).toBe(true);
    expect(isLevelCandidate({ role: 'top-management', rule: 'any' }, user, () => false)).toBe(false);
  });

  it('passes excludeChildCompleters on to the requestApproval effect, and validates it', () => {
    const machine = (excludeChildCompleters: unknown) => ({
      key: 'gate-flow',
      name: 'Gate',
      machine: {
        initial: 'gate',
        states: {
          gate: {
            meta: { approval: { levels: LEVELS, subject: 'context', excludeChildCompleters } },
            on: { APPROVED: 'done' },
          },
          done: { type: 'final' },
        },
      },
    });
    const started = startInstance(compileDefinition(machine(true)));
    expect(started.effects).toContainEqual(
      expect.objectContaining({ type: 'requestApproval', excludeChildCompleters: true }),
    );
    const invalid = validateDefinition(machine('yes'));
    expect(invalid.ok ? [] : invalid.errors).toEqual([
      expect.stringMatching(/excludeChildCompleters must be true or false/),
    ]);
  });

  it('names the decision with the title it gives, its templates read from the context', () => {
    const machine = (title: unknown) => ({
      key: 'check-flow',
      name: 'Check',
      machine: {
        initial: 'checking',
        context: { finding: { title: 'No drift records' } },
        states: {
          checking: {
            meta: { approval: { levels: LEVELS, ...(title === undefined ? {} : { title }) } },
            on: { APPROVED: 'done' },
          },
          done: { type: 'final' },
        },
      },
    });
    const started = startInstance(compileDefinition(machine('Check the effect: {{context.finding.title}}')));
    expect(started.effects).toContainEqual(
      expect.objectContaining({ type: 'requestApproval', title: 'Check the effect: No drift records' }),
    );
    const untitled = startInstance(compileDefinition(machine(undefined)));
    expect(untitled.effects.find((e) => e.type === 'requestApproval')).not.toHaveProperty('title');
    for (const bad of ['  ', 42]) {
      const invalid = validateDefinition(machine(bad));
      expect(invalid.ok ? [] : invalid.errors).toEqual([
        expect.stringMatching(/meta.approval.title must be a text that is not empty/),
      ]);
    }
  });
});
