import { createActor, createMachine } from 'xstate';
import type { Principal } from '../identity/auth/principal';
import { principalOf } from '../testing/principals';
import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';
import { ProcessRuntime } from './process-runtime';
import { TimerPoller } from './timer-poller.service';

const reviewMachine = {
  id: 'review',
  initial: 'drafting',
  context: { ownerId: null },
  states: {
    drafting: {
      meta: { task: { form: 'generic-task', title: 'Draft it', candidateRole: 'contributor', dueIn: 'P7D' } },
      on: { SUBMIT: { target: 'reviewing', actions: [{ type: 'assignFromForm', params: { to: 'draft' } }] } },
    },
    reviewing: {
      on: {
        APPROVE: 'done',
        REJECT: 'drafting',
      },
    },
    done: { type: 'final', output: { outcome: 'approved' } },
  },
};

const nestedParallelMachine = {
  id: 'shapes',
  initial: 'a',
  states: {
    a: { on: { GO: 'b' } },
    b: {
      type: 'parallel',
      states: {
        left: { initial: 'l1', states: { l1: { on: { L: 'l2' } }, l2: { type: 'final' } } },
        right: {
          initial: 'r1',
          states: {
            r1: { on: { R: 'r2' } },
            r2: { initial: 'x', states: { x: { on: { X: 'y' } }, y: { type: 'final' } }, onDone: 'r3' },
            r3: { type: 'final' },
          },
        },
      },
      onDone: 'c',
    },
    c: { always: 'd' },
    d: { type: 'final' },
  },
};

describe('workflow engine over HTTP and a real database', () => {
  let t: TestApp;
  let manager: ApiClient;
  let deployer: ApiClient;
  let owner: ApiClient;
  let runtime: ProcessRuntime;
  let ownerP: Principal;

  const savedEnv = { ...process.env };
  beforeAll(async () => {
    // The timer test ticks the poller itself; a background tick could fire its timer first.
    process.env.TIMER_POLL_MS = '0';
    t = await startTestApp();
    manager = await t.login('manager@acme.example');
    deployer = await t.login('admin@acme.example');
    owner = await t.login('owner@acme.example');
    runtime = t.app.get(ProcessRuntime);
    ownerP = await principalOf(t.dataSource, 'owner@acme.example');
  });
  afterAll(async () => {
    await t.close();
    process.env = savedEnv;
  });

  async function deploy(key: string, machine: object) {
    const res = await deployer.post('/api/workflow-definitions', { key, name: key, machine });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function start(definitionKey: string, input?: object) {
    const res = await manager.post('/api/process-instances', { definitionKey, input });
    expect(res.status).toBe(201);
    return res.body;
  }

  describe('POST /api/workflow-definitions', () => {
    it('deploys version 1, treats the same content as a no-op and changed content as version 2', async () => {
      expect(await deploy('review', reviewMachine)).toEqual({ key: 'review', version: 1, created: true });
      expect(await deploy('review', reviewMachine)).toEqual({ key: 'review', version: 1, created: false });
      const changed = {
        ...reviewMachine,
        states: {
          ...reviewMachine.states,
          reviewing: { on: { APPROVE: 'done', REJECT: 'drafting', HOLD: 'reviewing' } },
        },
      };
      expect(await deploy('review', changed)).toEqual({ key: 'review', version: 2, created: true });
      const v1 = await manager.get('/api/workflow-definitions/review/versions/1');
      expect(v1.body.machine).toEqual(reviewMachine);
      expect(v1.body.graph.nodes.map((n: { label: string }) => n.label)).toEqual(
        expect.arrayContaining(['drafting', 'reviewing', 'done']),
      );
    });

    it('refuses an invalid definition with 422 and the reasons', async () => {
      const res = await deployer.post('/api/workflow-definitions', {
        key: 'broken',
        name: 'Broken',
        machine: {
          id: 'broken',
          initial: 'a',
          states: {
            a: { on: { GO: { target: 'b', actions: [{ type: 'launchRockets' }] } }, after: { PXYZ: 'b' } },
            b: { type: 'final' },
          },
        },
      });
      expect(res.status).toBe(422);
      const reasons = res.body.errors.map((e: { message: string }) => e.message).join('\n');
      expect(reasons).toMatch(/launchRockets/);
      expect(reasons).toMatch(/PXYZ/);
      const unreachable = await deployer.post('/api/workflow-definitions', {
        key: 'unreachable',
        name: 'Unreachable',
        machine: {
          id: 'unreachable',
          initial: 'a',
          states: { a: { on: { GO: 'b' } }, b: { type: 'final' }, orphan: { type: 'final' } },
        },
      });
      expect(unreachable.status).toBe(422);
      expect(unreachable.body.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(/orphan/);
    });

    it('lets a contributor read but not deploy', async () => {
      expect((await owner.get('/api/workflow-definitions')).status).toBe(200);
      expect(
        (await owner.post('/api/workflow-definitions', { key: 'x', name: 'x', machine: {} })).status,
      ).toBe(403);
    });
  });

  describe('instances', () => {
    it('reaches exactly the state values XState computes for nested, parallel, eventless and final states', async () => {
      await deploy('shapes', nestedParallelMachine);
      const instance = await start('shapes');
      const actor = createActor(createMachine(nestedParallelMachine as never)).start();
      expect(instance.state).toEqual(actor.getSnapshot().value);
      for (const type of ['GO', 'L', 'R', 'X']) {
        const res = await manager.post(`/api/process-instances/${instance.id}/events`, { type });
        expect(res.status).toBe(200);
        actor.send({ type });
        expect(res.body.state).toEqual(actor.getSnapshot().value);
      }
      const done = await manager.get(`/api/process-instances/${instance.id}`);
      expect(done.body.status).toBe('completed');
      expect(actor.getSnapshot().status).toBe('done');
    });

    it('answers 409 for an event the current state does not accept, and changes nothing', async () => {
      const instance = await start('shapes');
      const res = await manager.post(`/api/process-instances/${instance.id}/events`, { type: 'L' });
      expect(res.status).toBe(409);
      expect((await manager.get(`/api/process-instances/${instance.id}`)).body.version).toBe(
        instance.version,
      );
    });

    it('lists instances with filters and a keyset cursor', async () => {
      const first = await manager.get('/api/process-instances?definitionKey=shapes&limit=1');
      expect(first.body.items).toHaveLength(1);
      const second = await manager.get(
        `/api/process-instances?definitionKey=shapes&limit=1&cursor=${first.body.nextCursor}`,
      );
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
      expect(
        (await manager.get('/api/process-instances?status=completed&definitionKey=shapes')).body.items,
      ).toHaveLength(1);
    });
  });

  describe('human tasks', () => {
    it('opens a task on entry, requires a claim by a candidate, completes it and moves on', async () => {
      const instance = await start('review', {});
      expect(instance.openTasks).toHaveLength(1);
      const task = instance.openTasks[0];
      expect(task).toMatchObject({
        title: 'Draft it',
        candidateRole: 'contributor',
        assigneeId: null,
        status: 'open',
      });
      expect(new Date(task.dueAt).getTime() - new Date(task.createdAt).getTime()).toBeCloseTo(
        7 * 86_400_000,
        -4,
      );

      expect(
        (await owner.post(`/api/tasks/${task.id}/complete`, { data: { done: true, note: 'x' } })).status,
      ).toBe(403);
      const ceo = await t.login('ceo@acme.example');
      expect((await ceo.post(`/api/tasks/${task.id}/claim`)).status).toBe(403);
      expect((await owner.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
      expect((await owner.post(`/api/tasks/${task.id}/complete`, { data: 'not an object' })).status).toBe(
        400,
      );
      const done = await owner.post(`/api/tasks/${task.id}/complete`, {
        data: { done: true, note: 'first draft' },
      });
      expect(done.status).toBe(200);
      expect(
        (await owner.post(`/api/tasks/${task.id}/complete`, { data: { done: true, note: 'again' } })).status,
      ).toBe(409);

      const after = await manager.get(`/api/process-instances/${instance.id}`);
      expect(after.body.state).toBe('reviewing');
      expect(after.body.context.draft).toEqual({ done: true, note: 'first draft' });
      expect(after.body.openTasks).toEqual([]);
    });

    it('refuses to complete a task through the raw events endpoint', async () => {
      const instance = await start('review', {});
      const res = await manager.post(`/api/process-instances/${instance.id}/events`, { type: 'SUBMIT' });
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/SUBMIT is the outcome of the task of state review\.drafting/);
      expect((await manager.get(`/api/process-instances/${instance.id}`)).body.openTasks).toHaveLength(1);
    });

    it('cancels the open task when the instance leaves its state, and a cancelled task answers 409', async () => {
      const instance = await start('review', {});
      const taskId = instance.openTasks[0].id;
      await owner.post(`/api/tasks/${taskId}/claim`);
      await manager.post(`/api/process-instances/${instance.id}/cancel`);
      expect((await owner.get(`/api/tasks/${taskId}`)).body.status).toBe('cancelled');
      expect((await owner.post(`/api/tasks/${taskId}/complete`, { data: {} })).status).toBe(409);
    });

    it('lets exactly one of 200 concurrent completions of the same task win', async () => {
      const instance = await start('review', {});
      const taskId = instance.openTasks[0].id;
      await owner.post(`/api/tasks/${taskId}/claim`);
      const historyBefore = (await manager.get(`/api/process-instances/${instance.id}/history`)).body.items
        .length;
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          owner.post(`/api/tasks/${taskId}/complete`, { data: { done: true, note: `attempt ${i}` } }),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(199);
      const after = await manager.get(`/api/process-instances/${instance.id}`);
      expect(after.body.version).toBe(instance.version + 1);
      const history = (await manager.get(`/api/process-instances/${instance.id}/history`)).body.items;
      expect(history.filter((h: { kind: string }) => h.kind === 'task.completed')).toHaveLength(1);
      expect(history.length).toBe(historyBefore + 1);
    });
  });

  describe('parallel branches', () => {
    const joinMachine = {
      id: 'join',
      initial: 'work',
      states: {
        work: {
          type: 'parallel',
          states: {
            a: {
              initial: 'todo',
              states: {
                todo: {
                  meta: {
                    task: { form: 'generic-task', assignee: '{{context.ownerId}}', completeEvent: 'A_DONE' },
                  },
                  on: { A_DONE: 'done' },
                },
                done: { type: 'final' },
              },
            },
            b: {
              initial: 'todo',
              states: {
                todo: {
                  meta: {
                    task: { form: 'generic-task', assignee: '{{context.ownerId}}', completeEvent: 'B_DONE' },
                  },
                  on: { B_DONE: 'done' },
                },
                done: { type: 'final' },
              },
            },
          },
          onDone: 'joined',
        },
        joined: {
          entry: [
            {
              type: 'notify',
              params: { to: 'aims-manager', template: 'message', data: { title: 'joined' } },
            },
          ],
          type: 'final',
        },
      },
    };

    it('fires the join exactly once when both branches complete at the same moment, every time', async () => {
      await deploy('join', joinMachine);
      const iterations = Number(process.env.JOIN_ITERATIONS ?? (t.driver === 'postgres' ? 1000 : 100));
      for (let i = 0; i < iterations; i++) {
        const instance = await runtime.start(ownerP.organizationId, ownerP, {
          definitionKey: 'join',
          input: { ownerId: ownerP.userId },
        });
        const tasks: { id: string }[] = await t.dataSource.query(
          `SELECT id FROM tasks WHERE instance_id = $1 AND status = 'open'`,
          [instance.id],
        );
        expect(tasks).toHaveLength(2);
        await Promise.all(
          tasks.map((task, j) =>
            runtime.completeTask(ownerP.organizationId, ownerP, task.id, { done: true, note: `branch ${j}` }),
          ),
        );
      }
      const [stuck] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM process_instances WHERE definition_key = 'join' AND status <> 'completed'`,
      );
      expect(stuck.n).toBe(0);
      const [joins] = await t.dataSource.query(
        `SELECT count(*)::int AS n, count(DISTINCT payload->>'instanceId')::int AS distinct_instances FROM outbox_messages WHERE payload->'data'->>'title' = 'joined'`,
      );
      expect(joins).toEqual({ n: iterations, distinct_instances: iterations });
    });
  });

  describe('durable timers', () => {
    const timerMachine = {
      id: 'reminder',
      initial: 'waiting',
      states: {
        waiting: { after: { PT1H: 'late' }, on: { DONE: 'finished' } },
        late: {
          entry: [
            { type: 'notify', params: { to: 'aims-manager', template: 'message', data: { title: 'late' } } },
          ],
          on: { DONE: 'finished' },
        },
        finished: { type: 'final' },
      },
    };

    it('stores a timer in the database, fires it once when due, and cancels it when its state is left', async () => {
      await deploy('reminder', timerMachine);
      const fires = await start('reminder');
      const leaves = await start('reminder');
      const [timer] = await t.dataSource.query(
        `SELECT due_at - now() AS wait, status FROM timers WHERE instance_id = $1`,
        [fires.id],
      );
      expect(timer.status).toBe('scheduled');
      await manager.post(`/api/process-instances/${leaves.id}/events`, { type: 'DONE' });
      expect(
        (await t.dataSource.query(`SELECT status FROM timers WHERE instance_id = $1`, [leaves.id]))[0].status,
      ).toBe('cancelled');

      await t.dataSource.query(
        `UPDATE timers SET due_at = now() - interval '1 second' WHERE instance_id IN ($1, $2)`,
        [fires.id, leaves.id],
      );
      const poller = t.app.get(TimerPoller);
      expect(await poller.tick()).toBe(1);
      expect(await poller.tick()).toBe(0);
      expect((await manager.get(`/api/process-instances/${fires.id}`)).body.state).toBe('late');
      expect((await manager.get(`/api/process-instances/${leaves.id}`)).body.state).toBe('finished');
    });
  });

  describe('sub-processes', () => {
    it('runs one child per item, resumes the parent with every output, and cancels children with the parent', async () => {
      await deploy('item-check', {
        id: 'item-check',
        initial: 'check',
        states: {
          check: {
            meta: { task: { form: 'generic-task', candidateRole: 'contributor' } },
            on: { SUBMIT: { target: 'ok', actions: [{ type: 'assignFromForm', params: { to: 'result' } }] } },
          },
          ok: { type: 'final', output: { item: '{{context.item}}', result: '{{context.result}}' } },
        },
      });
      await deploy('batch', {
        id: 'batch',
        initial: 'checking',
        context: { items: [] },
        states: {
          checking: {
            meta: { subprocess: { definitionKey: 'item-check', forEach: 'context.items' } },
            on: {
              CHILDREN_DONE: {
                target: 'summarised',
                actions: [{ type: 'assignFromForm', params: { to: 'outputs' } }],
              },
            },
          },
          summarised: { type: 'final' },
        },
      });
      const parent = await start('batch', { items: ['A.2.2', 'A.5.2', 'A.6.1.2'] });
      expect(parent.children).toHaveLength(3);
      for (const child of parent.children) {
        const view = (await manager.get(`/api/process-instances/${child.id}`)).body;
        await owner.post(`/api/tasks/${view.openTasks[0].id}/claim`);
        const res = await owner.post(`/api/tasks/${view.openTasks[0].id}/complete`, {
          data: { done: true, note: 'implemented' },
        });
        expect(res.status).toBe(200);
      }
      const done = (await manager.get(`/api/process-instances/${parent.id}`)).body;
      expect(done.status).toBe('completed');

      const cancelled = await start('batch', { items: ['x', 'y'] });
      await manager.post(`/api/process-instances/${cancelled.id}/cancel`);
      const view = (await manager.get(`/api/process-instances/${cancelled.id}`)).body;
      expect(view.status).toBe('cancelled');
      expect(view.children.map((c: { status: string }) => c.status)).toEqual(['cancelled', 'cancelled']);
      const [open] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM tasks WHERE status = 'open' AND instance_id IN (SELECT id FROM process_instances WHERE parent_id = $1)`,
        [cancelled.id],
      );
      expect(open.n).toBe(0);
    });

    it('continues at once when the list of items is empty', async () => {
      const parent = await start('batch', { items: [] });
      expect((await manager.get(`/api/process-instances/${parent.id}`)).body.status).toBe('completed');
    });
  });

  describe('versions and migration', () => {
    it('keeps running instances on their version and migrates one on request, recorded in history', async () => {
      const instance = await start('review', {}); // latest = v2
      expect(instance.definitionVersion).toBe(2);
      const old = await manager.post('/api/process-instances', { definitionKey: 'review', version: 1 });
      expect(old.body.definitionVersion).toBe(1);
      expect(
        (await manager.post(`/api/process-instances/${old.body.id}/migrate`, { toVersion: 2 })).status,
      ).toBe(403);
      const admin = await t.login('admin@acme.example');
      const res = await admin.post(`/api/process-instances/${old.body.id}/migrate`, { toVersion: 2 });
      expect(res.status).toBe(200);
      expect(res.body.definitionVersion).toBe(2);
      expect(res.body.openTasks).toHaveLength(1);
      const history = (await manager.get(`/api/process-instances/${old.body.id}/history`)).body.items;
      expect(history.at(-1).kind).toBe('instance.migrated');
      const bad = await admin.post(`/api/process-instances/${instance.id}/migrate`, {
        toVersion: 1,
        stateMapping: { drafting: 'nowhere' },
      });
      expect(bad.status).toBe(422);
    });
  });

  describe('history', () => {
    it('chains every record of the organisation and the chain verifies', async () => {
      const instance = await start('review', {});
      const history = (await manager.get(`/api/process-instances/${instance.id}/history`)).body.items;
      expect(history[0]).toMatchObject({ kind: 'instance.started', stateAfter: 'drafting' });
      expect(history[0].hash).toMatch(/^[0-9a-f]{64}$/);
      const reports = await t.verifyAudit();
      expect(reports.length).toBeGreaterThan(0);
      expect(reports.every((r) => r.ok)).toBe(true);
    });

    it('is refused UPDATE and DELETE by the database itself', async () => {
      await expect(t.dataSource.query(`UPDATE history_records SET kind = 'forged'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(t.dataSource.query(`DELETE FROM history_records`)).rejects.toThrow(/append-only/);
    });

    it('reports the first broken link when a record was tampered with behind the trigger', async () => {
      const [victim] = await t.dataSource.query(
        `SELECT id, seq FROM history_records ORDER BY seq LIMIT 1 OFFSET 3`,
      );
      await t.dataSource.transaction(async (tx) => {
        await tx.query('ALTER TABLE history_records DISABLE TRIGGER history_records_no_update_delete');
        await tx.query(`UPDATE history_records SET payload = '{"forged": true}' WHERE id = $1`, [victim.id]);
        await tx.query('ALTER TABLE history_records ENABLE TRIGGER history_records_no_update_delete');
      });
      const reports = await t.verifyAudit();
      const broken = reports.find((r) => !r.ok)!;
      expect(broken.firstBroken).toMatchObject({ seq: victim.seq, reason: expect.stringMatching(/altered/) });
    });
  });

  it("answers 404 for another organisation's instance", async () => {
    const { createOrganization } = await import('../testing/test-app');
    await createOrganization(t.dataSource, 'initech', [
      { email: 'mgr@initech.example', roles: ['aims-manager'] },
    ]);
    const other = await t.login('mgr@initech.example');
    const instance = await start('review', {});
    expect((await other.get(`/api/process-instances/${instance.id}`)).status).toBe(404);
    expect((await other.post(`/api/process-instances/${instance.id}/cancel`)).status).toBe(404);
    expect((await other.get(`/api/tasks/${instance.openTasks[0].id}`)).status).toBe(404);
  });
});
