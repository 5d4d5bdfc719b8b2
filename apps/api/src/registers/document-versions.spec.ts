import { addPerson, drive, openTasks, personOf, type Person } from '../programme/programme-driver';
import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';

interface Doc {
  id: string;
  docKey: string;
  version: number;
  approvalState: string;
  inForce: { version: number; approvedAt: string | null; reviewDate: string | null } | null;
}

/**
 * Documented information keeps every version (7.5.3): while a revision of the AI policy is in
 * approval, the version approved before stays in force and is shown as such; once the revision is
 * approved the earlier one is superseded, still readable.
 */
describe('document versions: the version in force stays in force while a revision is in approval', () => {
  let t: TestApp;
  let people: Person[];
  let external: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    people = [
      await personOf(t, 'manager@acme.example'),
      await addPerson(t, 'deputy@acme.example', ['aims-manager']),
      await personOf(t, 'ceo@acme.example'),
    ];
    external = await t.login('external@acme.example');
  });
  afterAll(() => t.close());

  const policy = async (): Promise<Doc | undefined> =>
    ((await external.get('/api/registers/documents')).body.items as Doc[]).find(
      (d) => d.docKey === 'ai-policy',
    );

  /** Starts an AI policy approval and works it until `until` holds. */
  async function revise(until: (instanceId: string) => Promise<boolean>) {
    const start = await people[0].api.post('/api/process-instances', { definitionKey: 'ai-policy-approval' });
    expect(start.status).toBe(201);
    await drive(t, people, start.body.id, () => until(start.body.id));
    return start.body.id as string;
  }
  const completed = async (id: string) =>
    (await t.dataSource.query(`SELECT status FROM process_instances WHERE id = $1`, [id]))[0].status ===
    'completed';
  const inApproval = async (id: string) =>
    (await openTasks(t.dataSource, id)).some((task) => task.approval_id);

  it('records the first approved version as in force', async () => {
    await revise(completed);
    expect(await policy()).toMatchObject({
      version: 1,
      approvalState: 'approved',
      inForce: { version: 1, approvedAt: expect.any(String), reviewDate: expect.any(String) },
    });
  });

  it('keeps version 1 in force while version 2 is in approval, then supersedes it', async () => {
    const second = await revise(inApproval);
    const pending = await policy();
    expect(pending).toMatchObject({ version: 2, approvalState: 'in-approval', inForce: { version: 1 } });
    const before = (await external.get(`/api/registers/documents/${pending!.id}`)).body;
    expect(
      before.versions.map((v: { version: number; standing: string }) => [v.version, v.standing]),
    ).toEqual([
      [2, 'in-approval'],
      [1, 'in-force'],
    ]);

    await drive(t, people, second, () => completed(second));
    expect(await policy()).toMatchObject({ version: 2, approvalState: 'approved', inForce: { version: 2 } });
    const after = (await external.get(`/api/registers/documents/${pending!.id}`)).body;
    expect(after.versions).toEqual([
      expect.objectContaining({ version: 2, standing: 'in-force', approvedAt: expect.any(String) }),
      expect.objectContaining({
        version: 1,
        standing: 'superseded',
        approvedAt: before.versions[1].approvedAt,
        content: expect.any(Object),
      }),
    ]);
  });

  it('keeps the version in force when a revision is sent back', async () => {
    const third = await revise(inApproval);
    const [decision] = (await openTasks(t.dataSource, third)).filter((task) => task.approval_id);
    const decider = people.find((p) => p.id !== people[0].id && p.roles.includes('aims-manager'))!;
    const sentBack = await decider.api.post(`/api/approvals/${decision.approval_id}/decisions`, {
      decision: 'reject',
      comment: 'Name the new supplier policy.',
    });
    expect(sentBack.status).toBe(200);
    expect(await policy()).toMatchObject({
      version: 3,
      approvalState: 'changes-requested',
      inForce: { version: 2 },
    });
  });

  it('exports the register as CSV with the version in force, and answers 404 for another id', async () => {
    const csv = await external.get('/api/registers/documents.csv');
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain('AI policy,3,changes-requested,2,');
    const missing = await external.get('/api/registers/documents/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
  });
});
