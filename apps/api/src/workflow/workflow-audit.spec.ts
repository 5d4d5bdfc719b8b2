import { principalOf } from '../testing/principals';
import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';

interface AuditRow {
  actor_id: string | null;
  instance_id: string | null;
  payload: Record<string, any>;
  state_before: unknown;
}

const machine = (extra: Record<string, unknown> = {}) => ({
  id: 'audited',
  initial: 'drafting',
  states: {
    drafting: {
      meta: { task: { form: 'generic-task', title: 'Draft', candidateRole: 'contributor' } },
      on: { SUBMIT: 'done', ...extra },
    },
    done: { type: 'final' },
  },
});

/** V14: rule changes, migrations and cancellations are in the organisation's audit trail with who and why. */
describe('workflow powers in the audit trail', () => {
  let t: TestApp;
  let admin: ApiClient;
  let manager: ApiClient;
  let adminId: string;
  let managerId: string;
  let organizationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin@acme.example');
    manager = await t.login('manager@acme.example');
    ({ userId: adminId, organizationId } = await principalOf(t.dataSource, 'admin@acme.example'));
    managerId = (await principalOf(t.dataSource, 'manager@acme.example')).userId;
  });
  afterAll(() => t.close());

  const records = (kind: string): Promise<AuditRow[]> =>
    t.dataSource.query(
      `SELECT actor_id, instance_id, payload, state_before FROM history_records
        WHERE organization_id = $1 AND kind = $2 ORDER BY created_at, id`,
      [organizationId, kind],
    );

  async function deploy(key: string, extra?: Record<string, unknown>, settings?: Record<string, unknown>) {
    const res = await admin.post('/api/workflow-definitions', {
      key,
      name: key,
      machine: machine(extra),
      ...(settings ? { settings } : {}),
    });
    expect(res.status).toBe(201);
    return res.body as { version: number; created: boolean };
  }

  async function start(definitionKey: string, version?: number) {
    const res = await manager.post('/api/process-instances', {
      definitionKey,
      ...(version ? { version } : {}),
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }

  it('records definition.deployed with the actor and the settings, once per new version', async () => {
    const settings = { steps: { 'audited.drafting': { candidateRole: 'aims-manager' } } };
    await deploy('audit-deploy', undefined, settings);
    expect((await deploy('audit-deploy', undefined, settings)).created).toBe(false);
    await deploy('audit-deploy', { HOLD: 'drafting' });
    await deploy('audit-deploy', undefined, settings); // a rollback to v1's content: v3
    const deployed = (await records('definition.deployed')).filter((r) => r.payload.key === 'audit-deploy');
    expect(
      deployed.map((r) => [r.actor_id, r.instance_id, r.payload.version, r.payload.previousVersion]),
    ).toEqual([
      [adminId, null, 1, null],
      [adminId, null, 2, 1],
      [adminId, null, 3, 2],
    ]);
    expect(deployed[0].payload.settings).toEqual(settings);
    expect(deployed[2].payload.restoresVersion).toBe(1);
    expect(deployed[2].payload.contentHash).toBe(deployed[0].payload.contentHash);
  });

  it('records definition.settings-changed with the settings before and after', async () => {
    await deploy('audit-settings');
    const settings = { steps: { 'audited.drafting': { candidateRole: 'aims-manager', dueIn: 'P3D' } } };
    const put = await admin.put('/api/workflow-definitions/audit-settings/settings', { settings });
    expect(put.body).toMatchObject({ version: 2, created: true });
    await admin.put('/api/workflow-definitions/audit-settings/settings', { settings }); // no-op
    const changed = (await records('definition.settings-changed')).filter(
      (r) => r.payload.key === 'audit-settings',
    );
    expect(changed).toHaveLength(1);
    expect(changed[0].actor_id).toBe(adminId);
    expect(changed[0].payload).toMatchObject({ version: 2, previousVersion: 1, before: {}, after: settings });
  });

  it('records instance.migrated once per instance, with the admin as actor, for one and for a batch', async () => {
    await deploy('audit-migrate');
    const one = await start('audit-migrate');
    const batch = [await start('audit-migrate'), await start('audit-migrate')];
    await deploy('audit-migrate', { HOLD: 'drafting' });
    expect((await admin.post(`/api/process-instances/${one.id}/migrate`, { toVersion: 2 })).status).toBe(200);
    const all = await admin.post('/api/workflow-definitions/audit-migrate/versions/1/migrate', {
      toVersion: 2,
    });
    expect(all.body).toEqual({ migrated: 2 });
    const migrated = await records('instance.migrated');
    for (const instance of [one, ...batch]) {
      const mine = migrated.filter((r) => r.instance_id === instance.id);
      expect(mine).toHaveLength(1);
      expect(mine[0].actor_id).toBe(adminId);
      expect(mine[0].payload).toMatchObject({ fromVersion: 1, toVersion: 2 });
    }
  });

  it('records instance.cancelled once, with the actor, the state left and the reason', async () => {
    await deploy('audit-cancel');
    const withReason = await start('audit-cancel');
    const res = await manager.post(`/api/process-instances/${withReason.id}/cancel`, {
      reason: '  Raised twice by mistake ',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    const withoutReason = await start('audit-cancel');
    expect((await manager.post(`/api/process-instances/${withoutReason.id}/cancel`)).status).toBe(200);

    const cancelled = await records('instance.cancelled');
    const of = (id: string) => cancelled.filter((r) => r.instance_id === id);
    expect(of(withReason.id)).toHaveLength(1);
    expect(of(withReason.id)[0]).toMatchObject({
      actor_id: managerId,
      state_before: 'drafting',
      payload: { reason: 'Raised twice by mistake' },
    });
    expect(of(withoutReason.id)).toHaveLength(1);
    expect(of(withoutReason.id)[0].payload).toEqual({ reason: null });
    const tooLong = await start('audit-cancel');
    const refused = await manager.post(`/api/process-instances/${tooLong.id}/cancel`, {
      reason: 'x'.repeat(1001),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/reason']);
  });

  it('requires a non-empty reason to cancel the running programme or one of its phases', async () => {
    const started = await manager.post('/api/programme', { gapItems: ['4.1'] });
    expect(started.status).toBe(201);
    const programmeId = started.body.instanceId as string;
    const phase = started.body.phases.find((p: { instanceId?: string }) => p.instanceId);
    expect(phase).toBeDefined();
    for (const [id, body] of [
      [programmeId, undefined],
      [programmeId, { reason: '   ' }],
      [phase.instanceId, {}],
    ] as const) {
      const res = await manager.post(`/api/process-instances/${id}/cancel`, body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/reason']);
    }
    expect((await manager.get(`/api/process-instances/${programmeId}`)).body.status).toBe('active');

    const cancel = await manager.post(`/api/process-instances/${programmeId}/cancel`, {
      reason: 'Scope changed by the board',
    });
    expect(cancel.status).toBe(200);
    const [record] = (await records('instance.cancelled')).filter((r) => r.instance_id === programmeId);
    expect(record).toMatchObject({ actor_id: managerId, payload: { reason: 'Scope changed by the board' } });
    // Its phases were cancelled with it, and say so.
    expect((await records('instance.cancelled')).some((r) => r.instance_id === phase.instanceId)).toBe(true);
  });
});
