import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';
import { TimerPoller } from './timer-poller.service';

/** Waits a day, then ends; the timer is made due at once by the test. */
const waitingMachine = {
  id: 'waiting',
  initial: 'waiting',
  states: {
    waiting: { after: { P1D: 'done' } },
    done: { type: 'final' },
  },
};

describe('timers as durable jobs (real database)', () => {
  let t: TestApp;
  let manager: ApiClient;
  let poller: TimerPoller;
  const saved = { ...process.env };

  beforeAll(async () => {
    // The test drives the poller itself.
    Object.assign(process.env, { TIMER_POLL_MS: '0', OUTBOX_POLL_MS: '0', DIGEST_POLL_MS: '0' });
    t = await startTestApp();
    manager = await t.login('manager@acme.example');
    poller = t.app.get(TimerPoller);
    const deployer = await t.login('admin@acme.example');
    const res = await deployer.post('/api/workflow-definitions', {
      key: 'waiting',
      name: 'Waiting',
      machine: waitingMachine,
    });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    process.env = saved;
  });

  async function start(): Promise<string> {
    const res = await manager.post('/api/process-instances', { definitionKey: 'waiting' });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function timerOf(instanceId: string) {
    const [row] = await t.dataSource.query(
      `SELECT id, status, attempts, last_error, due_at, next_run_at, next_run_at > now() AS later
         FROM timers WHERE instance_id = $1`,
      [instanceId],
    );
    return row as {
      id: string;
      status: string;
      attempts: number;
      last_error: string | null;
      due_at: string;
      next_run_at: string;
      later: boolean;
    };
  }

  async function instanceStatus(id: string): Promise<string> {
    const [row] = await t.dataSource.query(`SELECT status FROM process_instances WHERE id = $1`, [id]);
    return row.status;
  }

  /** Moving the due time also moves the next run (a trigger keeps them together). */
  async function makeDue(instanceIds: string[]): Promise<void> {
    await t.dataSource.query(
      `UPDATE timers SET due_at = now() - interval '1 second' WHERE instance_id = ANY($1::uuid[]) AND status = 'scheduled'`,
      [instanceIds],
    );
  }

  /** Skips the backoff wait of scheduled timers, as if time had passed. */
  async function skipBackoff(instanceId: string): Promise<void> {
    await t.dataSource.query(
      `UPDATE timers SET next_run_at = now() - interval '1 second' WHERE instance_id = $1 AND status = 'scheduled'`,
      [instanceId],
    );
  }

  it('starts a new timer at its due time', async () => {
    const id = await start();
    const timer = await timerOf(id);
    expect(timer.status).toBe('scheduled');
    expect(timer.attempts).toBe(0);
    expect(timer.last_error).toBeNull();
    expect(new Date(timer.next_run_at).toISOString()).toBe(new Date(timer.due_at).toISOString());
    await t.dataSource.query(`UPDATE timers SET status = 'cancelled' WHERE id = $1`, [timer.id]);
  });

  it('a poisoned timer does not stop the others; it is retried with backoff and goes dead after 5 attempts', async () => {
    const poisoned = await start();
    const healthy = [await start(), await start(), await start()];
    // The poisoned instance's snapshot names a state its definition does not have: its step throws.
    await t.dataSource.query(
      `UPDATE process_instances SET snapshot = jsonb_set(snapshot, '{value}', '"nowhere"') WHERE id = $1`,
      [poisoned],
    );
    // The poisoned timer is the oldest due one, so it is picked first.
    await makeDue([poisoned]);
    await t.dataSource.query(`UPDATE timers SET due_at = now() - interval '1 hour' WHERE instance_id = $1`, [
      poisoned,
    ]);
    await makeDue(healthy);

    expect(await poller.tick()).toBe(3);
    for (const id of healthy) {
      expect((await timerOf(id)).status).toBe('fired');
      expect(await instanceStatus(id)).toBe('completed');
    }
    let timer = await timerOf(poisoned);
    expect(timer).toMatchObject({ status: 'scheduled', attempts: 1, later: true });
    expect(timer.last_error).toMatch(/nowhere/);
    // Rolled back: the instance did not move and no history of a firing was kept.
    expect(await instanceStatus(poisoned)).toBe('active');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM history_records WHERE instance_id = $1 AND kind = 'timer.fired'`,
      [poisoned],
    );
    expect(n).toBe(0);
    // Backoff: 2 s after the first failure, so the next polls leave it alone.
    expect(new Date(timer.next_run_at).getTime() - Date.now()).toBeGreaterThan(1000);
    expect(await poller.tick()).toBe(0);
    expect((await timerOf(poisoned)).attempts).toBe(1);

    // Each further try waits twice as long: 2, 4, 8, 16 s.
    let previousWait = 0;
    for (let attempt = 2; attempt <= 5; attempt++) {
      await skipBackoff(poisoned);
      const before = Date.now();
      expect(await poller.tick()).toBe(0);
      timer = await timerOf(poisoned);
      expect(timer.attempts).toBe(attempt);
      if (attempt < 5) {
        expect(timer.status).toBe('scheduled');
        const wait = new Date(timer.next_run_at).getTime() - before;
        expect(wait).toBeGreaterThan(previousWait);
        previousWait = wait;
      }
    }
    expect(timer.status).toBe('dead');
    expect(timer.last_error).toMatch(/nowhere/);
    // Dead: never picked again, even when due.
    await skipBackoff(poisoned);
    await t.dataSource.query(`UPDATE timers SET next_run_at = now() - interval '1 second' WHERE id = $1`, [
      timer.id,
    ]);
    expect(await poller.tick()).toBe(0);
    expect((await timerOf(poisoned)).attempts).toBe(5);
  });

  it('timers due while another keeps failing still fire on every tick', async () => {
    const poisoned = await start();
    await t.dataSource.query(
      `UPDATE process_instances SET snapshot = jsonb_set(snapshot, '{value}', '"nowhere"') WHERE id = $1`,
      [poisoned],
    );
    for (let round = 0; round < 3; round++) {
      const healthy = await start();
      await makeDue([healthy]);
      await skipBackoff(poisoned);
      expect(await poller.tick()).toBe(1);
      expect(await instanceStatus(healthy)).toBe('completed');
    }
    expect((await timerOf(poisoned)).attempts).toBe(3);
  });
});
