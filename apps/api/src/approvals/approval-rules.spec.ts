import { builtInForms } from '@aimsflow/forms';
import { BuiltInForms } from '../forms/built-in-forms.service';
import type { Role } from '../identity/roles';
import { createOrganization, startTestApp, type ApiClient, type TestApp } from '../testing/test-app';

/** A sub-process with one task for the AIMS managers. */
const childMachine = {
  id: 'rules-child',
  initial: 'working',
  states: {
    working: {
      meta: { task: { form: 'generic-task', title: 'Child work', candidateRole: 'aims-manager' } },
      on: { SUBMIT: 'done' },
    },
    done: { type: 'final', output: { ok: true } },
  },
};

/** A phase: its own task, a sub-process, then the gate (as `gateStates` builds it). */
const phaseMachine = (levels: unknown[], excludeChildCompleters = true) => ({
  id: 'rules-phase',
  initial: 'working',
  context: { child: null },
  states: {
    working: {
      meta: { task: { form: 'generic-task', title: 'Phase work', candidateRole: 'aims-manager' } },
      on: { SUBMIT: 'running' },
    },
    running: {
      meta: { subprocess: { definitionKey: 'rules-child' } },
      on: {
        CHILDREN_DONE: {
          target: 'gate',
          actions: [{ type: 'setContext', params: { values: { child: '{{event.outputs.0.output}}' } } }],
        },
      },
    },
    gate: {
      meta: { approval: { levels, subject: 'context', excludeChildCompleters } },
      on: { APPROVED: 'passed', REJECTED: 'working' },
    },
    passed: { type: 'final', meta: { outcome: 'passed' } },
  },
});

const GATE_LEVELS = [
  { role: 'aims-manager', rule: 'any', skipWhenNoneEligible: true },
  { role: 'top-management', rule: 'all' },
];

describe('approval rules: phase gates and the small organisation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** A new organisation with the given people, the child and a phase with `levels` deployed. */
  async function organisation(slug: string, people: Record<string, Role[]>, levels: unknown[] = GATE_LEVELS) {
    const { organization, users } = await createOrganization(t.dataSource, slug, [
      { email: `admin@${slug}.example`, roles: ['admin'] },
      ...Object.entries(people).map(([name, roles]) => ({ email: `${name}@${slug}.example`, roles })),
    ]);
    await t.app.get(BuiltInForms).ensureBuiltIns(organization.id);
    const as: Record<string, ApiClient> = {};
    const ids: Record<string, string> = {};
    for (const user of users) {
      const name = user.email.split('@')[0];
      as[name] = await t.login(user.email);
      ids[name] = user.id;
    }
    for (const [key, machine] of [
      ['rules-child', childMachine],
      ['rules-phase', phaseMachine(levels)],
    ] as const) {
      const deployed = await as.admin.post('/api/workflow-definitions', { key, name: key, machine });
      if (deployed.status !== 201) throw new Error(`deploy ${key}: ${JSON.stringify(deployed.body)}`);
    }
    return { as, ids };
  }

  /** Claims and completes a candidate task. */
  async function work(api: ApiClient, taskId: string) {
    expect((await api.post(`/api/tasks/${taskId}/claim`)).status).toBe(200);
    expect((await api.post(`/api/tasks/${taskId}/complete`, { data: { done: true } })).status).toBe(200);
  }

  /** Starts the phase; `phaseWorker` does the phase's task, `childWorker` the sub-process's; returns the gate. */
  async function runToGate(as: Record<string, ApiClient>, phaseWorker: string, childWorker: string) {
    const started = await as[phaseWorker].post('/api/process-instances', { definitionKey: 'rules-phase' });
    expect(started.status).toBe(201);
    const instanceId = started.body.id as string;
    await work(as[phaseWorker], started.body.openTasks[0].id);
    const inbox = (await as[childWorker].get('/api/inbox?limit=100')).body.items as Array<{
      id: string;
      title: string;
    }>;
    const child = inbox.find((i) => i.title === 'Child work');
    expect(child).toBeDefined();
    await work(as[childWorker], child!.id);
    const approvals = (await as[phaseWorker].get(`/api/process-instances/${instanceId}/approvals`)).body
      .items;
    return { instanceId, gate: approvals.at(-1) };
  }

  const history = async (api: ApiClient, instanceId: string) =>
    (await api.get(`/api/process-instances/${instanceId}/history`)).body.items as Array<{
      kind: string;
      actorId: string | null;
      payload: Record<string, unknown>;
    }>;

  it('passes the gate of a 1 + 1 organisation: the only AIMS manager did the work, so top management signs alone', async () => {
    const { as, ids } = await organisation('tiny', { am: ['aims-manager'], tm: ['top-management'] });
    const { instanceId, gate } = await runToGate(as, 'am', 'am');
    expect(gate).toMatchObject({ status: 'pending', currentLevel: 2, authorId: ids.am });
    expect(gate.levels.map((l: { status: string }) => l.status)).toEqual(['skipped', 'pending']);
    const skipped = (await history(as.am, instanceId)).find((h) => h.kind === 'approval.level-skipped');
    expect(skipped?.payload).toMatchObject({
      approvalId: gate.id,
      level: 1,
      reason: expect.stringMatching(/Nobody may decide at level 1 \(role aims-manager\)/),
    });
    // The manager is no decider of the chain any more: their level is behind it.
    expect((await as.am.post(`/api/approvals/${gate.id}/decisions`, { decision: 'approve' })).status).toBe(
      409,
    );
    const signed = await as.tm.post(`/api/approvals/${gate.id}/decisions`, { decision: 'approve' });
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('approved');
    const instance = (await as.am.get(`/api/process-instances/${instanceId}`)).body;
    expect(instance).toMatchObject({ status: 'completed', outcome: 'passed' });
  });

  it('refuses the people who completed steps of the sub-processes at the gate, and lets another manager decide', async () => {
    const { as, ids } = await organisation('mid', {
      am: ['aims-manager'],
      am2: ['aims-manager'],
      am3: ['aims-manager'],
      tm: ['top-management'],
    });
    const { instanceId, gate } = await runToGate(as, 'am', 'am2');
    expect(gate.levels[0].status).toBe('pending');
    const childWorker = await as.am2.post(`/api/approvals/${gate.id}/decisions`, { decision: 'approve' });
    expect(childWorker.status).toBe(403);
    expect(childWorker.body.detail).toMatch(/completed a step of a process it signs off/);
    const refused = (await history(as.am, instanceId)).filter((h) => h.kind === 'approval.refused');
    expect(refused.at(-1)).toMatchObject({
      actorId: ids.am2,
      payload: expect.objectContaining({ level: 1 }),
    });
    expect((await as.am.post(`/api/approvals/${gate.id}/decisions`, { decision: 'approve' })).status).toBe(
      403,
    );
    expect((await as.am3.post(`/api/approvals/${gate.id}/decisions`, { decision: 'approve' })).status).toBe(
      200,
    );
    expect(
      (await as.tm.post(`/api/approvals/${gate.id}/decisions`, { decision: 'approve' })).body.status,
    ).toBe('approved');
  });

  it('keeps a level open when nobody is eligible and it does not declare skipWhenNoneEligible: the chain waits', async () => {
    const { as } = await organisation('strict', { am: ['aims-manager'], tm: ['top-management'] }, [
      { role: 'aims-manager', rule: 'any' },
      { role: 'top-management', rule: 'all' },
    ]);
    const { instanceId, gate } = await runToGate(as, 'am', 'am');
    expect(gate).toMatchObject({ status: 'pending', currentLevel: 1 });
    expect(gate.levels.map((l: { status: string }) => l.status)).toEqual(['pending', 'waiting']);
    expect((await history(as.am, instanceId)).some((h) => h.kind === 'approval.level-skipped')).toBe(false);
    expect((await as.tm.post(`/api/approvals/${gate.id}/decisions`, { decision: 'approve' })).status).toBe(
      403,
    );
    expect((await as.am.post(`/api/approvals/${gate.id}/decisions`, { decision: 'approve' })).status).toBe(
      403,
    );
  });

  it('refuses a definition that would skip the top-management level', async () => {
    await createOrganization(t.dataSource, 'bad', [{ email: 'admin@bad.example', roles: ['admin'] }]);
    const admin = await t.login('admin@bad.example');
    const res = await admin.post('/api/workflow-definitions', {
      key: 'rules-phase',
      name: 'Phase',
      machine: phaseMachine([
        { role: 'aims-manager', rule: 'any' },
        { role: 'top-management', rule: 'all', skipWhenNoneEligible: true },
      ]),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(res.body)).toMatch(/skipWhenNoneEligible is not allowed/);
  });

  it('has a risk evaluated by an AIMS manager other than the analyst (V5)', async () => {
    const manager = await t.login('manager@acme.example');
    const deputy = await t.login('manager2@acme.example');
    const me = async (api: ApiClient) => (await api.get('/api/auth/me')).body.user.id as string;
    const [managerId, ceoId] = [await me(manager), await me(await t.login('ceo@acme.example'))];
    const started = await manager.post('/api/process-instances', {
      definitionKey: 'ai-risk-assessment',
      input: { item: { name: 'Chatbot', owner: managerId } },
    });
    expect(started.status).toBe(201);
    const instanceId = started.body.id as string;
    const example = builtInForms.find((f) => f.key === 'ai-risk-assessment')!.examples.valid[0]
      .data as object;
    const next = async () => (await manager.get(`/api/process-instances/${instanceId}`)).body;
    const identify = started.body.openTasks[0];
    expect((await manager.post(`/api/tasks/${identify.id}/complete`, { data: { done: true } })).status).toBe(
      200,
    );
    const analyse = (await next()).openTasks[0];
    const analysed = await manager.post(`/api/tasks/${analyse.id}/complete`, {
      data: { ...example, treatment: 'modify', riskOwner: ceoId },
    });
    expect(analysed.status).toBe(200);
    const evaluating = await next();
    expect(evaluating.state).toBe('evaluating');
    const [evaluation] = (await manager.get(`/api/process-instances/${instanceId}/approvals`)).body.items;
    expect(evaluation).toMatchObject({ status: 'pending', stateId: 'ai-risk-assessment.evaluating' });
    // The analyst, by the API and through the evaluation task.
    const own = await manager.post(`/api/approvals/${evaluation.id}/decisions`, { decision: 'approve' });
    expect(own.status).toBe(403);
    const [task] = evaluating.openTasks;
    expect(task).toMatchObject({ formKey: 'approval-decision', approvalId: evaluation.id });
    expect(
      (await manager.post(`/api/tasks/${task.id}/complete`, { data: { decision: 'approve' } })).status,
    ).toBe(403);
    const refused = (await history(manager, instanceId)).filter((h) => h.kind === 'approval.refused');
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatchObject({ actorId: managerId });
    // Another manager evaluates; the flow goes on to the treatment.
    expect(
      (await deputy.post(`/api/approvals/${evaluation.id}/decisions`, { decision: 'approve' })).status,
    ).toBe(200);
    const after = await next();
    expect(after.state).toBe('treating');
    expect(after.context.evaluation).toMatchObject({ approvalId: evaluation.id });
  });
});
