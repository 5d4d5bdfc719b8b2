import { principalOf } from '../testing/principals';
import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';

interface AuditRow {
  actor_id: string | null;
  instance_id: string | null;
  payload: Record<string, any>;
}

/** V14: every change of who holds which power is in the organisation's audit trail; V16: auditors expire. */
describe('identity changes in the audit trail', () => {
  let t: TestApp;
  let admin: ApiClient;
  let adminId: string;
  let organizationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin@acme.example');
    ({ userId: adminId, organizationId } = await principalOf(t.dataSource, 'admin@acme.example'));
  });
  afterAll(() => t.close());

  const records = (kind: string): Promise<AuditRow[]> =>
    t.dataSource.query(
      'SELECT actor_id, instance_id, payload FROM history_records WHERE organization_id = $1 AND kind = $2 ORDER BY created_at, id',
      [organizationId, kind],
    );
  /** The one record of `kind` about this subject, checked to name the admin as its actor. */
  async function recordOf(kind: string, subject: Record<string, unknown>): Promise<AuditRow> {
    const found = (await records(kind)).filter((r) =>
      Object.entries(subject).every(([k, v]) => r.payload[k] === v),
    );
    expect(found).toHaveLength(1);
    expect(found[0].actor_id).toBe(adminId);
    expect(found[0].instance_id).toBeNull();
    return found[0];
  }

  async function createUser(body: Record<string, unknown>) {
    const res = await admin.post('/api/users', body);
    expect(res.status).toBe(201);
    return res.body as { user: { id: string }; temporaryPassword?: string };
  }

  it('records user.created with the roles and no password', async () => {
    const password = 'a-secret-long-password';
    const { user } = await createUser({
      email: 'Sock1@acme.example',
      name: 'Sock One',
      roles: ['aims-manager'],
      password,
    });
    const record = await recordOf('user.created', { userId: user.id });
    expect(record.payload).toMatchObject({
      email: 'sock1@acme.example',
      roles: ['aims-manager'],
      expiresAt: null,
    });
    const temporary = await createUser({
      email: 'sock2@acme.example',
      name: 'Sock Two',
      roles: ['top-management'],
    });
    const second = await recordOf('user.created', { userId: temporary.user.id });
    expect(second.payload.temporaryPassword).toBe(true);
    const stored = JSON.stringify([record.payload, second.payload]);
    expect(stored).not.toContain(password);
    expect(stored).not.toContain(temporary.temporaryPassword);
    expect(stored).not.toMatch(/argon2|passwordHash/i);
  });

  it('records user.roles-changed with the roles before and after', async () => {
    const { user } = await createUser({ email: 'grant@acme.example', name: 'Grant', roles: ['contributor'] });
    const patched = await admin.patch(`/api/users/${user.id}`, { roles: ['contributor', 'aims-manager'] });
    expect(patched.status).toBe(200);
    expect((await admin.patch(`/api/users/${user.id}`, { roles: ['aims-manager'] })).status).toBe(200);
    const changes = (await records('user.roles-changed')).filter((r) => r.payload.userId === user.id);
    expect(changes.map((r) => r.actor_id)).toEqual([adminId, adminId]);
    expect(changes.map((r) => r.payload)).toEqual([
      expect.objectContaining({
        before: ['contributor'],
        after: ['contributor', 'aims-manager'],
        added: ['aims-manager'],
        removed: [],
      }),
      expect.objectContaining({
        before: ['contributor', 'aims-manager'],
        after: ['aims-manager'],
        added: [],
        removed: ['contributor'],
      }),
    ]);
    // The same roles again change nothing and record nothing.
    await admin.patch(`/api/users/${user.id}`, { roles: ['aims-manager'], name: 'Grant G.' });
    expect((await records('user.roles-changed')).filter((r) => r.payload.userId === user.id)).toHaveLength(2);
  });

  it('records user.deactivated and user.reactivated', async () => {
    const { user } = await createUser({
      email: 'leaver2@acme.example',
      name: 'Leaver',
      roles: ['contributor'],
    });
    expect((await admin.patch(`/api/users/${user.id}`, { active: false })).status).toBe(200);
    await recordOf('user.deactivated', { userId: user.id });
    expect((await admin.patch(`/api/users/${user.id}`, { active: true })).status).toBe(200);
    await recordOf('user.reactivated', { userId: user.id });
  });

  it('records user.expiry-changed with the dates before and after', async () => {
    const first = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const later = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const { user } = await createUser({
      email: 'auditor2@acme.example',
      name: 'Auditor Two',
      roles: ['external-auditor'],
      expiresAt: first,
    });
    expect((await admin.patch(`/api/users/${user.id}`, { expiresAt: later })).status).toBe(200);
    const record = await recordOf('user.expiry-changed', { userId: user.id });
    expect(record.payload).toMatchObject({ before: first, after: later });
  });

  it('records group.created, group.member-added and group.member-removed', async () => {
    const users = (await admin.get('/api/users?limit=3')).body.items.map((u: { id: string }) => u.id);
    const group = await admin.post('/api/groups', { name: 'Approvers', description: 'Sign off policies' });
    expect(group.status).toBe(201);
    const created = await recordOf('group.created', { groupId: group.body.id });
    expect(created.payload).toMatchObject({ name: 'Approvers', description: 'Sign off policies' });

    const put = (userIds: string[]) => admin.put(`/api/groups/${group.body.id}/members`, { userIds });
    expect((await put([users[0], users[1]])).status).toBe(200);
    expect((await put([users[1], users[2]])).status).toBe(200);
    for (const userId of [users[0], users[1], users[2]]) {
      const added = await recordOf('group.member-added', { groupId: group.body.id, userId });
      expect(added.payload.groupName).toBe('Approvers');
    }
    await recordOf('group.member-removed', { groupId: group.body.id, userId: users[0] });
    const removed = (await records('group.member-removed')).filter(
      (r) => r.payload.groupId === group.body.id,
    );
    expect(removed.map((r) => r.payload.userId)).toEqual([users[0]]);
  });

  it('records nothing when a change is refused', async () => {
    const before = (await records('user.created')).length;
    expect(
      (await admin.post('/api/users', { email: 'sock1@acme.example', name: 'Dup', roles: [] })).status,
    ).toBe(409);
    expect(await records('user.created')).toHaveLength(before);
  });

  describe('V16: an external auditor always has an end of access', () => {
    // Each field once, however many of its constraints failed.
    const fields = (body: { errors?: { pointer: string }[] }) => [
      ...new Set((body.errors ?? []).map((e) => e.pointer.replace(/^\//, ''))),
    ];

    it('answers 400 naming expiresAt when an external auditor is created without one', async () => {
      for (const expiresAt of [undefined, null]) {
        const res = await admin.post('/api/users', {
          email: 'no-expiry@acme.example',
          name: 'No Expiry',
          roles: ['external-auditor'],
          ...(expiresAt === null ? { expiresAt } : {}),
        });
        expect(res.status).toBe(400);
        expect(fields(res.body)).toEqual(['expiresAt']);
      }
      expect((await admin.get('/api/users?search=no-expiry')).body.items).toEqual([]);
    });

    it('answers 400 naming expiresAt when an update leaves an external auditor without one', async () => {
      const { user } = await createUser({
        email: 'becomes@acme.example',
        name: 'Becomes',
        roles: ['contributor'],
      });
      const granted = await admin.patch(`/api/users/${user.id}`, { roles: ['external-auditor'] });
      expect(granted.status).toBe(400);
      expect(fields(granted.body)).toEqual(['expiresAt']);

      const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
      const withExpiry = await admin.patch(`/api/users/${user.id}`, {
        roles: ['external-auditor'],
        expiresAt,
      });
      expect(withExpiry.status).toBe(200);
      const cleared = await admin.patch(`/api/users/${user.id}`, { expiresAt: null });
      expect(cleared.status).toBe(400);
      expect(fields(cleared.body)).toEqual(['expiresAt']);
      expect((await admin.get(`/api/users/${user.id}`)).body).toMatchObject({
        roles: ['external-auditor'],
        expiresAt,
      });
      // Without the role the end of access may go.
      const back = await admin.patch(`/api/users/${user.id}`, { roles: ['contributor'], expiresAt: null });
      expect(back.status).toBe(200);
    });

    it('seeds the demo external auditor with an end of access', async () => {
      const external = (await admin.get('/api/users?search=external@acme.example')).body.items[0];
      expect(external.roles).toEqual(['external-auditor']);
      expect(new Date(external.expiresAt).getTime()).toBeGreaterThan(Date.now());
    });
  });
});
