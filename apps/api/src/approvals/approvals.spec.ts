import { hashPassword } from '../identity/auth/password';
import type { Role } from '../identity/roles';
import { DEMO_PASSWORD } from '../identity/seed.service';
import { User } from '../identity/user.entity';
import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';

/** Process owner → AIMS managers (2 of 3) → top management, as ISO/IEC 42001 sign-offs usually go. */
const policyMachine = {
  id: 'policy',
  initial: 'drafting',
  context: { ownerId: null, processOwnerId: null, doc: null, reviews: [] },
  states: {
    drafting: {
      meta: { task: { form: 'generic-task', title: 'Draft the policy', assignee: '{{context.ownerId}}' } },
      on: { SUBMIT: { target: 'inApproval', actions: [{ type: 'assignFromForm', params: { to: 'doc' } }] } },
    },
    inApproval: {
      meta: {
        approval: {
          levels: [
            { users: ['{{context.processOwnerId}}'], rule: 'any' },
            { role: 'aims-manager', rule: { quorum: 2 } },
            { role: 'top-management', rule: 'any' },
          ],
          subject: 'context.doc',
        },
      },
      on: {
        APPROVED: 'approved',
        REJECTED: { target: 'drafting', actions: [{ type: 'appendToContext', params: { to: 'reviews' } }] },
      },
    },
    approved: { type: 'final', meta: { outcome: 'approved' } },
  },
};

describe('approval chains', () => {
  let t: TestApp;
  let manager: ApiClient;
  const ids: Record<string, string> = {};
  const as: Record<string, ApiClient> = {};

  async function addUser(email: string, roles: Role[]) {
    const org = await t.dataSource.getRepository(User).findOneByOrFail({ email: 'manager@acme.example' });
    const u = await t.dataSource.getRepository(User).save({
      organizationId: org.organizationId,
      email,
      name: email,
      roles,
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
    return u.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await addUser('po@acme.example', ['contributor']);
    await addUser('m2@acme.example', ['aims-manager']);
    await addUser('m3@acme.example', ['aims-manager']);
    for (const email of ['manager', 'owner', 'ceo', 'auditor', 'po', 'm2', 'm3']) {
      const full = `${email}@acme.example`;
      as[email] = await t.login(full);
      ids[email] = (await t.dataSource.getRepository(User).findOneByOrFail({ email: full })).id;
    }
    manager = as.manager;
    expect(
      (
        await (
          await t.login('admin@acme.example')
        ).post('/api/workflow-definitions', {
          key: 'policy',
          name: 'Policy',
          machine: policyMachine,
        })
      ).status,
    ).toBe(201);
  });
  afterAll(() => t.close());

  /** Starts a policy, has the owner submit `doc`, and returns the instance id and its pending approval. */
  async function submitted(processOwner = 'po', doc: object = { done: true, note: 'AI policy v1' }) {
    const started = await manager.post('/api/process-instances', {
      definitionKey: 'policy',
      input: { ownerId: ids.owner, processOwnerId: ids[processOwner] },
    });
    expect(started.status).toBe(201);
    const draft = started.body.openTasks[0];
    expect((await as.owner.post(`/api/tasks/${draft.id}/complete`, { data: doc })).status).toBe(200);
    const approvals = (await manager.get(`/api/process-instances/${started.body.id}/approvals`)).body.items;
    return { instanceId: started.body.id as string, approval: approvals.at(-1) };
  }

  async function decide(who: string, approvalId: string, decision = 'approve', comment?: string) {
    return as[who].post(`/api/approvals/${approvalId}/decisions`, {
      decision,
      ...(comment ? { comment } : {}),
    });
  }

  it('never takes the author from the start input (V2): a spoofed authorId is ignored', async () => {
    const started = await manager.post('/api/process-instances', {
      definitionKey: 'policy',
      input: { ownerId: ids.manager, processOwnerId: ids.manager, authorId: ids.m2 },
    });
    expect(started.status).toBe(201);
    const draft = started.body.openTasks[0];
    expect((await manager.post(`/api/tasks/${draft.id}/complete`, { data: { done: true } })).status).toBe(
      200,
    );
    const [approval] = (await manager.get(`/api/process-instances/${started.body.id}/approvals`)).body.items;
    expect(approval.authorId).toBe(ids.manager);
    const own = await decide('manager', approval.id);
    expect(own.status).toBe(403);
  });

  it('keeps the assignee accountable when a delegate drafts (V3): the assignee may not approve', async () => {
    const started = await manager.post('/api/process-instances', {
      definitionKey: 'policy',
      input: { ownerId: ids.m2, processOwnerId: ids.m2 },
    });
    const draft = started.body.openTasks[0];
    expect((await as.m2.post(`/api/tasks/${draft.id}/delegate`, { userId: ids.owner })).status).toBe(200);
    expect((await as.owner.post(`/api/tasks/${draft.id}/complete`, { data: { done: true } })).status).toBe(
      200,
    );
    const [approval] = (await manager.get(`/api/process-instances/${started.body.id}/approvals`)).body.items;
    expect(approval.authorId).toBe(ids.m2);
    const own = await decide('m2', approval.id);
    expect(own.status).toBe(403);
  });

  it("refuses the people the definition names in the subject, e.g. a residual risk's owner (V4)", async () => {
    const machine = {
      id: 'acceptance',
      initial: 'analysing',
      context: { ownerId: null, risk: null },
      states: {
        analysing: {
          meta: { task: { form: 'generic-task', title: 'Analyse', assignee: '{{context.ownerId}}' } },
          on: { SUBMIT: 'accepting' },
        },
        accepting: {
          meta: {
            approval: {
              levels: [{ role: 'top-management', rule: 'any' }],
              subject: 'context.risk',
              excludePeople: ['context.risk.riskOwner'],
            },
          },
          on: { APPROVED: 'accepted' },
        },
        accepted: { type: 'final' },
      },
    };
    const deployed = await (
      await t.login('admin@acme.example')
    ).post('/api/workflow-definitions', {
      key: 'acceptance',
      name: 'Acceptance',
      machine,
    });
    expect(deployed.status).toBe(201);
    const started = await manager.post('/api/process-instances', {
      definitionKey: 'acceptance',
      input: { ownerId: ids.owner, risk: { title: 'Bias', riskOwner: ids.ceo } },
    });
    const task = started.body.openTasks[0];
    expect((await as.owner.post(`/api/tasks/${task.id}/complete`, { data: { done: true } })).status).toBe(
      200,
    );
    const [approval] = (await manager.get(`/api/process-instances/${started.body.id}/approvals`)).body.items;
    const refused = await decide('ceo', approval.id);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/may not decide/);
  });

  it('freezes the subject with its SHA-256, records the author, and opens the first level', async () => {
    const { approval, instanceId } = await submitted();
    expect(approval).toMatchObject({
      status: 'pending',
      currentLevel: 1,
      authorId: ids.owner,
      subject: { done: true, note: 'AI policy v1' },
    });
    expect(approval.subjectSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(approval.levels.map((l: { status: string }) => l.status)).toEqual([
      'pending',
      'waiting',
      'waiting',
    ]);
    const open = (await manager.get(`/api/process-instances/${instanceId}`)).body.openTasks;
    expect(open).toEqual([
      expect.objectContaining({ formKey: 'approval-decision', assigneeId: ids.po, approvalId: approval.id }),
    ]);
  });

  it('keeps the shared quorum task open for the other managers when one decides by completing it', async () => {
    const { approval, instanceId } = await submitted();
    expect((await decide('po', approval.id)).status).toBe(200);
    const [shared] = (await manager.get(`/api/process-instances/${instanceId}`)).body.openTasks;
    expect(shared).toMatchObject({ approvalId: approval.id, assigneeId: null });
    const first = await as.m2.post(`/api/tasks/${shared.id}/complete`, { data: { decision: 'approve' } });
    expect(first.status).toBe(200);
    expect((await as.m3.get(`/api/tasks/${shared.id}`)).body.status).toBe('open');
    expect(
      (await as.m3.post(`/api/tasks/${shared.id}/complete`, { data: { decision: 'approve' } })).status,
    ).toBe(200);
    expect((await as.m3.get(`/api/tasks/${shared.id}`)).body.status).not.toBe('open');
    const chain = (await manager.get(`/api/approvals/${approval.id}`)).body;
    expect(chain.currentLevel).toBe(3);
  });

  it('runs the full 3-level chain (process owner → 2 of 3 AIMS managers → top management) and completes the step', async () => {
    const { approval, instanceId } = await submitted();
    // Level 1 through the task (the other path), level 2 and 3 through the decisions endpoint.
    const [task] = (await as.po.get('/api/inbox?filter=mine')).body.items.filter(
      (i: { instanceId: string }) => i.instanceId === instanceId,
    );
    expect(
      (await as.po.post(`/api/tasks/${task.id}/complete`, { data: { decision: 'approve' } })).status,
    ).toBe(200);
    expect((await decide('manager', approval.id)).status).toBe(200);
    const afterOne = (await decide('m2', approval.id)).body;
    expect(afterOne.currentLevel).toBe(3);
    expect(afterOne.levels[1]).toMatchObject({ status: 'approved', required: 2, approvals: 2 });
    expect((await decide('ceo', approval.id)).status).toBe(200);
    const instance = (await manager.get(`/api/process-instances/${instanceId}`)).body;
    expect(instance.status).toBe('completed');
    expect(instance.outcome).toBe('approved');
    const final = (await manager.get(`/api/approvals/${approval.id}`)).body;
    expect(final.status).toBe('approved');
    expect(
      final.levels.flatMap((l: { decisions: { userId: string; subjectSha256: string }[] }) =>
        l.decisions.map((d) => d.userId),
      ),
    ).toEqual([ids.po, ids.manager, ids.m2, ids.ceo]);
    expect(
      final.levels.every((l: { decisions: { subjectSha256: string }[] }) =>
        l.decisions.every((d) => d.subjectSha256 === approval.subjectSha256),
      ),
    ).toBe(true);
  });

  it('refuses the author approving their own submission with 403 and writes the refusal to history', async () => {
    const { approval, instanceId } = await submitted('owner'); // the author is also the level-1 approver
    const res = await decide('owner', approval.id);
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/author/);
    const history = (await manager.get(`/api/process-instances/${instanceId}/history`)).body.items;
    expect(history.at(-1)).toMatchObject({
      kind: 'approval.refused',
      actorId: ids.owner,
      payload: expect.objectContaining({ level: 1 }),
    });
    expect((await manager.get(`/api/approvals/${approval.id}`)).body.levels[0].decisions).toEqual([]);
  });

  it('refuses a second decision by the same person in one chain, and internal auditors altogether', async () => {
    const { approval } = await submitted();
    expect((await decide('po', approval.id)).status).toBe(200);
    expect((await decide('manager', approval.id)).status).toBe(200);
    const twice = await decide('manager', approval.id);
    expect(twice.status).toBe(403);
    expect(twice.body.detail).toMatch(/already decided/);
    await t.dataSource.query(`UPDATE users SET roles = '{internal-auditor,aims-manager}' WHERE id = $1`, [
      ids.auditor,
    ]);
    const auditor = await t.login('auditor@acme.example');
    const refused = await auditor.post(`/api/approvals/${approval.id}/decisions`, { decision: 'approve' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/auditor/i);
    await t.dataSource.query(`UPDATE users SET roles = '{internal-auditor}' WHERE id = $1`, [ids.auditor]);
    const view = (await manager.get(`/api/approvals/${approval.id}`)).body;
    expect(view.levels[1]).toMatchObject({ approvals: 1, status: 'pending' });
  });

  it('counts a quorum of 2 right when 3 managers approve at the same moment: the chain advances once', async () => {
    for (let round = 0; round < 5; round++) {
      const { approval, instanceId } = await submitted();
      expect((await decide('po', approval.id)).status).toBe(200);
      const results = await Promise.all(['manager', 'm2', 'm3'].map((m) => decide(m, approval.id)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 409]);
      const view = (await manager.get(`/api/approvals/${approval.id}`)).body;
      expect(view.currentLevel).toBe(3);
      expect(view.levels[1].decisions).toHaveLength(2);
      const open = (await manager.get(`/api/process-instances/${instanceId}`)).body.openTasks;
      expect(open).toEqual([expect.objectContaining({ candidateRole: 'top-management' })]);
      const history = (await manager.get(`/api/process-instances/${instanceId}/history`)).body.items;
      expect(history.filter((h: { kind: string }) => h.kind === 'approval.level-approved')).toHaveLength(2);
    }
  });

  it('requires a comment to reject; a rejection at level 2 goes back to drafting and resubmission restarts at level 1', async () => {
    const { approval, instanceId } = await submitted();
    expect((await decide('po', approval.id)).status).toBe(200);
    const noComment = await decide('manager', approval.id, 'reject');
    expect(noComment.status).toBe(400);
    expect((await decide('manager', approval.id, 'reject', 'Risk criteria are missing.')).status).toBe(200);
    const back = (await manager.get(`/api/process-instances/${instanceId}`)).body;
    expect(back.state).toBe('drafting');
    expect(back.context.reviews).toEqual([
      expect.objectContaining({ comment: 'Risk criteria are missing.', level: 2 }),
    ]);
    expect((await manager.get(`/api/approvals/${approval.id}`)).body.status).toBe('rejected');

    expect(
      (
        await as.owner.post(`/api/tasks/${back.openTasks[0].id}/complete`, {
          data: { done: true, note: 'AI policy v2' },
        })
      ).status,
    ).toBe(200);
    const chains = (await manager.get(`/api/process-instances/${instanceId}/approvals`)).body.items;
    expect(chains).toHaveLength(2);
    expect(chains[1]).toMatchObject({
      status: 'pending',
      currentLevel: 1,
      subject: { done: true, note: 'AI policy v2' },
    });
    expect(chains[1].subjectSha256).not.toBe(chains[0].subjectSha256);
    expect((await decide('po', chains[1].id)).status).toBe(200); // a new chain: earlier deciders decide again
  });

  it('cancels the chain and its open tasks when the instance is cancelled, and hides it from other organisations', async () => {
    const { approval, instanceId } = await submitted();
    expect((await manager.post(`/api/process-instances/${instanceId}/cancel`)).status).toBe(200);
    expect((await manager.get(`/api/approvals/${approval.id}`)).body.status).toBe('cancelled');
    expect((await manager.get(`/api/process-instances/${instanceId}`)).body.openTasks).toEqual([]);
    expect((await decide('po', approval.id)).status).toBe(409);
    const { createOrganization } = await import('../testing/test-app');
    await createOrganization(t.dataSource, 'umbrella', [
      { email: 'boss@umbrella.example', roles: ['aims-manager'] },
    ]);
    const other = await t.login('boss@umbrella.example');
    expect((await other.get(`/api/approvals/${approval.id}`)).status).toBe(404);
    expect(
      (await other.post(`/api/approvals/${approval.id}/decisions`, { decision: 'approve' })).status,
    ).toBe(404);
  });
});
