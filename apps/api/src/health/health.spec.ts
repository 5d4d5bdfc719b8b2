import { startTestApp, type TestApp } from '../testing/test-app';

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

  it('answers 503 with a reason when the database is unreachable', async () => {
    await t.dataSource.destroy();
    const res = await t.anonymous().get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body.message).toMatch(/database unreachable/);
  });
});
