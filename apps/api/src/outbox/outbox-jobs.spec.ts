import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Mailer } from '../notifications/mailer';
import { startTestApp, type TestApp } from '../testing/test-app';
import { OutboxDeliverer } from './outbox-deliverer.service';

describe('outbox messages as durable jobs (real database)', () => {
  let t: TestApp;
  let outbox: OutboxDeliverer;
  let organizationId: string;
  const sent: string[] = [];
  let inTransactionWhileSending: boolean[] = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, { TIMER_POLL_MS: '0', OUTBOX_POLL_MS: '0', DIGEST_POLL_MS: '0' });
    t = await startTestApp();
    outbox = t.app.get(OutboxDeliverer);
    [{ id: organizationId }] = await t.dataSource.query(`SELECT id FROM organizations LIMIT 1`);
    // A transport that fails for one recipient (as a closed SMTP port would) and records the rest.
    outbox.registerSender('test-mail', async (m) => {
      const [{ open }] = await t.dataSource.query(
        `SELECT count(*)::int AS open FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' AND datname = current_database()`,
      );
      inTransactionWhileSending.push(open > 0);
      const to = (m.payload as { to: string }).to;
      if (to === 'broken@example.test') throw new Error('connect ECONNREFUSED 127.0.0.1:1');
      sent.push(`${to} ${m.id}`);
    });
    // A database handler whose SQL fails: its transaction is rolled back, the failure still recorded.
    outbox.register('test-sql', async (m, tx) => {
      await tx.query(`INSERT INTO notifications (organization_id) VALUES ($1)`, [m.organizationId]);
    });
  });
  afterAll(async () => {
    await t?.close();
    process.env = saved;
  });

  async function enqueue(kind: string, to: string): Promise<string> {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO outbox_messages (organization_id, kind, payload) VALUES ($1, $2, $3) RETURNING id`,
      [organizationId, kind, JSON.stringify({ to })],
    );
    return id;
  }

  async function messageOf(id: string) {
    const [row] = await t.dataSource.query(
      `SELECT attempts, last_error, delivered_at, dead_at, locked_until, next_run_at, next_run_at > now() AS later
         FROM outbox_messages WHERE id = $1`,
      [id],
    );
    return row as {
      attempts: number;
      last_error: string | null;
      delivered_at: string | null;
      dead_at: string | null;
      locked_until: string | null;
      next_run_at: string;
      later: boolean;
    };
  }

  async function skipBackoff(ids: string[]): Promise<void> {
    await t.dataSource.query(
      `UPDATE outbox_messages SET next_run_at = now() - interval '1 second' WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  it('retries a failing delivery with backoff, not on every poll, and gives it up after 5 attempts; healthy messages are delivered meanwhile', async () => {
    await t.dataSource.query(`UPDATE outbox_messages SET delivered_at = now() WHERE delivered_at IS NULL`);
    const broken = await enqueue('test-mail', 'broken@example.test');
    const badSql = await enqueue('test-sql', 'nobody');
    const good = [await enqueue('test-mail', 'a@example.test'), await enqueue('test-mail', 'b@example.test')];

    expect(await outbox.deliverDue()).toBe(2);
    expect(sent).toEqual(good.map((id, i) => `${['a', 'b'][i]}@example.test ${id}`));
    for (const id of good) expect((await messageOf(id)).delivered_at).not.toBeNull();
    let m = await messageOf(broken);
    expect(m).toMatchObject({
      attempts: 1,
      delivered_at: null,
      dead_at: null,
      locked_until: null,
      later: true,
    });
    expect(m.last_error).toMatch(/ECONNREFUSED/);
    expect(new Date(m.next_run_at).getTime() - Date.now()).toBeGreaterThan(1000);
    const sql = await messageOf(badSql);
    expect(sql).toMatchObject({ attempts: 1, delivered_at: null, later: true });
    expect(sql.last_error).toMatch(/null value|violates/);

    // Not on every poll: while backing off it is left alone.
    for (let i = 0; i < 3; i++) expect(await outbox.deliverDue()).toBe(0);
    expect((await messageOf(broken)).attempts).toBe(1);

    let previousWait = 0;
    for (let attempt = 2; attempt <= 5; attempt++) {
      await skipBackoff([broken]);
      const late = await enqueue('test-mail', `late-${attempt}@example.test`);
      const before = Date.now();
      expect(await outbox.deliverDue()).toBe(1);
      expect((await messageOf(late)).delivered_at).not.toBeNull();
      m = await messageOf(broken);
      expect(m.attempts).toBe(attempt);
      if (attempt < 5) {
        expect(m.dead_at).toBeNull();
        const wait = new Date(m.next_run_at).getTime() - before;
        expect(wait).toBeGreaterThan(previousWait);
        previousWait = wait;
      }
    }
    expect(m.dead_at).not.toBeNull();
    expect(m.delivered_at).toBeNull();
    expect(m.last_error).toMatch(/ECONNREFUSED/);
    // Dead: never tried again.
    await skipBackoff([broken]);
    expect(await outbox.deliverDue()).toBe(0);
    expect((await messageOf(broken)).attempts).toBe(5);
    expect(sent.filter((s) => s.startsWith('broken'))).toEqual([]);
    // Senders ran outside any transaction.
    if (t.driver === 'postgres') expect(inTransactionWhileSending).not.toContain(true);
  });

  it('a claimed message is leased: another poll does not deliver it while the lease holds', async () => {
    inTransactionWhileSending = [];
    const id = await enqueue('test-mail', 'leased@example.test');
    await t.dataSource.query(
      `UPDATE outbox_messages SET locked_until = now() + interval '1 minute' WHERE id = $1`,
      [id],
    );
    expect(await outbox.deliverDue()).toBe(0);
    await t.dataSource.query(
      `UPDATE outbox_messages SET locked_until = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    expect(await outbox.deliverDue()).toBe(1);
    expect(await messageOf(id)).toMatchObject({ attempts: 1, locked_until: null });
  });

  it('records a real SMTP failure (a closed port) on the message and backs off', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const mailer = new Mailer(`smtp://127.0.0.1:${port}`, 'aimsflow@example.test');
    outbox.registerSender('test-smtp', (m) =>
      mailer.send({ to: 'x@example.test', subject: 's', text: 't', messageId: `<${m.id}@aimsflow>` }),
    );
    const id = await enqueue('test-smtp', 'x@example.test');
    expect(await outbox.deliverDue()).toBe(0);
    const m = await messageOf(id);
    expect(m).toMatchObject({ attempts: 1, delivered_at: null, dead_at: null, later: true });
    expect(m.last_error).toMatch(/ECONNREFUSED/);
    expect(await outbox.deliverDue()).toBe(0);
    expect((await messageOf(id)).attempts).toBe(1);
    mailer.close();
  });
});
