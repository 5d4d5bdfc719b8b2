import { principalOf } from '../../testing/principals';
import { CSRF_HEADERS, startTestApp, type ApiClient, type TestApp } from '../../testing/test-app';
import { DEMO_PASSWORD } from '../seed.service';

/** Issue 10 / review V12: password policy, own change, temporary passwords and idle sessions. */
describe('passwords and sessions', () => {
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin@acme.example');
  });
  afterAll(() => t.close());

  /** Creates a user as the admin; answers the temporary password the admin hands over. */
  async function invite(email: string, password?: string): Promise<string> {
    const res = await admin.post('/api/users', {
      email,
      name: 'Tess Temporary',
      roles: ['contributor'],
      ...(password ? { password } : {}),
    });
    expect(res.status).toBe(201);
    return password ?? res.body.temporaryPassword;
  }

  describe('password policy', () => {
    it.each([
      ['aaaaaaaaaa', /Repeated characters/],
      ['password12', /commonly used password/],
      ['1234567890', /frequently used password/],
      ['short', /at least 10 characters/],
    ])('refuses %j when an admin creates a user, naming the field and why', async (password, why) => {
      const res = await admin.post('/api/users', {
        email: `weak-${password.length}-${password[0]}@acme.example`,
        name: 'Weak',
        roles: ['contributor'],
        password,
      });
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/^password /);
      expect(res.body.detail).toMatch(why);
    });

    it("refuses a password made of the user's own email, name or organisation", async () => {
      const res = await admin.post('/api/users', {
        email: 'quentin.quarry@acme.example',
        name: 'Quentin Quarry',
        roles: ['contributor'],
        password: 'quentinquarry',
      });
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/^password is too easy to guess/);
      expect(res.body.errors).toEqual([{ pointer: '/password', message: res.body.detail }]);
    });

    it('refuses a weak new password on change, with the reason', async () => {
      const owner = await t.login('owner@acme.example');
      const res = await owner.post('/api/auth/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'password12',
      });
      expect(res.status).toBe(400);
      expect(res.body.detail).toBe(
        'newPassword is too easy to guess. This is a commonly used password. Add more words that are less common.',
      );
      expect(res.body.errors).toEqual([{ pointer: '/newPassword', message: res.body.detail }]);
    });
  });

  describe("changing one's own password", () => {
    it('refuses a wrong current password with 400 and counts it as a failed login', async () => {
      const owner = await t.login('auditor@acme.example');
      const res = await owner.post('/api/auth/password', {
        currentPassword: 'not-my-password',
        newPassword: 'Sunflower-Kettle-42',
      });
      expect(res.status).toBe(400);
      expect(res.body.detail).toBe('currentPassword is wrong.');
      const [{ count }] = await t.dataSource.query(
        `SELECT count FROM login_failures WHERE key = 'account:auditor@acme.example'`,
      );
      expect(Number(count)).toBe(1);
    });

    it('ends the other sessions, keeps this one, and records user.password-changed', async () => {
      const email = 'changer@acme.example';
      const first = await invite(email, 'Temporary-Lantern-81');
      const other = await t.login(email, first);
      const current = await t.login(email, first);
      const res = await current.post('/api/auth/password', {
        currentPassword: first,
        newPassword: 'Sunflower-Kettle-42',
      });
      expect(res.status).toBe(204);
      expect((await current.get('/api/inbox')).status).toBe(200);
      expect((await other.get('/api/auth/me')).status).toBe(401);
      await expect(t.login(email, first)).rejects.toThrow(/401/);
      expect((await (await t.login(email, 'Sunflower-Kettle-42')).get('/api/auth/me')).status).toBe(200);

      const { userId, organizationId } = await principalOf(t.dataSource, email);
      const records: { actor_id: string; payload: Record<string, unknown> }[] = await t.dataSource.query(
        `SELECT actor_id, payload FROM history_records WHERE organization_id = $1 AND kind = 'user.password-changed'`,
        [organizationId],
      );
      expect(records).toEqual([
        {
          actor_id: userId,
          payload: { userId, email, wasTemporary: true, otherSessionsEnded: 1 },
        },
      ]);
      expect(JSON.stringify(records)).not.toContain('Sunflower');
      expect((await t.verifyAudit()).every((r) => r.ok)).toBe(true);
    });
  });

  describe('temporary passwords', () => {
    it('allow only me, the change and logout until the password is changed', async () => {
      const email = 'temporary@acme.example';
      const temporary = await invite(email);
      const client = await t.login(email, temporary);

      const me = await client.get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.user.passwordChangeRequired).toBe(true);
      const refused = await client.get('/api/inbox');
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        code: 'password-change-required',
        detail: 'Change your temporary password before you go on.',
      });

      const changed = await client.post('/api/auth/password', {
        currentPassword: temporary,
        newPassword: 'Quiet-Harbour-Violet-9',
      });
      expect(changed.status).toBe(204);
      expect((await client.get('/api/inbox')).status).toBe(200);
      expect((await client.get('/api/auth/me')).body.user.passwordChangeRequired).toBe(false);
      // A later sign-in is a normal one.
      const again = await t.login(email, 'Quiet-Harbour-Violet-9');
      expect((await again.get('/api/inbox')).status).toBe(200);
    });

    it('also hold for a password the admin chose, and say so at sign-in and on a token', async () => {
      const email = 'chosen@acme.example';
      await invite(email, 'Admin-Chosen-Marble-5');
      const login = await t.anonymous().post('/api/auth/login', { email, password: 'Admin-Chosen-Marble-5' });
      expect(login.body.user.passwordChangeRequired).toBe(true);
      const token = await t.anonymous().post('/api/auth/token', { email, password: 'Admin-Chosen-Marble-5' });
      expect(token.body.passwordChangeRequired).toBe(true);
      const res = await fetch(`${t.baseUrl}/api/users/me-not-a-uuid`, {
        headers: { authorization: `Bearer ${token.body.token}` },
      });
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe('password-change-required');
      const logout = await fetch(`${t.baseUrl}/api/auth/logout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.body.token}`, ...CSRF_HEADERS },
      });
      expect(logout.status).toBe(204);
    });
  });

  describe('idle sessions', () => {
    const sessionsOf = (email: string): Promise<{ id: string; last_used_at: Date }[]> =>
      t.dataSource.query(
        `SELECT s.id, s.last_used_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1`,
        [email],
      );

    it('ends a session unused for longer than SESSION_IDLE_MINUTES (30) and deletes it', async () => {
      const ceo = await t.login('ceo@acme.example');
      const [session] = await sessionsOf('ceo@acme.example');
      await t.dataSource.query(
        `UPDATE sessions SET last_used_at = now() - interval '29 minutes' WHERE id = $1`,
        [session.id],
      );
      expect((await ceo.get('/api/auth/me')).status).toBe(200);
      // That use moved last_used_at to now, so the session is good for another 30 minutes.
      const [touched] = await sessionsOf('ceo@acme.example');
      expect(Date.now() - new Date(touched.last_used_at).getTime()).toBeLessThan(60_000);

      await t.dataSource.query(
        `UPDATE sessions SET last_used_at = now() - interval '31 minutes' WHERE id = $1`,
        [session.id],
      );
      expect((await ceo.get('/api/auth/me')).status).toBe(401);
      expect(await sessionsOf('ceo@acme.example')).toEqual([]);
    });

    it('writes last_used_at at most once a minute, not on every request', async () => {
      const manager = await t.login('manager2@acme.example');
      const [session] = await sessionsOf('manager2@acme.example');
      const stamp = new Date(Date.now() - 30_000);
      await t.dataSource.query(`UPDATE sessions SET last_used_at = $2 WHERE id = $1`, [session.id, stamp]);
      for (let i = 0; i < 3; i++) expect((await manager.get('/api/auth/me')).status).toBe(200);
      const [after] = await sessionsOf('manager2@acme.example');
      expect(new Date(after.last_used_at).getTime()).toBe(stamp.getTime());
    });

    it('still ends a session at its absolute end however busy it is', async () => {
      const external = await t.login('external@acme.example');
      await t.dataSource.query(
        `UPDATE sessions SET expires_at = now() - interval '1 second'
          WHERE user_id = (SELECT id FROM users WHERE email = 'external@acme.example')`,
      );
      expect((await external.get('/api/auth/me')).status).toBe(401);
    });
  });
});
