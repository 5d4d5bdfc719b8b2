import { openTasks, personOf, type OpenTask, type Person } from '../programme/programme-driver';
import { startTestApp, type TestApp } from '../testing/test-app';

/** Incidents (A.8.4) and concerns (A.3.3) raised by anyone who works in the AIMS, through HTTP. */
describe('incidents and concerns raised by anyone (integration)', () => {
  let t: TestApp;
  let reporter: Person;
  let manager: Person;
  let handler: Person;
  let external: Person;

  beforeAll(async () => {
    t = await startTestApp();
    reporter = await personOf(t, 'owner@acme.example');
    manager = await personOf(t, 'manager@acme.example');
    handler = await personOf(t, 'manager2@acme.example');
    external = await personOf(t, 'external@acme.example');
  });
  afterAll(() => t?.close());

  const only = async (instanceId: string, form: string): Promise<OpenTask> => {
    const found = (await openTasks(t.dataSource, instanceId)).filter((task) => task.form_key === form);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const complete = async (person: Person, task: OpenTask, data: unknown) => {
    if (!task.assignee_id) expect((await person.api.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    const res = await person.api.post(`/api/tasks/${task.id}/complete`, { data });
    expect(res.status).toBe(200);
  };
  const recordOf = async (key: string, instanceId: string) => {
    const res = await manager.api.get(`/api/registers/${key}?limit=500`);
    expect(res.status).toBe(200);
    return res.body.items.find((r: { instanceId: string }) => r.instanceId === instanceId);
  };
  const respondAndTell = async (instanceId: string) => {
    await complete(handler, await only(instanceId, 'report-response'), { actions: 'Limit re-enabled.' });
    await complete(handler, await only(instanceId, 'report-communication'), {
      told: [{ party: 'Affected customers', how: 'E-mail', on: '2026-12-02' }],
    });
  };

  it('lets a contributor report an incident, which may not start processes otherwise; external auditors may not', async () => {
    const direct = await reporter.api.post('/api/process-instances', { definitionKey: 'incident' });
    expect(direct.status).toBe(403);
    expect((await external.api.post('/api/reports/incident')).status).toBe(403);
    const unknown = await reporter.api.post('/api/reports/rumour');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail ?? unknown.body.message).toMatch(/incident, concern/);

    const raised = await reporter.api.post('/api/reports/incident');
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ definitionKey: 'incident', instanceId: expect.any(String) });
    const task = await reporter.api.get(`/api/tasks/${raised.body.taskId}`);
    expect(task.status).toBe(200);
    expect(task.body).toMatchObject({ formKey: 'incident-report', assigneeId: reporter.id });
  });

  it('triages an incident, has the named handler respond and tell, and raises a nonconformity from it', async () => {
    const { instanceId } = (await reporter.api.post('/api/reports/incident')).body;
    await complete(reporter, await only(instanceId, 'incident-report'), {
      title: 'Chatbot approved refunds above its limit',
      whatHappened: 'For two hours the chatbot approved refunds above its limit.',
      occurredOn: '2026-12-01',
    });
    expect(await recordOf('incidents', instanceId)).toMatchObject({
      title: 'Chatbot approved refunds above its limit',
      status: 'reported',
      reporter: { id: reporter.id },
    });
    // Only the AIMS managers triage.
    const triage = await only(instanceId, 'report-triage');
    expect((await reporter.api.post(`/api/tasks/${triage.id}/claim`)).status).toBe(403);
    await complete(manager, triage, {
      severity: 'high',
      assessment: 'The release removed the limit check.',
      handlerId: handler.id,
      raiseNonconformity: true,
      grade: 'major',
      control: 'A.6.2.5',
    });
    expect(await only(instanceId, 'report-response')).toMatchObject({ assignee_id: handler.id });
    await respondAndTell(instanceId);

    // The nonconformity runs as a child, handed over: its handler contains it, no recording step.
    const containment = await only(instanceId, 'nonconformity-containment');
    expect(containment).toMatchObject({ definition_key: 'nonconformity', assignee_id: handler.id });
    expect(await recordOf('nonconformities', containment.instance_id)).toMatchObject({
      title: 'Chatbot approved refunds above its limit',
      source: 'incident',
      sourceTitle: 'Chatbot approved refunds above its limit',
      grade: 'major',
      control: 'A.6.2.5',
      status: 'recorded',
    });
    expect(await recordOf('incidents', instanceId)).toMatchObject({
      status: 'nonconformity-raised',
      severity: 'high',
      raisedNonconformity: true,
      handler: { id: handler.id },
    });
  });

  it('answers a concern and closes it when it is not a nonconformity', async () => {
    const { instanceId, taskId } = (await reporter.api.post('/api/reports/concern')).body;
    const report = await reporter.api.post(`/api/tasks/${taskId}/complete`, {
      data: {
        title: 'Screening may disadvantage older applicants',
        details: 'Few applicants over 50 pass the automated screening.',
        topic: 'fairness',
        wantsReply: true,
      },
    });
    expect(report.status).toBe(200);
    await complete(manager, await only(instanceId, 'report-triage'), {
      severity: 'medium',
      assessment: 'Pass rates by age are within the tolerance; the reporter is sent the figures.',
      handlerId: handler.id,
      raiseNonconformity: false,
    });
    await respondAndTell(instanceId);
    const [row] = await t.dataSource.query('SELECT status FROM process_instances WHERE id = $1', [
      instanceId,
    ]);
    expect(row.status).toBe('completed');
    expect(await recordOf('concerns', instanceId)).toMatchObject({
      title: 'Screening may disadvantage older applicants',
      topic: 'fairness',
      status: 'closed',
      raisedNonconformity: false,
      closedOn: expect.any(String),
      reporter: { id: reporter.id },
    });
    expect((await external.api.get('/api/registers/concerns')).status).toBe(200);
    expect((await external.api.get('/api/registers/incidents.csv')).status).toBe(200);
  });
  it('takes a concern anonymously: validated whole, triaged, and nobody records who raised it', async () => {
    const concerns = async () =>
      Number(
        (
          await t.dataSource.query(
            "SELECT count(*) AS n FROM process_instances WHERE definition_key = 'concern'",
          )
        )[0].n,
      );
    const before = await concerns();
    const refused = await reporter.api.post('/api/reports/concern/anonymous', { data: { title: 'x' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(
      expect.arrayContaining(['/data/title']),
    );
    expect(await concerns()).toBe(before);
    expect((await external.api.post('/api/reports/concern/anonymous', { data: {} })).status).toBe(403);

    const raised = await reporter.api.post('/api/reports/concern/anonymous', {
      data: {
        title: 'Team lead overrides the model to reject applicants',
        details: 'Applications flagged as fine are rejected by hand without a reason.',
        topic: 'misuse',
        wantsReply: true,
      },
    });
    expect(raised.status).toBe(201);
    expect(raised.body.taskId).toBeNull();
    const instanceId = raised.body.instanceId;
    expect(await concerns()).toBe(before + 1);

    // No report task: it goes straight to the AIMS managers' triage.
    const open = await openTasks(t.dataSource, instanceId);
    expect(open.map((task) => task.form_key)).toEqual(['report-triage']);
    const record = await recordOf('concerns', instanceId);
    expect(record).toMatchObject({
      title: 'Team lead overrides the model to reject applicants',
      topic: 'misuse',
      anonymous: true,
      wantsReply: false,
      status: 'reported',
    });
    expect(record.reporter ?? record.reporterId ?? null).toBeNull();

    await complete(manager, open[0], {
      severity: 'medium',
      assessment: 'Manual overrides are not logged.',
      handlerId: handler.id,
      raiseNonconformity: false,
    });
    await respondAndTell(instanceId);
    expect(await recordOf('concerns', instanceId)).toMatchObject({ status: 'closed', anonymous: true });

    // The reporter's id appears nowhere the handlers (or anyone) can read it.
    const [instance] = await t.dataSource.query(
      'SELECT started_by, concat(snapshot::text, input::text) AS context FROM process_instances WHERE id = $1',
      [instanceId],
    );
    expect(instance.started_by).toBeNull();
    expect(instance.context).not.toContain(reporter.id);
    const history: { actor_id: string | null; payload: string | null }[] = await t.dataSource.query(
      'SELECT actor_id, payload::text AS payload FROM history_records WHERE instance_id = $1',
      [instanceId],
    );
    expect(history.length).toBeGreaterThan(0);
    for (const row of history) {
      expect(row.actor_id).not.toBe(reporter.id);
      expect(row.payload ?? '').not.toContain(reporter.id);
    }
    const versions = await manager.api.get(`/api/registers/concerns/${record.id}`);
    expect(versions.status).toBe(200);
    expect(JSON.stringify(versions.body)).not.toContain(reporter.id);
  });
});
