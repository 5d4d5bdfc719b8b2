import { annexAControls } from '@aimsflow/iso42001';
import { requirementAreas } from '../audits/audit-scope';
import { OutboxDeliverer } from '../outbox/outbox-deliverer.service';
import { openTasks, personOf, type Person } from '../programme/programme-driver';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TimerPoller } from '../workflow/timer-poller.service';

/**
 * Phase 5 on the certificate's dates through HTTP on a real database: the first surveillance visit
 * due on the decision's first anniversary, a lapsed visit escalated to top management, and the
 * sampling coverage of the certification body's visits over the cycle.
 */
describe('surveillance and recertification (integration)', () => {
  let t: TestApp;
  let manager: Person;
  let ceo: Person;
  let external: Person;
  const saved = { ...process.env };

  beforeAll(async () => {
    // The tests drive the timers and the outbox themselves.
    Object.assign(process.env, { TIMER_POLL_MS: '0', OUTBOX_POLL_MS: '0', DIGEST_POLL_MS: '0' });
    t = await startTestApp();
    manager = await personOf(t, 'manager@acme.example');
    ceo = await personOf(t, 'ceo@acme.example');
    external = await personOf(t, 'external@acme.example');
  });
  afterAll(async () => {
    await t.close();
    process.env = saved;
  });

  const start = async (definitionKey: string, input?: Record<string, unknown>) => {
    const res = await manager.api.post('/api/process-instances', { definitionKey, input });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const taskOf = async (rootId: string, form: string) => {
    const task = (await openTasks(t.dataSource, rootId)).find((candidate) => candidate.form_key === form);
    if (!task) throw new Error(`no open ${form} task`);
    return task;
  };
  const complete = async (taskId: string, data: unknown) => {
    expect((await manager.api.post(`/api/tasks/${taskId}/claim`)).status).toBe(200);
    const res = await manager.api.post(`/api/tasks/${taskId}/complete`, { data });
    expect(res.status).toBe(200);
  };
  const certificate = (number: string, decidedOn: string, expiresOn: string) => ({
    number,
    scope: 'AI-assisted underwriting',
    decidedOn,
    // Issued three months after the decision: the deadlines follow the decision.
    issuedOn: `${decidedOn.slice(0, 5)}${String(Number(decidedOn.slice(5, 7)) + 3).padStart(2, '0')}-01`,
    expiresOn,
  });

  it("makes the first surveillance visit due 12 months after the certification decision, and schedules the year's processes before it", async () => {
    const phase = await start('phase-maintain-enhance', {
      certificate: certificate('AIMS-2027-0042', '2027-03-15', '2030-03-14'),
    });
    const visit = await taskOf(phase, 'surveillance-visit');
    expect(visit.title).toBe(
      "Surveillance audit 1: record the certification body's visit (due by 2028-03-15)",
    );
    const [row] = await t.dataSource.query(
      `SELECT t.due_at, t.escalate_to, e.due_at AS escalation FROM tasks t
         JOIN timers e ON e.task_id = t.id AND e.kind = 'task-escalation' AND e.status = 'scheduled'
        WHERE t.id = $1`,
      [visit.id],
    );
    expect(new Date(row.due_at).toISOString()).toBe('2028-03-15T23:59:59.999Z');
    expect(new Date(row.escalation).toISOString()).toBe('2028-03-15T23:59:59.999Z');
    expect(row.escalate_to).toBe('top-management');
    // The year's internal audit opens 150 days before the visit (a durable timer at that date).
    const [wait] = await t.dataSource.query(
      `SELECT tm.due_at FROM timers tm JOIN process_instances p ON p.id = tm.instance_id
        WHERE p.parent_id = $1 AND tm.timer_id = 'waitUntil.internal-audit.scheduled' AND tm.status = 'scheduled'`,
      [phase],
    );
    expect(new Date(wait.due_at).toISOString()).toBe('2027-10-17T00:00:00.000Z');
  });

  it('escalates a lapsed visit deadline to top management', async () => {
    // Decided in November 2024: the first surveillance was due by 2025-11-20 and has not been recorded.
    const phase = await start('phase-maintain-enhance', {
      certificate: certificate('AIMS-2024-0007', '2024-11-20', '2027-11-19'),
    });
    const visit = await taskOf(phase, 'surveillance-visit');
    const poller = t.app.get(TimerPoller);
    while ((await poller.tick()) > 0);
    const history = (await manager.api.get(`/api/process-instances/${visit.instance_id}/history`)).body
      .items as Array<{ kind: string; payload: Record<string, unknown> }>;
    expect(history).toContainEqual(
      expect.objectContaining({
        kind: 'task.escalated',
        payload: { taskId: visit.id, to: 'top-management' },
      }),
    );
    const outbox = t.app.get(OutboxDeliverer);
    while ((await outbox.deliverDue()) > 0);
    const boss = (await ceo.api.get('/api/notifications')).body.items as Array<{
      kind: string;
      title: string;
      link: string;
    }>;
    expect(boss).toContainEqual(
      expect.objectContaining({
        kind: 'task-escalation',
        title: expect.stringContaining('Surveillance audit 1'),
        link: `/tasks/${visit.id}`,
      }),
    );
    // The AIMS manager holding the task is not the one escalated to.
    const own = (await manager.api.get('/api/notifications')).body.items as Array<{
      link: string;
      kind: string;
    }>;
    expect(own.filter((n) => n.kind === 'task-escalation' && n.link === `/tasks/${visit.id}`)).toEqual([]);
  });

  it('ends the programme when an AIMS manager sends END_PROGRAMME, cancelling the open work', async () => {
    const phase = await start('phase-maintain-enhance', {
      certificate: certificate('AIMS-2027-0099', '2027-05-02', '2030-05-01'),
    });
    const res = await manager.api.post(`/api/process-instances/${phase}/events`, {
      type: 'END_PROGRAMME',
      data: { reason: 'The organisation gives up certification.' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', outcome: 'ended' });
    expect(await openTasks(t.dataSource, phase)).toEqual([]);
    // A contributor may not.
    const owner = await personOf(t, 'owner@acme.example');
    expect(
      (await owner.api.post(`/api/process-instances/${phase}/events`, { type: 'END_PROGRAMME' })).status,
    ).toBe(403);
  });

  it("shows which clauses and controls the body sampled over the certificate's cycle", async () => {
    // The SoA excludes A.6.2.5: it is not counted.
    const soa = await start('soa-entry-review', { item: { id: 'A.6.2.5', title: 'Deployment' } });
    await complete((await taskOf(soa, 'soa-entry')).id, {
      control: 'A.6.2.5',
      applicable: false,
      exclusionReason: 'We deploy no AI system ourselves.',
    });
    const cert = certificate('AIMS-2031-0001', '2031-01-10', '2034-01-09');
    const visitOf = async (
      title: string,
      dueBy: string,
      sampledClauses: string[],
      sampledControls: string[],
    ) => {
      const id = await start('surveillance-audit', { kind: 'surveillance', title, certificate: cert, dueBy });
      await complete((await taskOf(id, 'surveillance-visit')).id, {
        startDate: dueBy,
        endDate: dueBy,
        leadAuditor: 'Dana Keller',
        sampledClauses,
        sampledControls,
      });
      return id;
    };
    await visitOf('Surveillance audit 1', '2032-01-10', ['4', '5.2', '6.1'], ['A.2', 'A.6.2.4']);
    await visitOf('Surveillance audit 2', '2033-01-10', ['6.1.2', '9', '10'], ['A.8.4']);

    const res = await external.api.get('/api/certification/coverage?certificate=AIMS-2031-0001');
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body.certificateNumber).toBe('AIMS-2031-0001');
    expect(body.visits.map((v: { title: string }) => v.title)).toEqual([
      'Surveillance audit 1',
      'Surveillance audit 2',
    ]);
    const clause = (id: string) => body.clauses.find((c: { id: string }) => c.id === id);
    expect(body.clauses.map((c: { id: string }) => c.id)).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    expect(clause('4').sampled).toBe(clause('4').total);
    expect(clause('7').sampled).toBe(0);
    const area = (id: string) => clause(id.split('.')[0]).areas.find((a: { id: string }) => a.id === id);
    expect(area('6.1.2').sampledBy).toEqual(['Surveillance audit 1', 'Surveillance audit 2']);
    expect(area('5.2').sampledBy).toEqual(['Surveillance audit 1']);
    expect(area('5.1').sampledBy).toEqual([]);
    const control = (id: string) => body.controls.find((c: { id: string }) => c.id === id);
    expect(control('A.2.2').sampledBy).toEqual(['Surveillance audit 1']);
    expect(control('A.8.4').sampledBy).toEqual(['Surveillance audit 2']);
    expect(control('A.6.2.5')).toBeUndefined();
    expect(body.totals.controls.total).toBe(annexAControls.length - 1);
    expect(body.totals.clauseAreas.total).toBe(requirementAreas.length);
    expect(body.complete).toBe(false);

    // The recertification samples the rest: everything was sampled by the end of the cycle.
    await visitOf(
      'Recertification audit',
      '2034-01-08',
      ['5', '6', '7', '8'],
      ['A.3', 'A.4', 'A.5', 'A.6', 'A.7', 'A.8', 'A.9', 'A.10'],
    );
    const after = (await manager.api.get('/api/certification/coverage')).body;
    expect(after.certificateNumber).toBe('AIMS-2031-0001');
    expect(after.totals.clauseAreas).toEqual({
      sampled: requirementAreas.length,
      total: requirementAreas.length,
    });
    expect(after.totals.controls.sampled).toBe(after.totals.controls.total);
    expect(after.complete).toBe(true);

    // Another certificate's cycle counts on its own; a malformed number is refused.
    const other = (await manager.api.get('/api/certification/coverage?certificate=AIMS-2027-0042')).body;
    expect(other.visits).toHaveLength(1);
    expect(other.totals.clauseAreas.sampled).toBe(0);
    expect((await manager.api.get('/api/certification/coverage?certificate=%20drop%20table')).status).toBe(
      400,
    );
  });
});
