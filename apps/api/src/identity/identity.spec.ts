import {
  startTestApp,
  createOrganization,
  CSRF_HEADERS,
  type TestApp,
  type ApiClient,
} from '../testing/test-app';

describe('identity API', () => {
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin@acme.example');
  });
  afterAll(() => t.close());

  describe('POST /api/auth/login', () => {
    it('sets an httpOnly SameSite session cookie and /api/auth/me returns the user with the organisation', async () => {
      const res = await fetch(`${t.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...CSRF_HEADERS },
        body: JSON.stringify({ email: 'Manager@Acme.example', password: 'aimsflow-demo' }),
      });
      expect(res.status).toBe(200);
      const cookie = res.headers.getSetCookie()[0];
      expect(cookie).toMatch(/^aimsflow_session=/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      const me = await fetch(`${t.baseUrl}/api/auth/me`, { headers: { cookie: cookie.split(';')[0] } });
      const body = await me.json();
      expect(body.user).toMatchObject({
        email: 'manager@acme.example',
        roles: ['aims-manager'],
        organization: { slug: 'acme' },
      });
    });

    it('answers 401 with the error shape for a wrong password and for an unknown email', async () => {
      for (const email of ['owner@acme.example', 'nobody@acme.example']) {
        const res = await t.anonymous().post('/api/auth/login', { email, password: 'wrong-password' });
        expect(res.status).toBe(401);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.body).toEqual({
          type: 'about:blank',
          title: 'Unauthorized',
          status: 401,
          detail: 'Email or password is wrong.',
          instance: '/api/auth/login',
        });
      }
    });

    it('rate-limits repeated failures for the same email with 429', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push(
          (await t.anonymous().post('/api/auth/login', { email: 'ceo@acme.example', password: 'nope' }))
            .status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      // Even the right password is refused while the window is closed.
      const right = await t
        .anonymous()
        .post('/api/auth/login', { email: 'ceo@acme.example', password: 'aimsflow-demo' });
      expect(right.status).toBe(429);
    });

    it('rejects a body with an unknown field or a malformed email with 400 naming each field', async () => {
      const res = await t
        .anonymous()
        .post('/api/auth/login', { email: 'not-an-email', password: 'x', extra: 1 });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/email', '/extra']);
    });

    it('issues a bearer token for API clients at /api/auth/token', async () => {
      const res = await t
        .anonymous()
        .post('/api/auth/token', { email: 'owner@acme.example', password: 'aimsflow-demo' });
      expect(res.status).toBe(200);
      const me = await fetch(`${t.baseUrl}/api/auth/me`, {
        headers: { authorization: `Bearer ${res.body.token}` },
      });
      expect(me.status).toBe(200);
    });

    it('logs out: the old cookie no longer works', async () => {
      const client = await t.login('owner@acme.example');
      expect((await client.get('/api/auth/me')).status).toBe(200);
      expect((await client.post('/api/auth/logout')).status).toBe(204);
      expect((await client.get('/api/auth/me')).status).toBe(401);
    });
  });

  describe('role guard', () => {
    it('answers 401 without a session', async () => {
      expect((await t.anonymous().get('/api/users')).status).toBe(401);
    });

    it('answers 403 when the role does not allow the endpoint', async () => {
      const owner = await t.login('owner@acme.example');
      const res = await owner.get('/api/users');
      expect(res.status).toBe(403);
      expect(res.body.title).toBe('Forbidden');
      const manager = await t.login('manager@acme.example');
      expect(
        (await manager.post('/api/users', { email: 'x@acme.example', name: 'X', roles: [] })).status,
      ).toBe(403);
    });

    it('keeps external auditors read-only and locks them out after their access expires', async () => {
      const external = await t.login('external@acme.example');
      expect((await external.get('/api/auth/me')).status).toBe(200);
      expect((await external.post('/api/groups', { name: 'mine' })).status).toBe(403);

      const created = await admin.post('/api/users', {
        email: 'expired@acme.example',
        name: 'Past Auditor',
        roles: ['external-auditor'],
        password: 'long-enough-password',
        expiresAt: new Date(Date.now() - 60_000).toISOString(),
      });
      expect(created.status).toBe(201);
      const login = await t
        .anonymous()
        .post('/api/auth/login', { email: 'expired@acme.example', password: 'long-enough-password' });
      expect(login.status).toBe(401);
    });
  });

  describe('users and groups', () => {
    it('creates a user with a one-time temporary password that works for login', async () => {
      const res = await admin.post('/api/users', {
        email: 'new.owner@acme.example',
        name: 'New Owner',
        roles: ['contributor'],
      });
      expect(res.status).toBe(201);
      expect(res.body.temporaryPassword).toHaveLength(16);
      const client = await t.login('new.owner@acme.example', res.body.temporaryPassword);
      expect((await client.get('/api/auth/me')).body.user.roles).toEqual(['contributor']);
      const again = await admin.post('/api/users', {
        email: 'NEW.owner@acme.example',
        name: 'Dup',
        roles: [],
      });
      expect(again.status).toBe(409);
    });

    it('pages through users with a keyset cursor and searches by name or email', async () => {
      const first = await admin.get('/api/users?limit=3');
      expect(first.body.items).toHaveLength(3);
      const second = await admin.get(`/api/users?limit=3&cursor=${first.body.nextCursor}`);
      const names = [...first.body.items, ...second.body.items].map((u: { name: string }) => u.name);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
      expect(new Set(names).size).toBe(names.length);
      const found = await admin.get('/api/users?search=cleo');
      expect(found.body.items.map((u: { email: string }) => u.email)).toEqual(['ceo@acme.example']);
      expect((await admin.get('/api/users?cursor=garbage')).status).toBe(400);
    });

    it('changes roles and deactivates a user, who can then no longer sign in', async () => {
      const created = await admin.post('/api/users', {
        email: 'leaver@acme.example',
        name: 'Leaver',
        roles: ['contributor'],
        password: 'a-long-password',
      });
      const id = created.body.user.id;
      const patched = await admin.patch(`/api/users/${id}`, {
        roles: ['contributor', 'internal-auditor'],
        active: false,
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ roles: ['contributor', 'internal-auditor'], active: false });
      expect(
        (
          await t
            .anonymous()
            .post('/api/auth/login', { email: 'leaver@acme.example', password: 'a-long-password' })
        ).status,
      ).toBe(401);
      expect((await admin.patch(`/api/users/${id}`, { roles: ['wizard'] })).status).toBe(400);
    });

    it('creates a group and sets its members', async () => {
      const users = (await admin.get('/api/users?search=acme.example&limit=2')).body.items;
      const group = await admin.post('/api/groups', { name: 'Risk owners', description: 'Own AI risks' });
      expect(group.status).toBe(201);
      const set = await admin.put(`/api/groups/${group.body.id}/members`, {
        userIds: users.map((u: { id: string }) => u.id),
      });
      expect(set.status).toBe(200);
      expect(set.body.members).toHaveLength(2);
      const list = await admin.get('/api/groups');
      expect(list.body.items.find((g: { name: string }) => g.name === 'Risk owners').members).toHaveLength(2);
    });
  });

  describe('organisation isolation', () => {
    it("answers 404 for another organisation's user and group, and refuses them as members", async () => {
      const other = await createOrganization(t.dataSource, 'globex', [
        { email: 'admin@globex.example', roles: ['admin'] },
      ]);
      const globexAdmin = await t.login('admin@globex.example');
      const acmeUsers = (await admin.get('/api/users')).body.items;
      const acmeUser = acmeUsers[0];
      expect((await globexAdmin.get(`/api/users/${acmeUser.id}`)).status).toBe(404);
      expect((await globexAdmin.patch(`/api/users/${acmeUser.id}`, { name: 'Hacked' })).status).toBe(404);
      const list = await globexAdmin.get('/api/users');
      expect(list.body.items.map((u: { email: string }) => u.email)).toEqual(['admin@globex.example']);
      expect((await globexAdmin.get('/api/groups')).body.items).toEqual([]);

      const acmeGroup = (await admin.get('/api/groups')).body.items[0];
      expect((await globexAdmin.put(`/api/groups/${acmeGroup.id}/members`, { userIds: [] })).status).toBe(
        404,
      );
      const globexGroup = await globexAdmin.post('/api/groups', { name: 'Globex team' });
      const res = await globexAdmin.put(`/api/groups/${globexGroup.body.id}/members`, {
        userIds: [acmeUser.id, other.users[0].id],
      });
      expect(res.status).toBe(400);
    });
  });
});
