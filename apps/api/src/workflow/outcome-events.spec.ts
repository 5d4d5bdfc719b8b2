import type { Principal } from '../identity/auth/principal';
import { principalOf } from '../testing/principals';
import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';
import { ProcessRuntime } from './process-runtime';

/** V1/D1: outcome events come only from the server. D5/S14: a migration opens the work of the states it enters. */
describe('outcome events and migration', () => {
  let t: TestApp;
  let manager: ApiClient;
  let admin: ApiClient;
  let owner: ApiClient;
  let ownerP: Principal;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.login('manager@acme.example');
    admin = await t.login('admin@acme.example');
    owner = await t.login('owner@acme.example');
    ownerP = await principalOf(t.dataSource, 'owner@acme.example');
  });
  afterAll(() => t.close());

  const view = async (id: string) => (await manager.get(`/api/process-instances/${id}`)).body;
  const history = async (id: string) =>
    (await manager.get(`/api/process-instances/${id}/history`)).body.items as {
      kind: string;
      eventType: string | null;
      actorId: string | null;
      payload: { reason?: string } | null;
    }[];
  const approvals = (id: string): Promise<{ status: string; state_id: string }[]> =>
    t.dataSource.query(`SELECT status, state_id FROM approvals WHERE instance_id = $1`, [id]);

  async function documentInApproval() {
    const started = await manager.post('/api/process-instances', {
      definitionKey: 'document-approval',
      input: { ownerId: ownerP.userId, title: 'AI policy' },
    });
    expect(started.status).toBe(201);
    const draft = started.body.openTasks[0];
    const done = await owner.post(`/api/tasks/${draft.id}/complete`, { data: { done: true, note: 'v1' } });
    expect(done.status).toBe(200);
    const instance = await view(started.body.id);
    expect(instance.state).toBe('inApproval');
    return instance;
  }

  describe('POST /api/process-instances/:id/events refuses outcome events (V1)', () => {
    it.each([
      ['an AIMS manager', () => manager, 'manager@acme.example'],
      ['an admin', () => admin, 'admin@acme.example'],
    ])(
      '%s cannot send APPROVED: 403, the chain stays pending and the refusal is recorded',
      async (_, client, email) => {
        const instance = await documentInApproval();
        const res = await client().post(`/api/process-instances/${instance.id}/events`, { type: 'APPROVED' });
        expect(res.status).toBe(403);
        expect(res.body.detail).toBe(
          'APPROVED is the outcome of the approval chain of state document-approval.inApproval; only the server sends it.',
        );
        const after = await view(instance.id);
        expect(after).toMatchObject({ state: 'inApproval', status: 'active', version: instance.version });
        expect(await approvals(instance.id)).toEqual([
          { status: 'pending', state_id: 'document-approval.inApproval' },
        ]);
        const refused = (await history(instance.id)).filter((h) => h.kind === 'event.refused');
        expect(refused).toEqual([
          expect.objectContaining({
            eventType: 'APPROVED',
            actorId: (await principalOf(t.dataSource, email)).userId,
            payload: { reason: res.body.detail },
          }),
        ]);
        expect(
          (await client().post(`/api/process-instances/${instance.id}/events`, { type: 'REJECTED' })).status,
        ).toBe(403);
        expect((await view(instance.id)).state).toBe('inApproval');
      },
    );

    it('refuses a task completion event, whichever state the instance is in', async () => {
      const started = await manager.post('/api/process-instances', {
        definitionKey: 'document-approval',
        input: { ownerId: ownerP.userId },
      });
      const res = await admin.post(`/api/process-instances/${started.body.id}/events`, { type: 'SUBMIT' });
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(
        /SUBMIT is the outcome of the task of state document-approval\.drafting/,
      );
      const after = await view(started.body.id);
      expect(after.state).toBe('drafting');
      expect(after.openTasks.map((task: { id: string }) => task.id)).toEqual([started.body.openTasks[0].id]);
      expect((await history(started.body.id)).map((h) => h.kind)).toContain('event.refused');
      const decision = await manager.post(`/api/process-instances/${started.body.id}/events`, {
        type: 'APPROVAL_DECISION',
      });
      expect(decision.status).toBe(403);
    });

    it('refuses a sub-process done event; the parent keeps waiting for its children', async () => {
      const deploy = async (key: string, machine: object) =>
        expect((await admin.post('/api/workflow-definitions', { key, name: key, machine })).status).toBe(201);
      await deploy('outcome-child', {
        id: 'outcome-child',
        initial: 'check',
        states: {
          check: {
            meta: { task: { form: 'generic-task', candidateRole: 'contributor' } },
            on: { SUBMIT: 'ok' },
          },
          ok: { type: 'final' },
        },
      });
      await deploy('outcome-parent', {
        id: 'outcome-parent',
        initial: 'checking',
        states: {
          checking: {
            meta: { subprocess: { definitionKey: 'outcome-child' } },
            on: { CHILDREN_DONE: 'summarised' },
          },
          summarised: { type: 'final' },
        },
      });
      const parent = (await manager.post('/api/process-instances', { definitionKey: 'outcome-parent' })).body;
      const res = await manager.post(`/api/process-instances/${parent.id}/events`, { type: 'CHILDREN_DONE' });
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/sub-processes of state outcome-parent\.checking/);
      expect((await view(parent.id)).state).toBe('checking');
      // The server's own CHILDREN_DONE (with the batch's stateId) still moves the parent on.
      const child = await view(parent.children[0].id);
      await owner.post(`/api/tasks/${child.openTasks[0].id}/claim`);
      await owner.post(`/api/tasks/${child.openTasks[0].id}/complete`, { data: { done: true, note: 'ok' } });
      expect(await view(parent.id)).toMatchObject({ state: 'summarised', status: 'completed' });
      const done = (await history(parent.id)).find((h) => h.kind === 'children.done');
      expect(done?.payload).toMatchObject({ stateId: 'outcome-parent.checking' });
    });

    it('refuses server-only fields: 400 over HTTP and from any other caller', async () => {
      const started = await manager.post('/api/process-instances', {
        definitionKey: 'document-approval',
        input: { ownerId: ownerP.userId },
      });
      const res = await manager.post(`/api/process-instances/${started.body.id}/events`, {
        type: 'WITHDRAW',
        stateId: 'document-approval.drafting',
      });
      expect(res.status).toBe(400);
      const runtime = t.app.get(ProcessRuntime);
      const managerP = await principalOf(t.dataSource, 'manager@acme.example');
      await expect(
        runtime.send(managerP.organizationId, managerP, started.body.id, { type: 'WITHDRAW', actorId: 'x' }),
      ).rejects.toMatchObject({ status: 400 });
      // Other events still go through.
      const withdrawn = await manager.post(`/api/process-instances/${started.body.id}/events`, {
        type: 'WITHDRAW',
      });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.status).toBe('completed');
    });
  });

  describe('migration opens the work of the states it enters (D5/S14)', () => {
    const machine = (hold: boolean) => ({
      id: 'mig',
      initial: 'idle',
      states: {
        idle: { on: { GO: 'drafting', ...(hold ? { HOLD: 'idle' } : {}) } },
        drafting: {
          meta: { task: { form: 'generic-task', title: 'Draft', candidateRole: 'contributor' } },
          on: { SUBMIT: 'inApproval' },
        },
        inApproval: {
          meta: { approval: { levels: [{ role: 'aims-manager', rule: 'any' }] } },
          on: { APPROVED: 'approved', REJECTED: 'drafting' },
        },
        approved: { type: 'final' },
      },
    });

    beforeAll(async () => {
      for (const hold of [false, true]) {
        const res = await admin.post('/api/workflow-definitions', {
          key: 'mig',
          name: 'mig',
          machine: machine(hold),
        });
        expect(res.status).toBe(201);
      }
    });

    async function startV1() {
      const res = await manager.post('/api/process-instances', { definitionKey: 'mig', version: 1 });
      expect(res.body.definitionVersion).toBe(1);
      return res.body;
    }
    const migrate = (id: string, stateMapping?: Record<string, string>) =>
      admin.post(`/api/process-instances/${id}/migrate`, {
        toVersion: 2,
        ...(stateMapping ? { stateMapping } : {}),
      });

    it('opens the task of a task state it enters', async () => {
      const instance = await startV1();
      expect(instance.openTasks).toEqual([]);
      const res = await migrate(instance.id, { idle: 'drafting' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'drafting', definitionVersion: 2 });
      expect(res.body.openTasks).toEqual([
        expect.objectContaining({ stateId: 'mig.drafting', title: 'Draft', candidateRole: 'contributor' }),
      ]);
      const migrated = (await history(instance.id)).find((h) => h.kind === 'instance.migrated');
      expect(migrated?.payload).toMatchObject({ enteredStates: ['mig.drafting'], leftStates: ['mig.idle'] });
    });

    it('starts the approval chain of an approval state it enters, and refuses a final state (S14)', async () => {
      const instance = await startV1();
      const res = await migrate(instance.id, { idle: 'inApproval' });
      expect(res.status).toBe(200);
      expect(res.body.state).toBe('inApproval');
      expect(await approvals(instance.id)).toEqual([{ status: 'pending', state_id: 'mig.inApproval' }]);

      const again = await startV1();
      const before = await view(again.id);
      const refused = await migrate(again.id, { idle: 'approved' });
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([
        { pointer: '', message: expect.stringMatching(/mig\.approved is a final state.*Cancel/) },
      ]);
      expect(await view(again.id)).toMatchObject({
        state: 'idle',
        status: 'active',
        definitionVersion: 1,
        version: before.version,
      });
      expect((await history(again.id)).map((h) => h.kind)).not.toContain('instance.migrated');
    });

    it('refuses migrating an instance in approval to a final state, leaving the chain as it was', async () => {
      const instance = await startV1();
      await migrate(instance.id, { idle: 'inApproval' });
      const res = await admin.post(`/api/process-instances/${instance.id}/migrate`, {
        toVersion: 1,
        stateMapping: { inApproval: 'approved' },
      });
      expect(res.status).toBe(422);
      expect(await view(instance.id)).toMatchObject({
        state: 'inApproval',
        status: 'active',
        definitionVersion: 2,
      });
      expect(await approvals(instance.id)).toEqual([{ status: 'pending', state_id: 'mig.inApproval' }]);
    });

    it('keeps the open tasks of a state that stays active', async () => {
      const instance = await startV1();
      await manager.post(`/api/process-instances/${instance.id}/events`, { type: 'GO' });
      const task = (await view(instance.id)).openTasks[0];
      const res = await migrate(instance.id);
      expect(res.status).toBe(200);
      expect(res.body.openTasks.map((open: { id: string }) => open.id)).toEqual([task.id]);
    });

    it('cancels the approval chain of an approval state it leaves', async () => {
      const instance = await startV1();
      await migrate(instance.id, { idle: 'inApproval' });
      const res = await admin.post(`/api/process-instances/${instance.id}/migrate`, {
        toVersion: 1,
        stateMapping: { inApproval: 'drafting' },
      });
      expect(res.status).toBe(200);
      expect(await approvals(instance.id)).toEqual([{ status: 'cancelled', state_id: 'mig.inApproval' }]);
      expect(res.body.openTasks).toEqual([expect.objectContaining({ stateId: 'mig.drafting' })]);
    });
  });
});
