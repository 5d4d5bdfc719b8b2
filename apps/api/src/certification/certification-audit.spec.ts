import { requiredDocumentedInformation } from '@aimsflow/iso42001';
import { OutboxDeliverer } from '../outbox/outbox-deliverer.service';
import { exampleData, openTasks, personOf, type OpenTask, type Person } from '../programme/programme-driver';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TimerPoller } from '../workflow/timer-poller.service';

const BODY = {
  name: 'Example Certification Ltd',
  accreditationBody: 'National accreditation service',
  accreditationNumber: 'CB-0421',
  scope: 'Design and operation of the support assistant',
  auditDays: 6,
  contacts: [{ name: 'Lead auditor', email: 'lead@example.org' }],
  stageOneStart: '2027-02-01',
  stageOneEnd: '2027-02-02',
};
const endOfDay = (date: string) => `${date}T23:59:59.999Z`;

/**
 * The certification audit through HTTP on the real database: the stage 1 checklist drafted from the
 * catalogue, the default deadline of a major computed from the day stage 2 was actually held (late
 * here), each finding's closure due on the body's deadline and escalated to top management when it
 * lapses, and the certificate in its register.
 */
describe('certification audit (integration)', () => {
  let t: TestApp;
  let poller: TimerPoller;
  let manager: Person;
  let ceo: Person;
  let external: Person;
  const saved = { ...process.env };

  beforeAll(async () => {
    // The test makes the deadlines due and drives the poller itself.
    Object.assign(process.env, { TIMER_POLL_MS: '0', OUTBOX_POLL_MS: '0', DIGEST_POLL_MS: '0' });
    t = await startTestApp();
    poller = t.app.get(TimerPoller);
    manager = await personOf(t, 'manager@acme.example');
    ceo = await personOf(t, 'ceo@acme.example');
    external = await personOf(t, 'external@acme.example');
  });
  afterAll(async () => {
    await t?.close();
    process.env = saved;
  });

  const start = async () => {
    const res = await manager.api.post('/api/process-instances', { definitionKey: 'certification-audit' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const taskOf = async (rootId: string, form: string): Promise<OpenTask> => {
    const found = (await openTasks(t.dataSource, rootId)).filter((task) => task.form_key === form);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const draftOf = async (task: OpenTask) => (await manager.api.get(`/api/tasks/${task.id}`)).body.data;
  const complete = async (task: OpenTask, data: unknown, status = 200) => {
    await manager.api.post(`/api/tasks/${task.id}/claim`);
    const res = await manager.api.post(`/api/tasks/${task.id}/complete`, { data });
    expect(res.status).toBe(status);
    return res;
  };
  const dueOf = async (task: OpenTask) => {
    const [row] = await t.dataSource.query(`SELECT due_at, escalate_to FROM tasks WHERE id = $1`, [task.id]);
    return { dueAt: new Date(row.due_at).toISOString(), escalateTo: row.escalate_to as string | null };
  };
  const records = async (register: string, person = manager) => {
    const res = await person.api.get(`/api/registers/${register}?limit=500`);
    expect(res.status).toBe(200);
    return res.body.items as Array<Record<string, any>>;
  };

  /** Body, stage 1 (ready at once), stage 2 planned on 1–2 March, and held on the dates given. */
  const throughStageTwo = async (held: { startDate: string; endDate: string }) => {
    const id = await start();
    await complete(await taskOf(id, 'certification-body'), BODY);
    const review = await taskOf(id, 'certification-stage-one');
    await complete(review, { ...(await draftOf(review)), outcome: 'ready-for-stage-two' });
    await complete(await taskOf(id, 'certification-stage-two-schedule'), {
      startDate: '2027-03-01',
      endDate: '2027-03-02',
    });
    const holding = await taskOf(id, 'certification-stage-two');
    expect(await draftOf(holding)).toEqual({ startDate: '2027-03-01', endDate: '2027-03-02' });
    expect((await dueOf(holding)).dueAt).toBe(endOfDay('2027-03-02'));
    await complete(holding, held);
    return id;
  };

  it('drafts the stage 1 review from the catalogue, linked to where Aimsflow keeps each item, and loops concerns back', async () => {
    const id = await start();
    await complete(await taskOf(id, 'certification-body'), BODY);
    const review = await taskOf(id, 'certification-stage-one');
    expect((await dueOf(review)).dueAt).toBe(endOfDay(BODY.stageOneEnd));
    const draft = await draftOf(review);
    expect(draft.lines.map((line: { clause: string }) => line.clause)).toEqual(
      requiredDocumentedInformation.map((item) => item.clause),
    );
    expect(draft.lines.find((line: { clause: string }) => line.clause === '10.2')).toMatchObject({
      link: '/registers/nonconformities',
      result: 'not-reviewed',
    });
    expect(draft.lines.find((line: { clause: string }) => line.clause === '6.1.3').link).toBe(
      '/registers/soa',
    );
    await complete(review, {
      ...draft,
      concerns: [{ ref: 'S1-C1', clause: '6.1.3', description: 'Two exclusions have no reason.' }],
      outcome: 'concerns-raised',
    });
    await complete(await taskOf(id, 'certification-concern-resolution'), {
      resolutions: [{ ref: 'S1-C1', action: 'Both exclusions justified and the SoA approved again.' }],
    });
    // Reviewed again before stage 2 can be scheduled.
    const again = await taskOf(id, 'certification-stage-one');
    expect(again.id).not.toBe(review.id);
    await complete(again, { ...(await draftOf(again)), outcome: 'ready-for-stage-two' });
    await taskOf(id, 'certification-stage-two-schedule');
  });

  it('computes the default deadline of a major from the day a late stage 2 ended, and refuses findings that do not match', async () => {
    const id = await throughStageTwo({ startDate: '2027-04-12', endDate: '2027-04-13' });
    const recording = await taskOf(id, 'certification-findings');
    const draft = await draftOf(recording);
    // 90 days after 13 April, not after the planned 2 March.
    expect(draft).toMatchObject({ stageTwoEndDate: '2027-04-13', majorDeadline: '2027-07-12' });
    const major = { ref: 'CB-F1', grade: 'major', clause: '9.2', title: 'Clause 8 never audited internally' };
    const minor = { ref: 'CB-F2', grade: 'minor', control: 'A.6.2.6', title: 'Logs kept seven days only' };
    const planned = { ...draft, majorDeadline: '2027-05-31', nonconformities: [major, minor] };
    const refused = await complete(recording, planned, 422);
    expect(refused.body.detail ?? refused.body.message).toContain('2027-07-12');
    expect(JSON.stringify(refused.body)).toContain('CB-F2 needs the deadline of the plan the body accepted');

    await complete(recording, {
      ...draft,
      nonconformities: [major, { ...minor, deadline: '2027-06-30', planAcceptedOn: '2027-04-20' }],
      opportunities: [
        { ref: 'CB-O1', grade: 'opportunity', clause: '7.3', title: 'Yearly awareness refresh' },
      ],
    });
    const findings = await records('certification-findings');
    expect(
      findings
        .filter((f) => f.auditId === id)
        .map((f) => [f.ref, f.grade, f.deadline ?? null, f.status])
        .sort(),
    ).toEqual([
      ['CB-F1', 'major', '2027-07-12', 'open'],
      ['CB-F2', 'minor', '2027-06-30', 'open'],
      ['CB-O1', 'opportunity', null, 'noted'],
    ]);
    // Each nonconformity is a case of its own, found by the certification audit.
    const cases = (await records('nonconformities')).filter((r) => r.sourceTitle?.includes(BODY.name));
    expect(cases.map((c) => [c.title, c.source, c.grade]).sort()).toEqual([
      [major.title, 'certification-audit', 'major'],
      [minor.title, 'certification-audit', 'minor'],
    ]);
    // The minor's corrective actions must be due by the deadline of the plan the body accepted.
    const minorCase = cases.find((c) => c.title === minor.title)!.instanceId as string;
    await complete(
      await taskOf(minorCase, 'nonconformity-containment'),
      exampleData('nonconformity-containment'),
    );
    await complete(
      await taskOf(minorCase, 'nonconformity-root-cause'),
      exampleData('nonconformity-root-cause'),
    );
    const planning = await taskOf(minorCase, 'corrective-action-plan');
    const action = { description: 'Keep operation logs for a year', ownerId: manager.id };
    const late = await complete(planning, { actions: [{ ...action, dueDate: '2027-07-05' }] }, 422);
    expect(JSON.stringify(late.body)).toContain('after the deadline 2027-06-30');
    await complete(planning, { actions: [{ ...action, dueDate: '2027-06-20' }] });

    const closures = (await openTasks(t.dataSource, id)).filter(
      (task) => task.form_key === 'certification-finding-closure',
    );
    const due = await Promise.all(closures.map(dueOf));
    expect(due.sort((a, b) => a.dueAt.localeCompare(b.dueAt))).toEqual([
      { dueAt: endOfDay('2027-06-30'), escalateTo: 'top-management' },
      { dueAt: endOfDay('2027-07-12'), escalateTo: 'top-management' },
    ]);
  });

  it('reminds before the body’s deadline and escalates to top management when it lapses', async () => {
    const id = await throughStageTwo({ startDate: '2027-03-01', endDate: '2027-03-02' });
    const recording = await taskOf(id, 'certification-findings');
    await complete(recording, {
      ...(await draftOf(recording)),
      nonconformities: [{ ref: 'CB-F9', grade: 'major', clause: '8.2', title: 'Risk results not kept' }],
    });
    const closure = await taskOf(id, 'certification-finding-closure');
    const timers = await t.dataSource.query(
      `SELECT kind, due_at FROM timers WHERE task_id = $1 AND status = 'scheduled' ORDER BY due_at`,
      [closure.id],
    );
    expect(timers.map((r: { kind: string }) => r.kind)).toEqual(['task-reminder', 'task-escalation']);
    expect(new Date(timers[1].due_at).toISOString()).toBe(endOfDay('2027-05-31'));

    await t.dataSource.query(`UPDATE timers SET due_at = now() - interval '1 second' WHERE task_id = $1`, [
      closure.id,
    ]);
    expect(await poller.tick()).toBe(2);
    const history = (await manager.api.get(`/api/process-instances/${closure.instance_id}/history`)).body
      .items as Array<{ kind: string }>;
    expect(history.map((h) => h.kind)).toEqual(expect.arrayContaining(['task.reminded', 'task.escalated']));
    const outbox = t.app.get(OutboxDeliverer);
    while ((await outbox.deliverDue()) > 0);
    const boss = (await ceo.api.get('/api/notifications')).body.items as Array<Record<string, any>>;
    expect(boss).toContainEqual(
      expect.objectContaining({ kind: 'task-escalation', link: `/tasks/${closure.id}` }),
    );
    // The task stays open for the AIMS manager: the escalation tells, it does not close anything.
    expect((await taskOf(id, 'certification-finding-closure')).id).toBe(closure.id);

    // A later audit cannot reuse the reference: the findings register is keyed by it.
    const later = await throughStageTwo({ startDate: '2027-03-01', endDate: '2027-03-02' });
    const next = await taskOf(later, 'certification-findings');
    const reused = await complete(
      next,
      {
        ...(await draftOf(next)),
        nonconformities: [{ ref: 'CB-F9', grade: 'major', clause: '8.2', title: 'Again' }],
      },
      422,
    );
    expect(JSON.stringify(reused.body)).toContain('CB-F9 is already used by an earlier certification audit');
  });

  it('records the certificate, expiring three years after issue by default, readable by the external auditor', async () => {
    const id = await throughStageTwo({ startDate: '2027-03-01', endDate: '2027-03-02' });
    const recording = await taskOf(id, 'certification-findings');
    await complete(recording, await draftOf(recording));
    await complete(await taskOf(id, 'certification-decision'), {
      decision: 'granted',
      decidedOn: '2027-04-15',
    });
    const certificate = await taskOf(id, 'certificate');
    const draft = await draftOf(certificate);
    expect(draft).toEqual({
      scope: BODY.scope,
      decidedOn: '2027-04-15',
      issuedOn: '2027-04-15',
      expiresOn: '2030-04-15',
    });
    const tooLong = await complete(certificate, { ...draft, number: 'AIMS-1', expiresOn: '2031-01-01' }, 422);
    expect(JSON.stringify(tooLong.body)).toContain('2030-04-15 at the latest');
    await complete(certificate, { ...draft, number: 'AIMS-2027-0042' });

    const [row] = await t.dataSource.query(`SELECT status, output FROM process_instances WHERE id = $1`, [
      id,
    ]);
    expect(row.status).toBe('completed');
    expect(row.output.certificate).toEqual({
      number: 'AIMS-2027-0042',
      scope: BODY.scope,
      decidedOn: '2027-04-15',
      issuedOn: '2027-04-15',
      expiresOn: '2030-04-15',
    });
    const [record] = (await records('certificates', external)).filter((r) => r.number === 'AIMS-2027-0042');
    expect(record).toMatchObject({
      scope: BODY.scope,
      decidedOn: '2027-04-15',
      issuedOn: '2027-04-15',
      expiresOn: '2030-04-15',
      decision: 'granted',
      bodyName: BODY.name,
      accreditationNumber: BODY.accreditationNumber,
      status: 'valid',
    });
    const bodies = (await records('certification-bodies', external)).filter((r) => r.instanceId === id);
    expect(bodies).toEqual([expect.objectContaining({ name: BODY.name, status: 'granted', auditDays: 6 })]);
  });
});
