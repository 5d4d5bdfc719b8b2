import net from 'node:net';
import { Client } from 'pg';
import { startTestApp, type TestApp } from '../testing/test-app';

interface PgPool {
  options: { connectionString?: string; port?: number; host?: string };
  _idle: { client: unknown }[];
  _remove(client: unknown): void;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Makes the app's database unreachable without stopping the server: new connections go to a closed
 * port, and the open ones are cut (on PostgreSQL with pg_terminate_backend from an admin connection,
 * as an outage would). Returns the function that brings the database back.
 */
async function cutDatabase(t: TestApp): Promise<() => void> {
  const pool = (t.dataSource.driver as unknown as { master: PgPool }).master;
  const before = { ...pool.options };
  const port = await closedPort();
  if (pool.options.connectionString) {
    const url = new URL(pool.options.connectionString);
    url.port = String(port);
    pool.options.connectionString = url.toString();
  }
  pool.options.port = port;
  if (process.env.DATABASE_URL) {
    const [{ db }] = await t.dataSource.query('SELECT current_database() AS db');
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [db],
    );
    await admin.end();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const item of pool._idle.slice()) pool._remove(item.client);
  return () => Object.assign(pool.options, before);
}

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports the database driver and that every migration is applied', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: { driver: process.env.DATABASE_URL ? 'postgres' : 'pglite', migrations: 'up-to-date' },
    });
  });

  it('serves the OpenAPI document generated from the controllers', async () => {
    const res = await t.anonymous().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users', '/api/health']),
    );
  });

  it('sets a Content-Security-Policy without inline scripts and a request id on every response', async () => {
    const res = await t.anonymous().get('/api/health');
    const scriptSrc = res.headers.get('content-security-policy')!.match(/script-src ([^;]*)/)![1];
    expect(scriptSrc.split(' ')).toEqual(["'self'", "'unsafe-eval'"]);
    expect(res.headers.get('x-request-id')).toMatch(/.+/);
  });

  it('answers 503 with Retry-After on every route while PostgreSQL is unreachable, and recovers without a restart', async () => {
    const manager = await t.login('manager@acme.example');
    const restore = await cutDatabase(t);
    try {
      const probes = [
        await t.anonymous().get('/api/health'),
        await t
          .anonymous()
          .post('/api/auth/login', { email: 'manager@acme.example', password: 'x'.repeat(12) }),
        await manager.get('/api/process-instances'),
        await manager.get('/api/inbox'),
      ];
      for (const res of probes) {
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('5');
        expect(res.body).toMatchObject({ status: 503, title: 'Service Unavailable' });
        const text = JSON.stringify(res.body);
        // Neither the address nor the port of the database server, nor the driver's own message.
        expect(text).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED|:\d{4,5}\b/);
      }
      expect(probes[0].body.detail).toBe('database unreachable');
    } finally {
      restore();
    }
    expect((await t.anonymous().get('/api/health')).status).toBe(200);
    expect((await manager.get('/api/process-instances')).status).toBe(200);
  });

  it('answers 503 with a reason when the database is unreachable', async () => {
    await t.dataSource.destroy();
    const res = await t.anonymous().get('/api/health');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.body.detail).toBe('database unreachable');
  });
});
