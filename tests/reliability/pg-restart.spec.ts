import { execFileSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { generateAuditSigningKeyPem } from '../../apps/api/src/audit/audit-signing-key';
import { verifyAuditTrail } from '../../apps/api/src/audit/audit-verifier';
import {
  connect,
  createDatabase,
  describeWithServer,
  login,
  mapLimit,
  Phases,
  queryable,
  sleep,
  startApi,
  waitFor,
  type ApiProcess,
  type FreshDatabase,
} from './support';

const INSTANCES = 24;
const CLIENTS = 4;
/** The cluster `.ci/run` starts (`pg_ctlcluster 15 main start`); PG_CLUSTER overrides it, e.g. "16 main". */
const CLUSTER = (process.env.PG_CLUSTER ?? '15 main').split(' ');
const CAN_RESTART = existsSync('/usr/bin/pg_ctlcluster') && process.getuid?.() === 0;

const loopMachine = {
  id: 'loop',
  initial: 'a',
  context: { ownerId: null },
  states: {
    a: {
      meta: { task: { form: 'generic-task', title: 'A', assignee: '{{context.ownerId}}' } },
      on: { SUBMIT: 'b', STOP: 'done' },
    },
    b: {
      meta: { task: { form: 'generic-task', title: 'B', assignee: '{{context.ownerId}}' } },
      on: { SUBMIT: 'a', STOP: 'done' },
    },
    done: { type: 'final' },
  },
};

function pgctl(action: 'stop' | 'start'): void {
  execFileSync('pg_ctlcluster', [...CLUSTER, action, ...(action === 'stop' ? ['-m', 'fast'] : [])], {
    stdio: 'inherit',
  });
}

(CAN_RESTART ? describeWithServer : describe.skip)('PostgreSQL stops and starts again under load', () => {
  let db: FreshDatabase;
  let api: ApiProcess | undefined;
  const phases = new Phases();

  beforeAll(async () => {
    phases.start();
    db = await createDatabase('aimsflow_rel_pgrestart');
  });

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
    phases.print('PostgreSQL restarted under a bounded load');
  });

  it('answers 503 with Retry-After while it is down, recovers without an API restart, and loses no acknowledged write', async () => {
    const signingKey = generateAuditSigningKeyPem();
    api = await startApi({
      label: 'api',
      env: {
        DATABASE_URL: db.url,
        AIMSFLOW_SEED_DEMO: 'true',
        AUDIT_SIGNING_KEY: signingKey,
        API_RATE_LIMIT_PER_MINUTE: '0',
      },
    });
    const manager = await login(api.baseUrl, 'manager@acme.example');
    const owner = await login(api.baseUrl, 'owner@acme.example');
    await (
      await login(api.baseUrl, 'admin@acme.example')
    ).call('POST', '/api/workflow-definitions', {
      key: 'loop',
      name: 'Loop',
      machine: loopMachine,
    });
    const instances = await mapLimit(
      Array.from({ length: INSTANCES }, (_, i) => i),
      6,
      async () => {
        const started = await manager.call('POST', '/api/process-instances', {
          definitionKey: 'loop',
          input: { ownerId: owner.user.id },
        });
        return { id: started.id as string, taskId: started.openTasks[0].id as string };
      },
    );
    phases.mark(`start API, ${INSTANCES} instances`);

    // A bounded load: CLIENTS loops of completions, each waiting for its answer, for a fixed time.
    const acknowledged: string[] = [];
    const statuses = new Map<number | string, number>();
    const count = (s: number | string) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    const until = Date.now() + 14_000;
    const driving = Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const mine = instances.filter((_, i) => i % CLIENTS === c);
        for (let k = 0; Date.now() < until; k++) {
          const inst = mine[k % mine.length];
          try {
            const done = await owner.request('POST', `/api/tasks/${inst.taskId}/complete`, {
              data: { done: true },
            });
            count(done.status);
            if (done.status === 200) acknowledged.push(inst.taskId);
            const view = await owner.request('GET', `/api/process-instances/${inst.id}`);
            if (view.status === 200) inst.taskId = view.body.openTasks[0].id;
          } catch (error) {
            count(`network: ${(error as Error).message}`);
          }
          await sleep(20);
        }
      }),
    );

    await sleep(2_000);
    pgctl('stop');
    phases.mark('load for 2 s, then PostgreSQL stopped');
    // While it is down every route answers 503 with Retry-After, and health says so without the address.
    await sleep(1_000);
    const health = await fetch(`${api.baseUrl}/api/health`);
    const route = await fetch(`${api.baseUrl}/api/process-instances`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    const healthBody = await health.text();
    const outage = {
      health: health.status,
      route: route.status,
      retryAfter: route.headers.get('retry-after'),
    };
    await sleep(3_000);
    pgctl('start');
    phases.mark('4 s down, PostgreSQL started');

    await waitFor(
      async () => (await fetch(`${api!.baseUrl}/api/health`)).status === 200,
      30_000,
      () => 'the API did not report healthy again',
    );
    phases.mark('API healthy again (same process)');
    await driving;
    phases.mark(`load ended: ${JSON.stringify(Object.fromEntries(statuses))}`);

    expect(outage).toEqual({ health: 503, route: 503, retryAfter: expect.stringMatching(/^\d+$/) });
    expect(healthBody).not.toMatch(/127\.0\.0\.1|5432|aimsflow_rel/);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(20);
    expect(api.pid).toBeGreaterThan(0);
    expect(await Promise.race([api.exited.then(() => 'exited'), sleep(50).then(() => 'running')])).toBe(
      'running',
    );

    // Every acknowledged completion is durable, and the trail still verifies.
    const sql = await connect(db.url);
    try {
      const { rows } = await sql.query(
        `SELECT id FROM tasks WHERE status = 'completed' AND id = ANY($1::uuid[])`,
        [acknowledged],
      );
      const completed = new Set(rows.map((r) => r.id));
      expect(acknowledged.filter((id) => !completed.has(id))).toEqual([]);
      const chains = await verifyAuditTrail(queryable(sql), { trustedKeys: [createPublicKey(signingKey)] });
      expect(chains.filter((c) => !c.ok)).toEqual([]);
      phases.mark(`${acknowledged.length} acknowledged completions all durable; audit trail verified`);
    } finally {
      await sql.end();
    }

    // And work goes on through the same process.
    const view = await owner.call('GET', `/api/process-instances/${instances[0].id}`);
    await owner.call('POST', `/api/tasks/${view.openTasks[0].id}/complete`, { data: { done: true } }, [200]);
  });
});
