import { createPublicKey } from 'node:crypto';
import { compileDefinition, replay, type EngineEvent } from '@aimsflow/engine';
import type { Client } from 'pg';
import { generateAuditSigningKeyPem } from '../../apps/api/src/audit/audit-signing-key';
import { verifyAuditTrail } from '../../apps/api/src/audit/audit-verifier';
import {
  connect,
  createDatabase,
  describeWithServer,
  login,
  mapLimit,
  Phases,
  scalar,
  sleep,
  startApi,
  type ApiProcess,
  type FreshDatabase,
  type HttpClient,
  queryable,
} from './support';

const INSTANCES = 50;
const CLIENTS = 6;

// Two alternating task states; every completion appends its note to the context, so the order of
// the committed history matters for the replay.
const loopMachine = {
  id: 'loop',
  initial: 'a',
  context: { ownerId: null, notes: [] },
  states: {
    a: {
      meta: { task: { form: 'generic-task', title: 'A', assignee: '{{context.ownerId}}' } },
      on: {
        SUBMIT: {
          target: 'b',
          actions: [{ type: 'appendToContext', params: { to: 'notes', from: 'data.note' } }],
        },
        STOP: 'done',
      },
    },
    b: {
      meta: { task: { form: 'generic-task', title: 'B', assignee: '{{context.ownerId}}' } },
      on: {
        SUBMIT: {
          target: 'a',
          actions: [{ type: 'appendToContext', params: { to: 'notes', from: 'data.note' } }],
        },
        STOP: 'done',
      },
    },
    done: { type: 'final' },
  },
};

/** The steps among history kinds (what a step of the runtime records, `workflow/instance-steps.ts`); others (claims, comments, …) do not move the machine. */
const STEP_KINDS = new Set(['task.completed', 'event', 'timer.fired']);

interface HistoryRow {
  seq: string;
  kind: string;
  event_type: string | null;
  actor_id: string | null;
  payload: any;
  state_after: unknown;
}

describeWithServer('kill -9 in the middle of a stream of steps', () => {
  let db: FreshDatabase;
  let sql: Client;
  let api: ApiProcess | undefined;
  const phases = new Phases();

  beforeAll(async () => {
    phases.start();
    db = await createDatabase('aimsflow_rel_crash');
    sql = await connect(db.url);
  });

  afterAll(async () => {
    await api?.stop();
    await sql?.end();
    await db?.drop();
    phases.print('kill -9 mid-stream, then replay every instance');
  });

  it('leaves every instance equal to a replay of its committed history', async () => {
    const signingKey = generateAuditSigningKeyPem();
    const env = { DATABASE_URL: db.url, AIMSFLOW_SEED_DEMO: 'true', AUDIT_SIGNING_KEY: signingKey };
    api = await startApi({ label: 'api', env });
    const port = String(api.port);
    const manager = await login(api.baseUrl, 'manager@acme.example');
    const owner = await login(api.baseUrl, 'owner@acme.example');
    await (
      await login(api.baseUrl, 'admin@acme.example')
    ).call('POST', '/api/workflow-definitions', {
      key: 'loop',
      name: 'Loop',
      machine: loopMachine,
    });
    const instances: { id: string; taskId: string }[] = await mapLimit(
      Array.from({ length: INSTANCES }, (_, i) => i),
      8,
      async () => {
        const started = await manager.call('POST', '/api/process-instances', {
          definitionKey: 'loop',
          input: { ownerId: owner.user.id },
        });
        return { id: started.id, taskId: started.openTasks[0].id };
      },
    );
    phases.mark(`start API, ${INSTANCES} instances`);

    // A stream of completions from several clients until the process dies under them.
    const acknowledged: string[] = [];
    let stop = false;
    let n = 0;
    const driving = Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const mine = instances.filter((_, i) => i % CLIENTS === c);
        for (let k = 0; !stop; k++) {
          const inst = mine[k % mine.length];
          try {
            const done = await owner.request('POST', `/api/tasks/${inst.taskId}/complete`, {
              data: { done: true, note: `n${n++}` },
            });
            if (done.status === 200) acknowledged.push(inst.taskId);
            const view = await owner.request('GET', `/api/process-instances/${inst.id}`);
            if (view.status === 200) inst.taskId = view.body.openTasks[0].id;
          } catch {
            stop = true; // connection reset/refused: the process is gone
          }
        }
      }),
    );
    await sleep(3000);
    process.kill(api.pid, 'SIGKILL');
    const exit = await api.exited;
    expect(exit.signal).toBe('SIGKILL');
    api = undefined;
    stop = true;
    await driving;
    phases.mark(`stream for 3 s, SIGKILL (${acknowledged.length} completions acknowledged)`);
    expect(acknowledged.length).toBeGreaterThan(20);

    api = await startApi({ label: 'api (restarted)', env: { ...env, PORT: port } });
    phases.mark('restart');

    // Every acknowledged completion is durable.
    const completed = new Set(
      (
        await sql.query(`SELECT id FROM tasks WHERE status = 'completed' AND id = ANY($1::uuid[])`, [
          acknowledged,
        ])
      ).rows.map((r) => r.id),
    );
    expect(acknowledged.filter((id) => !completed.has(id))).toEqual([]);

    const definitions = new Map(
      (await sql.query(`SELECT id, key, name, machine FROM workflow_definitions`)).rows.map((d) => [
        d.id,
        compileDefinition({ key: d.key, name: d.name, machine: d.machine }),
      ]),
    );
    const rows = (
      await sql.query(
        `SELECT id, definition_id, status, state_value, snapshot, input, version FROM process_instances WHERE definition_key = 'loop'`,
      )
    ).rows;
    expect(rows).toHaveLength(INSTANCES);
    const mismatches: string[] = [];
    let steps = 0;
    for (const instance of rows) {
      const history: HistoryRow[] = (
        await sql.query(
          `SELECT seq::text, kind, event_type, actor_id, payload, state_after FROM history_records WHERE instance_id = $1 ORDER BY history_records.seq`,
          [instance.id],
        )
      ).rows;
      const taskStates = new Map<string, string>(
        (await sql.query(`SELECT id, state_id FROM tasks WHERE instance_id = $1`, [instance.id])).rows.map(
          (t) => [t.id, t.state_id],
        ),
      );
      const events: EngineEvent[] = [];
      for (const h of history) {
        if (h.kind === 'instance.started') continue;
        if (!STEP_KINDS.has(h.kind)) {
          if (h.state_after !== null) mismatches.push(`${instance.id}: unexpected step kind ${h.kind}`);
          continue;
        }
        if (h.kind === 'task.completed') {
          // Exactly the event ProcessRuntime.completeTask builds.
          const { taskId, data } = h.payload;
          events.push({
            type: h.event_type!,
            taskId,
            stateId: taskStates.get(taskId),
            data,
            actorId: h.actor_id,
          } as EngineEvent);
        } else {
          events.push({
            type: h.event_type!,
            ...(h.kind === 'event' ? (h.payload ?? {}) : {}),
          } as EngineEvent);
        }
      }
      steps += events.length;
      const compiled = definitions.get(instance.definition_id)!;
      const replayed = replay(compiled, instance.input ?? undefined, events);
      const where = `instance ${instance.id} after ${events.length} steps`;
      if (JSON.stringify(replayed.value) !== JSON.stringify(instance.state_value)) {
        if (mismatches.length === 0) console.log(JSON.stringify({ history, events, instance }, null, 1));
        mismatches.push(
          `${where}: state ${JSON.stringify(instance.state_value)}, replay ${JSON.stringify(replayed.value)}`,
        );
      }
      try {
        expect(instance.snapshot.context).toEqual(replayed.context);
      } catch {
        mismatches.push(`${where}: context differs from the replay`);
      }
      // One version per step: nothing committed without its history, no history without its step.
      if (instance.version !== events.length + 1) mismatches.push(`${where}: version ${instance.version}`);
      // Each history record's state_after is the state of that step.
      const last = [...history].reverse().find((h) => h.state_after !== null);
      if (JSON.stringify(last?.state_after) !== JSON.stringify(instance.state_value))
        mismatches.push(`${where}: last history state_after differs`);
      // Open tasks only for states the instance is in; exactly one here.
      const open = (
        await sql.query(`SELECT state_id FROM tasks WHERE instance_id = $1 AND status = 'open'`, [
          instance.id,
        ])
      ).rows;
      const active = new Set(replayed.activeStateIds);
      if (open.some((t) => !active.has(t.state_id)))
        mismatches.push(`${where}: open task for a state it is not in`);
      if (open.length !== 1) mismatches.push(`${where}: ${open.length} open tasks`);
      // Every completed task has its history record and the other way round.
      const completedTasks = await scalar(
        sql,
        `SELECT count(*) FROM tasks WHERE instance_id = $1 AND status = 'completed'`,
        [instance.id],
      );
      if (completedTasks !== events.length) mismatches.push(`${where}: ${completedTasks} completed tasks`);
    }
    expect(mismatches).toEqual([]);
    expect(steps).toBeGreaterThanOrEqual(acknowledged.length);
    phases.mark(`replay ${INSTANCES} instances (${steps} steps)`);

    const chains = await verifyAuditTrail(queryable(sql), { trustedKeys: [createPublicKey(signingKey)] });
    expect(chains.length).toBeGreaterThan(0);
    expect(chains.filter((c) => !c.ok)).toEqual([]);
    phases.mark(`audit trail verified (${chains.reduce((n, c) => n + c.records, 0)} records)`);

    // And the restarted process carries on from where the committed state is.
    const again: HttpClient = await login(api.baseUrl, 'owner@acme.example');
    for (const inst of instances.slice(0, 5)) {
      const view = await again.call('GET', `/api/process-instances/${inst.id}`);
      await again.call(
        'POST',
        `/api/tasks/${view.openTasks[0].id}/complete`,
        { data: { done: true, note: 'after restart' } },
        [200],
      );
    }
    phases.mark('5 more completions after the restart');
  });
});
