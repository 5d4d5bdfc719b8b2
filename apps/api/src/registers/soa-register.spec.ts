import { annexAControls } from '@aimsflow/iso42001';
import {
  SOA_CONTROLS,
  SoaRecords1764530000000,
} from '../platform/database/migrations/1764530000000-SoaRecords';
import { openTasks, personOf, type Person } from '../programme/programme-driver';
import { createOrganization, startTestApp, type TestApp } from '../testing/test-app';

/**
 * The SoA as a declared register on a real database: a gap assessment drafts an entry, an SoA entry
 * decides it, and the guard keeps a later gap assessment from overwriting the decision; every change
 * is a kept version of the record.
 */
describe('the SoA register (integration)', () => {
  let t: TestApp;
  let manager: Person;
  let contributor: Person;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await personOf(t, 'manager@acme.example');
    contributor = await personOf(t, 'owner@acme.example');
  });
  afterAll(() => t.close());

  const run = async (person: Person, definitionKey: string, input: unknown, form: string, data: unknown) => {
    const started = await manager.api.post('/api/process-instances', { definitionKey, input });
    expect(started.status).toBe(201);
    const task = (await openTasks(t.dataSource, started.body.id)).find((x) => x.form_key === form)!;
    expect((await person.api.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    expect((await person.api.post(`/api/tasks/${task.id}/complete`, { data })).status).toBe(200);
  };
  const gap = (id: string, data: Record<string, unknown>) =>
    run(
      contributor,
      'gap-assessment-item-review',
      { item: { id, kind: 'control', title: id } },
      'gap-assessment-item',
      {
        requirement: id,
        ...data,
      },
    );
  const row = async (controlId: string) =>
    (await manager.api.get('/api/registers/soa')).body.items.find(
      (r: { controlId: string }) => r.controlId === controlId,
    );

  it('drafts from the gap analysis, keeps the justification when a later note is empty', async () => {
    await gap('A.4.2', { status: 'partial', note: 'Inventory started' });
    expect(await row('A.4.2')).toMatchObject({
      applicable: true,
      justification: 'Inventory started',
      status: 'partial',
      stage: 'draft',
      owner: { id: contributor.id },
    });
    await gap('A.4.2', { status: 'implemented' });
    expect(await row('A.4.2')).toMatchObject({ justification: 'Inventory started', status: 'implemented' });
    await gap('A.4.2', { status: 'not-applicable', justification: 'No resources of this kind' });
    expect(await row('A.4.2')).toMatchObject({
      applicable: false,
      justification: 'No resources of this kind',
    });
  });

  it('does not let a gap assessment overwrite a decided entry', async () => {
    await run(manager, 'soa-entry-review', { item: { id: 'A.4.3', title: 'Data resources' } }, 'soa-entry', {
      control: 'A.4.3',
      applicable: true,
      inclusionReason: 'Training data is documented.',
      implementation: 'partial',
    });
    const decided = await row('A.4.3');
    expect(decided).toMatchObject({
      applicable: true,
      justification: 'Training data is documented.',
      status: 'partial',
      stage: 'decided',
      owner: { id: manager.id },
    });
    await gap('A.4.3', { status: 'not-applicable', justification: 'Should not win' });
    expect(await row('A.4.3')).toEqual(decided);
  });

  it('keeps every change as a version of the record', async () => {
    const [record] = await t.dataSource.query(
      `SELECT r.id, r.version, count(v.*)::int AS kept FROM register_records r
         JOIN register_record_versions v ON v.organization_id = r.organization_id AND v.record_id = r.id
        WHERE r.register_key = 'soa' AND r.record_key = 'A.4.2' GROUP BY r.id, r.version`,
    );
    // The seeded catalogue row, then three gap assessments.
    expect(record).toMatchObject({ version: 4, kept: 4 });
    const detail = await manager.api.get(`/api/registers/soa/${record.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.versions.map((v: { version: number }) => v.version)).toEqual([4, 3, 2, 1]);
  });

  it('migrates the rows of the former register_soa table, keeping their ids and versions', async () => {
    expect(SOA_CONTROLS).toEqual(annexAControls.map((c) => c.id));
    const { organization, users } = await createOrganization(t.dataSource, 'legacy-soa', [
      { email: 'legacy@legacy.example', roles: ['aims-manager'] },
    ]);
    const org = organization.id;
    await t.dataSource.query(`CREATE TABLE register_soa (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), organization_id uuid NOT NULL, owner_id uuid,
      source_task_id uuid, instance_id uuid, version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(), control_id text NOT NULL, title text NOT NULL,
      family text NOT NULL, applicable boolean, justification text, status text NOT NULL DEFAULT 'not-assessed',
      stage text NOT NULL DEFAULT 'catalogue', evidence jsonb NOT NULL DEFAULT '[]')`);
    const [decided] = await t.dataSource.query(
      `INSERT INTO register_soa (organization_id, owner_id, version, control_id, title, family, applicable,
         justification, status, stage, updated_at)
       VALUES ($1, $2, 3, 'A.10.4', 'Customers', 'A.10', false, 'We sell to no one', 'not-applicable', 'decided',
         '2026-11-01T09:00:00Z') RETURNING id`,
      [org, users[0].id],
    );
    await t.dataSource.query(
      `INSERT INTO register_soa (organization_id, control_id, title, family) VALUES ($1, 'A.2.2', 'AI policy', 'A.2')`,
      [org],
    );
    const runner = t.dataSource.createQueryRunner();
    try {
      await new SoaRecords1764530000000().up(runner);
    } finally {
      await runner.release();
    }
    const records = await t.dataSource.query(
      `SELECT id, record_key, data, version FROM register_records
        WHERE organization_id = $1 AND register_key = 'soa' ORDER BY record_key`,
      [org],
    );
    expect(records).toEqual([
      expect.objectContaining({ record_key: 'A.10.4', id: decided.id, version: 3 }),
      expect.objectContaining({ record_key: 'A.2.2', version: 1 }),
    ]);
    expect(records[0].data).toEqual({
      controlId: 'A.10.4',
      title: 'Customers',
      family: 'A.10',
      applicable: false,
      justification: 'We sell to no one',
      status: 'not-applicable',
      stage: 'decided',
      evidence: [],
      ownerId: users[0].id,
      position: 37,
    });
    const kept = await t.dataSource.query(
      `SELECT version FROM register_record_versions WHERE organization_id = $1 AND record_id = $2`,
      [org, decided.id],
    );
    expect(kept).toEqual([{ version: 3 }]);
    const [table] = await t.dataSource.query(`SELECT to_regclass('register_soa') AS t`);
    expect(table.t).toBeNull();
    const legacy = await t.login('legacy@legacy.example');
    const soa = (await legacy.get('/api/registers/soa')).body.items;
    expect(soa).toHaveLength(38);
    expect(soa.find((r: { controlId: string }) => r.controlId === 'A.10.4')).toMatchObject({
      applicable: false,
      justification: 'We sell to no one',
      stage: 'decided',
      version: 3,
      owner: { id: users[0].id, name: 'legacy@legacy.example' },
    });
  });
});
