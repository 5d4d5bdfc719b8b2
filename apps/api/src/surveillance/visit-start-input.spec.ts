import { openTasks, personOf, type Person } from '../programme/programme-driver';
import { startTestApp, type TestApp } from '../testing/test-app';

/**
 * A surveillance visit started by hand (the Processes page sends no input) takes its certificate
 * and deadline from the registers: the certificate decided last, and the next visit of its cycle.
 */
describe('surveillance-audit started by hand (integration)', () => {
  let t: TestApp;
  let manager: Person;
  let organizationId: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, { TIMER_POLL_MS: '0', OUTBOX_POLL_MS: '0', DIGEST_POLL_MS: '0' });
    t = await startTestApp();
    manager = await personOf(t, 'manager@acme.example');
    [{ organizationId }] = await t.dataSource.query(
      `SELECT organization_id AS "organizationId" FROM users WHERE id = $1`,
      [manager.id],
    );
  });
  afterAll(async () => {
    await t.close();
    process.env = saved;
  });

  const visitTitle = async (input?: Record<string, unknown>) => {
    const res = await manager.api.post('/api/process-instances', {
      definitionKey: 'surveillance-audit',
      input,
    });
    expect(res.status).toBe(201);
    const [task] = await openTasks(t.dataSource, res.body.id);
    return task.title;
  };
  // As the certification audit's projection keeps a certificate (its own tests cover that part).
  const certificate = (number: string, decidedOn: string, expiresOn: string) =>
    t.dataSource.query(
      `INSERT INTO register_records (organization_id, register_key, record_key, data)
       VALUES ($1, 'certificates', $2, $3::jsonb)`,
      [
        organizationId,
        number,
        JSON.stringify({
          number,
          scope: 'AI-assisted underwriting',
          decidedOn,
          issuedOn: decidedOn,
          expiresOn,
        }),
      ],
    );

  it('without a certificate, starts as before: no deadline', async () => {
    expect(await visitTitle()).toBe("Surveillance audit: record the certification body's visit (due by )");
  });

  it("takes the latest certificate's dates: 12 and 24 months after the decision, then the day before expiry", async () => {
    await certificate('AIMS-OLD-1', '2024-01-10', '2027-01-09');
    await certificate('AIMS-2027-0042', '2027-03-15', '2030-03-14');
    const due = (title: string, by: string) =>
      `${title}: record the certification body's visit (due by ${by})`;
    expect(await visitTitle()).toBe(due('Surveillance audit 1', '2028-03-15'));
    expect(await visitTitle()).toBe(due('Surveillance audit 2', '2029-03-15'));
    expect(await visitTitle()).toBe(due('Recertification audit', '2030-03-13'));
    const visits = await t.dataSource.query(
      `SELECT data->>'year' AS year, data->>'kind' AS kind FROM register_records
        WHERE organization_id = $1 AND register_key = 'surveillance-visits'
          AND data->>'certificateNumber' = 'AIMS-2027-0042' ORDER BY data->>'dueBy'`,
      [organizationId],
    );
    expect(visits).toEqual([
      { year: '1', kind: 'surveillance' },
      { year: '2', kind: 'surveillance' },
      { year: '3', kind: 'recertification' },
    ]);
  });

  it('keeps the input the caller gave', async () => {
    expect(await visitTitle({ title: 'Special visit', dueBy: '2027-09-30' })).toBe(
      "Special visit: record the certification body's visit (due by 2027-09-30)",
    );
  });
});
