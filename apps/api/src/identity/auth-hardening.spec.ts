import type { INestApplication } from '@nestjs/common';
import { createApp } from '../app.factory';
import { generateAuditSigningKeyPem } from '../audit/audit-signing-key';
import { loadConfig } from '../platform/config';
import { Database } from '../platform/database/database';
import { CSRF_HEADERS, startTestApp, type ApiClient, type TestApp } from '../testing/test-app';
import { DEMO_PASSWORD } from './seed.service';

const json = { 'content-type': 'application/json' };

/** Issue 10 / review V10, V16: CSRF, cache and transport headers, the `__Host-` cookie. */
describe('authentication hardening', () => {
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin@acme.example');
  });
  afterAll(() => t.close());

  /** A raw cookie-authenticated request with exactly the given headers. */
  const withCookie = (path: string, headers: Record<string, string>, body: string | undefined = '{}') =>
    fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { ...json, cookie: admin.cookie!, ...headers },
      body,
    });

  const newGroup = () => JSON.stringify({ name: `g-${Math.random().toString(36).slice(2)}` });

  describe('CSRF (V10)', () => {
    it('refuses a cookie POST without the X-Requested-With header', async () => {
      const res = await withCookie('/api/groups', {}, newGroup());
      expect(res.status).toBe(403);
      expect((await res.json()).detail).toMatch(/X-Requested-With: aimsflow/);
    });

    it('refuses a cross-site form (text/plain, urlencoded) with the cookie', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
        const res = await withCookie('/api/notifications/read-all', { 'content-type': type }, 'a=b');
        expect(res.status).toBe(403);
      }
    });

    it('refuses a cookie POST whose Origin is another site, even with the header', async () => {
      const res = await withCookie(
        '/api/groups',
        { ...CSRF_HEADERS, origin: 'https://evil.example' },
        newGroup(),
      );
      expect(res.status).toBe(403);
      expect((await res.json()).detail).toMatch(/Origin/);
      // Another port of the same host is another origin (the review's same-site attack).
      const sibling = await withCookie(
        '/api/groups',
        { ...CSRF_HEADERS, origin: 'http://127.0.0.1:1' },
        newGroup(),
      );
      expect(sibling.status).toBe(403);
      expect((await withCookie('/api/groups', { ...CSRF_HEADERS, origin: 'null' }, newGroup())).status).toBe(
        403,
      );
    });

    it('refuses Sec-Fetch-Site cross-site and same-site, even with the header', async () => {
      for (const site of ['cross-site', 'same-site']) {
        const res = await withCookie('/api/groups', { ...CSRF_HEADERS, 'sec-fetch-site': site }, newGroup());
        expect(res.status).toBe(403);
        expect((await res.json()).detail).toMatch(/Sec-Fetch-Site/);
      }
    });

    it('refuses a logout without the header, and the session still works', async () => {
      const client = await t.login('owner@acme.example');
      const res = await fetch(`${t.baseUrl}/api/auth/logout`, {
        method: 'POST',
        headers: { cookie: client.cookie! },
      });
      expect(res.status).toBe(403);
      expect((await client.get('/api/auth/me')).status).toBe(200);
    });

    it('allows a same-origin request with the header (as the web app sends it)', async () => {
      const res = await withCookie(
        '/api/groups',
        { ...CSRF_HEADERS, origin: t.baseUrl, 'sec-fetch-site': 'same-origin' },
        newGroup(),
      );
      expect(res.status).toBe(201);
      expect(
        (await withCookie('/api/groups', { ...CSRF_HEADERS, 'sec-fetch-site': 'none' }, newGroup())).status,
      ).toBe(201);
      expect((await withCookie('/api/groups', CSRF_HEADERS, newGroup())).status).toBe(201);
    });

    it('leaves reads alone', async () => {
      const res = await fetch(`${t.baseUrl}/api/auth/me`, {
        headers: { cookie: admin.cookie!, 'sec-fetch-site': 'cross-site' },
      });
      expect(res.status).toBe(200);
    });

    it('does not affect a bearer-token POST without the header', async () => {
      const { token } = (
        await t.anonymous().post('/api/auth/token', { email: 'admin@acme.example', password: DEMO_PASSWORD })
      ).body;
      const res = await fetch(`${t.baseUrl}/api/groups`, {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${token}` },
        body: newGroup(),
      });
      expect(res.status).toBe(201);
    });

    it('requires the header on login too (it sets the cookie)', async () => {
      const body = JSON.stringify({ email: 'admin@acme.example', password: DEMO_PASSWORD });
      const bare = await fetch(`${t.baseUrl}/api/auth/login`, { method: 'POST', headers: json, body });
      expect(bare.status).toBe(403);
      expect(bare.headers.getSetCookie()).toEqual([]);
      const evil = await fetch(`${t.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { ...json, ...CSRF_HEADERS, origin: 'https://evil.example' },
        body,
      });
      expect(evil.status).toBe(403);
      const good = await fetch(`${t.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { ...json, ...CSRF_HEADERS, origin: t.baseUrl },
        body,
      });
      expect(good.status).toBe(200);
    });
  });

  describe('headers (V16)', () => {
    it('marks JSON, CSV and evidence answers Cache-Control: no-store, without HSTS over plain HTTP', async () => {
      const me = await admin.get('/api/auth/me');
      expect(me.headers.get('cache-control')).toBe('no-store');
      expect(me.headers.get('strict-transport-security')).toBeNull();
      expect((await admin.get('/api/users')).headers.get('cache-control')).toBe('no-store');
      expect((await t.anonymous().get('/api/users')).headers.get('cache-control')).toBe('no-store');

      const csv = await fetch(`${t.baseUrl}/api/registers/soa.csv`, { headers: { cookie: admin.cookie! } });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('cache-control')).toBe('no-store');
      const bytes = Buffer.from(await csv.arrayBuffer());
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

      const owner = await t.login('owner@acme.example');
      const upload = await fetch(`${t.baseUrl}/api/evidence?name=a.txt&type=text/plain`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', cookie: owner.cookie!, ...CSRF_HEADERS },
        body: 'evidence',
      });
      expect(upload.status).toBe(201);
      const { sha256 } = await upload.json();
      const download = await fetch(`${t.baseUrl}/api/evidence/${sha256}`, {
        headers: { cookie: owner.cookie! },
      });
      expect(download.status).toBe(200);
      expect(download.headers.get('cache-control')).toBe('no-store');
    });

    it('names the cookie aimsflow_session over plain HTTP', async () => {
      expect(admin.cookie).toMatch(/^aimsflow_session=/);
    });
  });

  describe('with COOKIE_SECURE=true', () => {
    let secure: INestApplication;
    let database: Database;
    let baseUrl: string;

    beforeAll(async () => {
      const url = t.driver === 'postgres' ? (t.dataSource.options as { url: string }).url : undefined;
      const config = {
        ...loadConfig({ COOKIE_SECURE: 'true' }),
        databaseUrl: url,
        logRequests: false,
        webDist: '/nonexistent',
        seedDemo: !url,
        auditSigningKey: generateAuditSigningKeyPem(),
        auditCheckpointMs: 0,
      };
      expect(config.secureCookies).toBe(true);
      database = await Database.open({ ...config, inMemory: true });
      secure = (await createApp(config, { database })).app;
      await secure.listen(0, '127.0.0.1');
      baseUrl = `http://127.0.0.1:${secure.getHttpServer().address().port}`;
    });
    afterAll(async () => {
      await secure.close();
      await database.close();
    });

    const login = () =>
      fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { ...json, ...CSRF_HEADERS },
        body: JSON.stringify({ email: 'admin@acme.example', password: DEMO_PASSWORD }),
      });

    it('sets a __Host- cookie (Secure, Path=/, no Domain) that the guard reads, and sends HSTS', async () => {
      const res = await login();
      expect(res.status).toBe(200);
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const [setCookie] = res.headers.getSetCookie();
      expect(setCookie).toMatch(/^__Host-aimsflow_session=/);
      expect(setCookie).toMatch(/;\s*Secure/i);
      expect(setCookie).toMatch(/;\s*Path=\/(;|$)/i);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).not.toMatch(/Domain=/i);
      const cookie = setCookie.split(';')[0];
      const token = cookie.slice(cookie.indexOf('=') + 1);

      expect((await fetch(`${baseUrl}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
      // The unprefixed name (which a sibling subdomain could plant) is not read in this mode.
      const plain = await fetch(`${baseUrl}/api/auth/me`, {
        headers: { cookie: `aimsflow_session=${token}` },
      });
      expect(plain.status).toBe(401);

      // CSRF checks the __Host- cookie.
      const bare = await fetch(`${baseUrl}/api/auth/logout`, { method: 'POST', headers: { cookie } });
      expect(bare.status).toBe(403);
      const out = await fetch(`${baseUrl}/api/auth/logout`, {
        method: 'POST',
        headers: { cookie, ...CSRF_HEADERS },
      });
      expect(out.status).toBe(204);
      const [cleared] = out.headers.getSetCookie();
      expect(cleared).toMatch(/^__Host-aimsflow_session=;/);
      expect(cleared).toMatch(/;\s*Secure/i);
      expect((await fetch(`${baseUrl}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    });
  });
});
