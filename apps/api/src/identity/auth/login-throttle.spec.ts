import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../app.factory';
import { generateAuditSigningKeyPem } from '../../audit/audit-signing-key';
import { loadConfig } from '../../platform/config';
import { Database } from '../../platform/database/database';
import { CSRF_HEADERS, createOrganization, startTestApp, type TestApp } from '../../testing/test-app';
import { DEMO_PASSWORD } from '../seed.service';
import { LOGIN_RULES, LoginThrottle } from './login-throttle';

/** Issue 10 / review V11: failed-login counters kept in the database, per account, address and pair. */
describe('login throttle', () => {
  let t: TestApp;
  /** A second API process on the same database, started with TRUST_PROXY=true. */
  let proxied: INestApplication;
  let proxiedDatabase: Database;
  let proxiedUrl: string;

  beforeAll(async () => {
    t = await startTestApp();
    const url = t.driver === 'postgres' ? (t.dataSource.options as { url: string }).url : undefined;
    const config = {
      ...loadConfig({ TRUST_PROXY: 'true' }),
      databaseUrl: url,
      logRequests: false,
      webDist: '/nonexistent',
      seedDemo: !url,
      auditSigningKey: generateAuditSigningKeyPem(),
      auditCheckpointMs: 0,
    };
    expect(config.trustProxy).toBe(true);
    // On PostgreSQL a second pool on the same database, as another API process would have. The
    // embedded database serves one client, so there the second app has a database of its own.
    proxiedDatabase = await Database.open({ ...config, inMemory: true });
    const database = proxiedDatabase;
    proxied = (await createApp(config, { database })).app;
    await proxied.listen(0, '127.0.0.1');
    proxiedUrl = `http://127.0.0.1:${proxied.getHttpServer().address().port}`;
    const users = Array.from({ length: 36 }, (_, i) => ({
      email: `u${i}@throttle.example`,
      roles: ['contributor' as const],
    }));
    await createOrganization(t.dataSource, 'throttle', users);
    if (!url) await createOrganization(proxiedDatabase.dataSource, 'throttle', users);
  });
  afterAll(async () => {
    await proxied.close();
    await proxiedDatabase.close();
    await t.close();
  });

  const login = (baseUrl: string, email: string, password: string, forwardedFor?: string) =>
    fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...CSRF_HEADERS,
        ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      },
      body: JSON.stringify({ email, password }),
    });

  it('shares the counters between two throttles on one database', async () => {
    const a = new LoginThrottle(t.dataSource);
    const b = new LoginThrottle(t.dataSource);
    const attempt = { address: '198.51.100.7', email: 'shared@example.com' };
    for (let i = 0; i < LOGIN_RULES.pair.limit - 1; i++) await (i % 2 ? a : b).recordFailure(attempt);
    expect(await a.retryAfter(attempt)).toBe(0);
    await b.recordFailure(attempt);
    expect(await a.retryAfter(attempt)).toBeGreaterThan(0);
    expect(await b.retryAfter(attempt)).toBeLessThanOrEqual(15 * 60);
    // The window ends: a new window starts from zero.
    expect(await a.retryAfter(attempt, Date.now() + 15 * 60_000)).toBe(0);
    // A success clears the pair only.
    await a.reset(attempt);
    expect(await b.retryAfter(attempt)).toBe(0);
  });

  const onPostgres = () => (process.env.DATABASE_URL ? it : it.skip);

  onPostgres()(
    'holds across two API servers: failures on one block the other, with 429 and Retry-After',
    async () => {
      const email = 'u0@throttle.example';
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await login(i % 2 ? t.baseUrl : proxiedUrl, email, 'wrong-password')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      for (const baseUrl of [t.baseUrl, proxiedUrl]) {
        const res = await login(baseUrl, email, DEMO_PASSWORD);
        expect(res.status).toBe(429);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await res.json()).detail).toMatch(/Too many failed logins/);
      }
      // Another account from the same address is still let in.
      expect((await login(t.baseUrl, 'u1@throttle.example', DEMO_PASSWORD)).status).toBe(200);
    },
  );

  it('without TRUST_PROXY, a rotated X-Forwarded-For is ignored: 5 failures close the window', async () => {
    const email = 'u2@throttle.example';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await login(t.baseUrl, email, 'wrong-password', `203.0.113.${i + 1}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('with TRUST_PROXY, the per-account limit holds across addresses', async () => {
    const email = 'u3@throttle.example';
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_RULES.account.limit; i++)
      statuses.push((await login(proxiedUrl, email, 'wrong-password', `203.0.113.${i + 10}`)).status);
    // Each address stays under the pair limit, so only the account limit can stop this.
    expect(statuses.every((s) => s === 401)).toBe(true);
    const right = await login(proxiedUrl, email, DEMO_PASSWORD, '203.0.113.200');
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toBeTruthy();
  });

  it('limits one address spraying one password over many accounts', async () => {
    const address = '192.0.2.44';
    const statuses: number[] = [];
    for (let i = 4; i < 4 + LOGIN_RULES.address.limit; i++)
      statuses.push((await login(proxiedUrl, `u${i}@throttle.example`, 'Spring2026!x', address)).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    // A further account from that address is refused, even with its right password…
    expect((await login(proxiedUrl, 'u1@throttle.example', DEMO_PASSWORD, address)).status).toBe(429);
    // …and the same account from another address is not.
    expect((await login(proxiedUrl, 'u1@throttle.example', DEMO_PASSWORD, '192.0.2.45')).status).toBe(200);
  });

  it('clears only the (address, account) counter on a successful login', async () => {
    const email = 'u1@throttle.example';
    for (let i = 0; i < 4; i++) await login(proxiedUrl, email, 'wrong-password', '192.0.2.80');
    expect((await login(proxiedUrl, email, DEMO_PASSWORD, '192.0.2.80')).status).toBe(200);
    const rows: { key: string; count: number }[] = await proxiedDatabase.dataSource.query(
      `SELECT key, count FROM login_failures WHERE key LIKE '%u1@throttle.example'`,
    );
    expect(rows.find((r) => r.key === `pair:192.0.2.80|${email}`)).toBeUndefined();
    expect(Number(rows.find((r) => r.key === `account:${email}`)?.count)).toBeGreaterThanOrEqual(4);
  });
});
