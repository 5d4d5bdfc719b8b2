import { openTasks, personOf, type Person } from '../programme/programme-driver';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TimerPoller } from '../workflow/timer-poller.service';

/** The internal audit programme through HTTP: the coverage check, top management's approval, audits opened on their dates. */
describe('internal audit programme (integration)', () => {
  let t: TestApp;
  let manager: Person;
  let ceo: Person;
  let auditor: Person;

  beforeAll(async () => {
    Object.assign(process.env, { TIMER_POLL_MS: '0' });
    t = await startTestApp();
    manager = await personOf(t, 'manager@acme.example');
    ceo = await personOf(t, 'ceo@acme.example');
    auditor = await personOf(t, 'auditor@acme.example');
  });
  afterAll(() => t.close());

  const start = async (definitionKey: string) => {
    const res = await manager.api.post('/api/process-instances', { definitionKey });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const taskOf = async (instanceId: string, form: string) => {
    const task = (await openTasks(t.dataSource, instanceId)).find((candidate) => candidate.form_key === form);
    if (!task) throw new Error(`no open ${form} task`);
    return task;
  };

  it('refuses a programme that leaves out a clause; an approved one opens each audit on its date', async () => {
    const programme = await start('internal-audit-programme');
    const drafting = await taskOf(programme, 'internal-audit-programme');
    expect((await manager.api.post(`/api/tasks/${drafting.id}/claim`)).status).toBe(200);
    const audit = (reference: string, startDate: string, clauses: string[], controls: string[]) => ({
      reference,
      title: `Audit ${reference}`,
      startDate,
      endDate: startDate,
      clauses,
      controls,
    });
    const data = {
      title: 'Cycle 2026–2028',
      cycleStart: '2026-01-01',
      cycleEnd: '2028-12-31',
      riskBasis: 'Risk and operation first, the rest the year after.',
      audits: [
        audit('IA-P-1', '2026-01-05', ['4', '5', '6', '7'], ['A.2', 'A.3', 'A.4', 'A.5']),
        audit('IA-P-2', '2028-06-01', ['8', '9'], ['A.6', 'A.7', 'A.8', 'A.9', 'A.10']),
      ],
    };
    const refused = await manager.api.post(`/api/tasks/${drafting.id}/complete`, { data });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('no planned audit covers clause 10.1, 10.2');
    expect(refused.body.errors).toContainEqual({
      pointer: '/data/audits',
      message: expect.stringContaining('10.2'),
    });

    data.audits[1].clauses.push('10');
    expect((await manager.api.post(`/api/tasks/${drafting.id}/complete`, { data })).status).toBe(200);
    const approval = (await openTasks(t.dataSource, programme)).find((task) => task.approval_id)!;
    expect(
      (await ceo.api.post(`/api/tasks/${approval.id}/complete`, { data: { decision: 'approve' } })).status,
    ).toBe(200);

    const children: Array<{ id: string; state_value: unknown }> = await t.dataSource.query(
      `SELECT id, state_value FROM process_instances WHERE parent_id = $1 ORDER BY input->'item'->>'reference'`,
      [programme],
    );
    expect(children.map((c) => c.state_value)).toEqual(['scheduled', 'scheduled']);
    const timers = await t.dataSource.query(
      `SELECT instance_id, due_at FROM timers WHERE timer_id = 'waitUntil.internal-audit.scheduled' AND status = 'scheduled'`,
    );
    expect(timers).toHaveLength(2);
    // The first audit's date has passed: its timer fires; the second waits for 2028.
    await t.app.get(TimerPoller).tick();
    const states = await t.dataSource.query(
      `SELECT id, state_value FROM process_instances WHERE parent_id = $1`,
      [programme],
    );
    const byId = new Map(states.map((s: { id: string; state_value: unknown }) => [s.id, s.state_value]));
    const [first, second] = children.map((c) => c.id);
    expect(byId.get(first)).toBe('planning');
    expect(byId.get(second)).toBe('scheduled');
    // The plan opens drafted from the programme's entry.
    const plan = await taskOf(first, 'internal-audit-plan');
    expect((await auditor.api.get(`/api/tasks/${plan.id}`)).body.data).toMatchObject({
      reference: 'IA-P-1',
      clauses: ['4', '5', '6', '7'],
      startDate: '2026-01-05',
    });
    const scheduled = (await manager.api.get('/api/registers/audits?q=IA-P')).body.items;
    expect(
      scheduled.map((a: { reference: string; status: string }) => [a.reference, a.status]).sort(),
    ).toEqual([
      ['IA-P-1', 'planning'],
      ['IA-P-2', 'scheduled'],
    ]);
    const registered = (await manager.api.get('/api/registers/audit-programmes')).body.items;
    expect(registered).toEqual([expect.objectContaining({ title: 'Cycle 2026–2028', status: 'approved' })]);
  });
});
