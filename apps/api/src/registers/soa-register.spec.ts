import { openTasks, personOf, type Person } from '../programme/programme-driver';
import { startTestApp, type TestApp } from '../testing/test-app';

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
});
