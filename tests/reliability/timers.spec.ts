import type { Client } from 'pg';
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
  waitFor,
  type ApiProcess,
  type FreshDatabase,
  type HttpClient,
} from './support';

const INSTANCES = Number(process.env.RELIABILITY_TIMER_INSTANCES ?? 1000);

const timerMachine = (delay: string) => ({
  id: 'timed',
  initial: 'waiting',
  states: {
    waiting: { after: { [delay]: 'fired' } },
    fired: {
      entry: [
        {
          type: 'notify',
          params: { to: 'aims-manager', template: 'message', data: { title: 'timer fired' } },
        },
      ],
      type: 'final',
    },
  },
});

describeWithServer('timers on a PostgreSQL server', () => {
  describe('two API processes polling the same database', () => {
    let db: FreshDatabase;
    let sql: Client;
    const apis: ApiProcess[] = [];
    const phases = new Phases();

    beforeAll(async () => {
      phases.start();
      db = await createDatabase('aimsflow_rel_timers');
      sql = await connect(db.url);
      // One after the other: the first applies the migrations and the seed.
      apis.push(
        await startApi({
          label: 'api-1',
          env: { DATABASE_URL: db.url, TIMER_POLL_MS: '100', AIMSFLOW_SEED_DEMO: 'true' },
        }),
      );
      apis.push(
        await startApi({
          label: 'api-2',
          env: { DATABASE_URL: db.url, TIMER_POLL_MS: '100', AIMSFLOW_SEED_DEMO: 'true' },
        }),
      );
      phases.mark('start two API processes');
    });

    afterAll(async () => {
      await Promise.all(apis.map((a) => a.stop()));
      await sql?.end();
      await db?.drop();
      phases.print(`timers × 2 processes (${INSTANCES} instances)`);
    });

    it(`fires each of ${INSTANCES} PT2S timers exactly once`, async () => {
      const managers: HttpClient[] = await Promise.all(
        apis.map((a) => login(a.baseUrl, 'manager@acme.example')),
      );
      await (
        await login(apis[0].baseUrl, 'admin@acme.example')
      ).call('POST', '/api/workflow-definitions', {
        key: 'timed',
        name: 'Timed',
        machine: timerMachine('PT2S'),
      });

      // Half the instances through each process, 20 in flight.
      const started = await mapLimit(
        Array.from({ length: INSTANCES }, (_, i) => i),
        20,
        (i) =>
          managers[i % 2].call('POST', '/api/process-instances', {
            definitionKey: 'timed',
            businessKey: `t-${i}`,
          }),
      );
      expect(new Set(started.map((s: { id: string }) => s.id)).size).toBe(INSTANCES);
      phases.mark(`start ${INSTANCES} instances (concurrency 20)`);

      await waitFor(
        async () => (await scalar(sql, `SELECT count(*) FROM timers WHERE status = 'scheduled'`)) === 0,
        120_000,
        async () =>
          `${await scalar(sql, `SELECT count(*) FROM timers WHERE status = 'scheduled'`)} timers still scheduled`,
      );
      phases.mark('wait until no timer is scheduled');
      // Let a step that might (wrongly) still be in flight land before counting.
      await sleep(1000);

      expect(await scalar(sql, `SELECT count(*) FROM timers`)).toBe(INSTANCES);
      expect(await scalar(sql, `SELECT count(*) FROM timers WHERE status = 'fired'`)).toBe(INSTANCES);
      expect(await scalar(sql, `SELECT count(*) FROM history_records WHERE kind = 'timer.fired'`)).toBe(
        INSTANCES,
      );
      expect(
        await scalar(
          sql,
          `SELECT count(DISTINCT instance_id) FROM history_records WHERE kind = 'timer.fired'`,
        ),
      ).toBe(INSTANCES);
      expect(
        await scalar(
          sql,
          `SELECT count(*) FROM outbox_messages WHERE kind = 'notification' AND payload->'data'->>'title' = 'timer fired'`,
        ),
      ).toBe(INSTANCES);
      expect(
        await scalar(
          sql,
          `SELECT count(DISTINCT payload->>'instanceId') FROM outbox_messages WHERE payload->'data'->>'title' = 'timer fired'`,
        ),
      ).toBe(INSTANCES);
      expect(
        await scalar(
          sql,
          `SELECT count(*) FROM process_instances WHERE definition_key = 'timed' AND status = 'completed'`,
        ),
      ).toBe(INSTANCES);
      // Never early: each timer fired at or after its due time.
      expect(await scalar(sql, `SELECT count(*) FROM timers WHERE fired_at < due_at`)).toBe(0);
      const lag = (
        await sql.query(
          `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_at)) * 1000 AS p50,
                  max(extract(epoch FROM fired_at - due_at)) * 1000 AS max FROM timers`,
        )
      ).rows[0];
      console.log(`timer lag after due time: p50 ${Math.round(lag.p50)} ms, max ${Math.round(lag.max)} ms`);
      phases.mark('assertions');
    });
  });

  describe('a timer due while the API is down', () => {
    let db: FreshDatabase;
    let sql: Client;
    let api: ApiProcess | undefined;
    const phases = new Phases();

    beforeAll(async () => {
      phases.start();
      db = await createDatabase('aimsflow_rel_restart');
      sql = await connect(db.url);
    });

    afterAll(async () => {
      await api?.stop();
      await sql?.end();
      await db?.drop();
      phases.print('timer survives a restart');
    });

    it('fires after the restart', async () => {
      const env = { DATABASE_URL: db.url, TIMER_POLL_MS: '100', AIMSFLOW_SEED_DEMO: 'true' };
      api = await startApi({ label: 'api', env });
      const manager = await login(api.baseUrl, 'manager@acme.example');
      await (
        await login(api.baseUrl, 'admin@acme.example')
      ).call('POST', '/api/workflow-definitions', {
        key: 'timed3',
        name: 'Timed 3 s',
        machine: timerMachine('PT3S'),
      });
      const instance = await manager.call('POST', '/api/process-instances', { definitionKey: 'timed3' });
      phases.mark('start API, deploy, start instance');

      const port = String(api.port);
      const exit = await api.stop('SIGTERM');
      expect(exit.code).toBe(0);
      api = undefined;
      await sleep(4000);
      phases.mark('SIGTERM, 4 s down');
      const [timer] = (
        await sql.query(`SELECT status, due_at < now() AS overdue FROM timers WHERE instance_id = $1`, [
          instance.id,
        ])
      ).rows;
      expect(timer).toEqual({ status: 'scheduled', overdue: true });

      const restartedAt = new Date();
      api = await startApi({ label: 'api (restarted)', env: { ...env, PORT: port } });
      await waitFor(
        async () =>
          (await scalar(
            sql,
            `SELECT count(*) FROM history_records WHERE kind = 'timer.fired' AND instance_id = $1`,
            [instance.id],
          )) > 0,
        20_000,
        () => 'the timer did not fire after the restart',
      );
      phases.mark('restart until the timer fired');
      const [fired] = (
        await sql.query(`SELECT status, fired_at FROM timers WHERE instance_id = $1`, [instance.id])
      ).rows;
      expect(fired.status).toBe('fired');
      expect(new Date(fired.fired_at).getTime()).toBeGreaterThanOrEqual(restartedAt.getTime() - 1000);
      const view = await manager.request('GET', `/api/process-instances/${instance.id}`);
      // The old session token survives the restart (sessions are in the database).
      expect(view.status).toBe(200);
      expect(view.body.status).toBe('completed');
      expect(
        await scalar(
          sql,
          `SELECT count(*) FROM history_records WHERE kind = 'timer.fired' AND instance_id = $1`,
          [instance.id],
        ),
      ).toBe(1);
    });
  });
});
