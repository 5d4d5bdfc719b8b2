import { Client } from 'pg';
import { REGISTERS_CHANNEL } from '../registers/register-catalog';
import { startTestApp, type ApiClient, type ApiResponse, type TestApp } from '../testing/test-app';

/** The benchmark's loop (tools/bench/engine/run.js): a ⇄ b, each state opens a task for the owner. */
const LOOP = {
  id: 'round-trip-loop',
  initial: 'a',
  context: { ownerId: null },
  states: {
    a: {
      meta: { task: { form: 'generic-task', title: 'Loop A', assignee: '{{context.ownerId}}' } },
      on: { SUBMIT: 'b', STOP: 'done' },
    },
    b: {
      meta: { task: { form: 'generic-task', title: 'Loop B', assignee: '{{context.ownerId}}' } },
      on: { SUBMIT: 'a', STOP: 'done' },
    },
    done: { type: 'final' },
  },
};

/** Most statements one plain task completion's transaction may send, BEGIN and COMMIT included. */
const MAX_STATEMENTS = 5;

interface Sent {
  client: unknown;
  text: string;
}

/** Records every statement sent through `pg` while `work` runs (each one is a round trip). */
async function recordStatements(work: () => Promise<void>): Promise<Sent[]> {
  const sent: Sent[] = [];
  const original = Client.prototype.query;
  Client.prototype.query = function (this: unknown, config: unknown, ...rest: unknown[]) {
    const text = typeof config === 'string' ? config : (config as { text?: string } | undefined)?.text;
    if (text) sent.push({ client: this, text: text.replace(/\s+/g, ' ').trim() });
    return (original as (...args: unknown[]) => unknown).call(this, config, ...rest);
  } as typeof original;
  try {
    await work();
  } finally {
    Client.prototype.query = original;
  }
  return sent;
}

/** The statements of the transaction (on one connection, BEGIN to COMMIT) that appended the history. */
function completionTransaction(sent: Sent[]): string[] {
  for (const client of new Set(sent.map((s) => s.client))) {
    const mine = sent.filter((s) => s.client === client).map((s) => s.text);
    let start = -1;
    for (const [i, text] of mine.entries()) {
      if (/^(START TRANSACTION|BEGIN)/i.test(text)) start = i;
      if (/^COMMIT/i.test(text) && start >= 0) {
        const tx = mine.slice(start, i + 1);
        if (tx.some((s) => s.includes('audit_append'))) return tx;
        start = -1;
      }
    }
  }
  throw new Error('no completion transaction was recorded');
}

/** The driver the test app will use (known before it starts, for choosing tests). */
function t0Driver(): 'postgres' | 'pglite' {
  return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}

describe('the round trips of one task completion', () => {
  let t: TestApp;
  let owner: ApiClient;
  let instanceId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.login('admin@acme.example');
    const manager = await t.login('manager@acme.example');
    owner = await t.login('owner@acme.example');
    const [{ id: ownerId }] = await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [
      'owner@acme.example',
    ]);
    const deployed = await admin.post('/api/workflow-definitions', {
      key: LOOP.id,
      name: 'Loop',
      machine: LOOP,
    });
    expect(deployed.body).toMatchObject({ key: LOOP.id });
    const started = await manager.post('/api/process-instances', {
      definitionKey: LOOP.id,
      input: { ownerId },
    });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
  });
  afterAll(() => t.close());

  async function openTask(): Promise<string> {
    const view = await owner.get(`/api/process-instances/${instanceId}`);
    expect(view.body.openTasks).toHaveLength(1);
    return view.body.openTasks[0].id;
  }

  it(`sends at most ${MAX_STATEMENTS} statements in the completion's transaction`, async () => {
    // A first completion warms the caches (definitions, forms' validators, registers).
    const first = await owner.post(`/api/tasks/${await openTask()}/complete`, { data: { done: true } });
    expect(first.status).toBe(200);
    const taskId = await openTask();
    let res: ApiResponse | undefined;
    const sent = await recordStatements(async () => {
      res = await owner.post(`/api/tasks/${taskId}/complete`, { data: { done: true } });
    });
    expect(res!.status).toBe(200);
    expect(res!.body.status).toBe('completed');
    expect(res!.body.nextTasks).toEqual([expect.objectContaining({ title: 'Loop A' })]);
    const tx = completionTransaction(sent);
    if (process.env.PRINT_STATEMENTS)
      process.stdout.write(
        `${t.driver}: ${sent.length} statements in the request, ${tx.length} in its transaction:\n` +
          tx.map((s, i) => `  ${i + 1}. ${s.slice(0, 160)}`).join('\n') +
          '\n',
      );
    expect(tx.length).toBeLessThanOrEqual(MAX_STATEMENTS);
    // What the transaction did is all there: the step is in the history and the next task is open.
    const history = await t.dataSource.query(
      `SELECT kind FROM history_records WHERE instance_id = $1 ORDER BY seq`,
      [instanceId],
    );
    expect(
      history.map((h: { kind: string }) => h.kind).filter((k: string) => k === 'task.completed'),
    ).toHaveLength(2);
    expect(await openTask()).toBe(res!.body.nextTasks[0].id);
  });

  // Another API process is another connection: it saves a declaration and notifies; this one must drop its cache.
  (t0Driver() === 'postgres' ? it : it.skip)(
    'hears a register another API process declared before its next step projects',
    async () => {
      const [{ organization_id: organizationId }] = await t.dataSource.query(
        `SELECT organization_id FROM users WHERE email = $1`,
        ['owner@acme.example'],
      );
      const declaration = {
        key: 'loop-steps',
        title: 'Loop steps',
        fields: { type: 'object', properties: { lastTask: { type: 'string' } } },
        columns: [{ field: 'lastTask', title: 'Last task' }],
        projections: [
          {
            definition: LOOP.id,
            when: { taskCompleted: { form: 'generic-task', state: 'a' } },
            key: 'instance.id',
            set: { lastTask: 'task.id' },
          },
        ],
      };
      const other = new Client({ connectionString: (t.dataSource.options as { url: string }).url });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query(
          `INSERT INTO register_declarations (organization_id, key, declaration, feeds) VALUES ($1, $2, $3::jsonb, $4::text[])`,
          [organizationId, declaration.key, JSON.stringify(declaration), [LOOP.id]],
        );
        await other.query('SELECT pg_notify($1, $2)', [REGISTERS_CHANNEL, organizationId]);
        await other.query('COMMIT');
      } finally {
        await other.end();
      }
      await new Promise((r) => setTimeout(r, 500)); // the notice travels on the LISTEN connection
      const taskId = await openTask();
      const res = await owner.post(`/api/tasks/${taskId}/complete`, { data: { done: true } });
      expect(res.status).toBe(200);
      const records = await t.dataSource.query(
        `SELECT record_key, data FROM register_records WHERE organization_id = $1 AND register_key = $2`,
        [organizationId, declaration.key],
      );
      expect(records).toEqual([{ record_key: instanceId, data: { lastTask: taskId } }]);
    },
  );
});
