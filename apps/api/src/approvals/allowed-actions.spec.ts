import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';

const machine = {
  id: 'allowed',
  initial: 'drafting',
  context: { ownerId: null, doc: null },
  states: {
    drafting: {
      meta: { task: { form: 'generic-task', title: 'Draft', assignee: '{{context.ownerId}}' } },
      on: { SUBMIT: { target: 'reviewing', actions: [{ type: 'assignFromForm', params: { to: 'doc' } }] } },
    },
    reviewing: {
      meta: { task: { form: 'generic-task', title: 'Review', candidateRole: 'aims-manager' } },
      on: { SUBMIT: 'inApproval' },
    },
    inApproval: {
      meta: { approval: { levels: [{ role: 'top-management', rule: 'any' }], subject: 'context.doc' } },
      on: { APPROVED: 'approved', REJECTED: 'drafting' },
    },
    approved: { type: 'final' },
  },
};

type Action = { action: string; allowed: boolean; reason?: string };
const actionOf = (actions: Action[], name: string) => actions.find((a) => a.action === name);

describe('allowedActions: what the current user may do, and why not, before the click', () => {
  let t: TestApp;
  const as: Record<string, ApiClient> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    for (const name of ['admin', 'manager', 'manager2', 'ceo', 'owner', 'external']) {
      as[name] = await t.login(`${name}@acme.example`);
      ids[name] = (await as[name].get('/api/auth/me')).body.user.id;
    }
    const deployed = await as.admin.post('/api/workflow-definitions', {
      key: 'allowed',
      name: 'Allowed',
      machine,
    });
    expect(deployed.status).toBe(201);
  });
  afterAll(() => t.close());

  const task = async (who: string, id: string) => (await as[who].get(`/api/tasks/${id}`)).body;
  const inboxItem = async (who: string, id: string) =>
    (
      (await as[who].get('/api/inbox?limit=100')).body.items as Array<{
        id: string;
        allowedActions: Action[];
      }>
    ).find((i) => i.id === id);

  it('tells the assignee they may complete, and others why not', async () => {
    const started = await as.manager.post('/api/process-instances', {
      definitionKey: 'allowed',
      input: { ownerId: ids.ceo },
    });
    const draft = started.body.openTasks[0];
    const own = await task('ceo', draft.id);
    expect(own.allowedActions).toEqual([
      { action: 'claim', allowed: false, reason: 'You already hold this task.' },
      {
        action: 'unclaim',
        allowed: false,
        reason: 'This task was assigned directly; it has no candidates to return to.',
      },
      { action: 'complete', allowed: true },
    ]);
    expect(actionOf((await task('manager', draft.id)).allowedActions, 'complete')).toEqual({
      action: 'complete',
      allowed: false,
      reason: 'Only the assignee or their delegate may complete this task.',
    });
    expect(actionOf((await inboxItem('ceo', draft.id))!.allowedActions, 'complete')?.allowed).toBe(true);
  });

  it('tells a candidate to claim first, and lists that in the inbox too', async () => {
    const started = await as.manager.post('/api/process-instances', {
      definitionKey: 'allowed',
      input: { ownerId: ids.owner },
    });
    const draft = started.body.openTasks[0];
    const done = await as.owner.post(`/api/tasks/${draft.id}/complete`, { data: { done: true } });
    expect(done.status).toBe(200);
    const review = (await as.manager.get(`/api/process-instances/${started.body.id}`)).body.openTasks[0];
    const before = await task('manager2', review.id);
    expect(actionOf(before.allowedActions, 'claim')).toEqual({ action: 'claim', allowed: true });
    expect(actionOf(before.allowedActions, 'complete')).toEqual({
      action: 'complete',
      allowed: false,
      reason: 'Claim the task before completing it.',
    });
    const listed = await inboxItem('manager2', review.id);
    expect(listed?.allowedActions).toEqual(before.allowedActions);
    // The reason is the refusal the click gets.
    const click = await as.manager2.post(`/api/tasks/${review.id}/complete`, { data: { done: true } });
    expect(click.status).toBe(403);
    expect(click.body.detail).toBe('Claim the task before completing it.');
    expect((await as.manager2.post(`/api/tasks/${review.id}/claim`)).status).toBe(200);
    expect(actionOf((await task('manager2', review.id)).allowedActions, 'complete')?.allowed).toBe(true);
    expect(actionOf((await task('manager', review.id)).allowedActions, 'claim')).toEqual({
      action: 'claim',
      allowed: false,
      reason: 'Someone else holds this task.',
    });
  });

  it('shows the drafter, before clicking, that they may not approve their own draft; another decider may', async () => {
    // The CEO drafts, a manager reviews (and is the chain's author), top management approves.
    const started = await as.manager.post('/api/process-instances', {
      definitionKey: 'allowed',
      input: { ownerId: ids.ceo },
    });
    const instanceId = started.body.id as string;
    expect(
      (await as.ceo.post(`/api/tasks/${started.body.openTasks[0].id}/complete`, { data: { done: true } }))
        .status,
    ).toBe(200);
    const review = (await as.manager.get(`/api/process-instances/${instanceId}`)).body.openTasks[0];
    expect((await as.manager.post(`/api/tasks/${review.id}/claim`)).status).toBe(200);
    expect((await as.manager.post(`/api/tasks/${review.id}/complete`, { data: { done: true } })).status).toBe(
      200,
    );
    const [approval] = (await as.manager.get(`/api/process-instances/${instanceId}/approvals`)).body.items;
    const approvalTask = (await as.manager.get(`/api/process-instances/${instanceId}`)).body.openTasks[0];
    expect(approvalTask.approvalId).toBe(approval.id);

    const author = (await as.ceo.get(`/api/approvals/${approval.id}`)).body.allowedActions as Action[];
    expect(author.map((a) => a.action)).toEqual(['approve', 'reject', 'request-changes']);
    expect(
      author.every(
        (a) =>
          !a.allowed &&
          a.reason === 'You completed a step whose output is being approved; someone else must decide.',
      ),
    ).toBe(true);
    expect((await task('ceo', approvalTask.id)).allowedActions).toEqual(author);
    expect((await inboxItem('ceo', approvalTask.id))?.allowedActions).toEqual(author);
    const click = await as.ceo.post(`/api/approvals/${approval.id}/decisions`, { decision: 'approve' });
    expect(click.status).toBe(403);
    expect(click.body.detail).toBe(author[0].reason);

    // A manager is no candidate of the top-management level; the external auditor is read-only.
    expect(
      actionOf((await as.manager.get(`/api/approvals/${approval.id}`)).body.allowedActions, 'approve'),
    ).toEqual({
      action: 'approve',
      allowed: false,
      reason: 'You are not an approver at level 1 of this chain.',
    });
    expect(
      actionOf((await as.external.get(`/api/approvals/${approval.id}`)).body.allowedActions, 'approve'),
    ).toEqual({
      action: 'approve',
      allowed: false,
      reason: 'Your access is read-only.',
    });

    // Once decided, nobody may decide any more; the list of an instance's chains says so too.
    await t.dataSource.query(`UPDATE users SET roles = '{top-management}' WHERE id = $1`, [ids.manager2]);
    const deputy = await t.login('manager2@acme.example');
    const chain = (await deputy.get(`/api/approvals/${approval.id}`)).body;
    expect(chain.allowedActions).toEqual([
      { action: 'approve', allowed: true },
      { action: 'reject', allowed: true },
      { action: 'request-changes', allowed: true },
    ]);
    expect(
      (await deputy.post(`/api/approvals/${approval.id}/decisions`, { decision: 'approve' })).status,
    ).toBe(200);
    await t.dataSource.query(`UPDATE users SET roles = '{aims-manager}' WHERE id = $1`, [ids.manager2]);
    const [ended] = (await as.ceo.get(`/api/process-instances/${instanceId}/approvals`)).body.items;
    expect(actionOf(ended.allowedActions, 'approve')).toEqual({
      action: 'approve',
      allowed: false,
      reason: 'The approval is already approved.',
    });
  });
});
