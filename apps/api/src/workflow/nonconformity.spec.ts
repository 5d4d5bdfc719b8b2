import { addPerson, openTasks, personOf, type OpenTask, type Person } from '../programme/programme-driver';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TimerPoller } from './timer-poller.service';

const DAY = 86_400_000;

const FINDING = {
  source: 'internal-audit',
  sourceTitle: 'Internal audit 2026 Q4',
  item: {
    title: 'Risk criteria not approved',
    description: 'The AI risk criteria were never approved by top management.',
    grade: 'major',
    clause: '6.1.2',
  },
};

/** Nonconformity and corrective action (10.2) through HTTP, on the real database. */
describe('nonconformity and corrective action (integration)', () => {
  let t: TestApp;
  let poller: TimerPoller;
  let admin: Person;
  let manager: Person;
  let handler: Person;
  let actionOwner: Person;
  let external: Person;
  const saved = { ...process.env };

  beforeAll(async () => {
    // The test makes the effectiveness-check timer due and drives the poller itself.
    Object.assign(process.env, { TIMER_POLL_MS: '0', OUTBOX_POLL_MS: '0', DIGEST_POLL_MS: '0' });
    t = await startTestApp();
    poller = t.app.get(TimerPoller);
    admin = await personOf(t, 'admin@acme.example');
    manager = await personOf(t, 'manager@acme.example');
    handler = await personOf(t, 'owner@acme.example');
    external = await personOf(t, 'external@acme.example');
    // An AIMS manager who owns an action: a candidate for the check, refused as an owner.
    actionOwner = await addPerson(t, 'action.owner@acme.example', ['aims-manager']);
  });
  afterAll(async () => {
    await t?.close();
    process.env = saved;
  });

  const tasksOf = (instanceId: string) => openTasks(t.dataSource, instanceId);
  const one = async (instanceId: string, form: string): Promise<OpenTask> => {
    const found = (await tasksOf(instanceId)).filter((task) => task.form_key === form);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const complete = async (person: Person, task: OpenTask, data: unknown) => {
    const res = await person.api.post(`/api/tasks/${task.id}/complete`, { data });
    expect(res.status).toBe(200);
  };
  const stateOf = async (id: string) => {
    const [row] = await t.dataSource.query(
      'SELECT status, state_value FROM process_instances WHERE id = $1',
      [id],
    );
    return row as { status: string; state_value: unknown };
  };
  const record = async (key: string, filter: string) => {
    const res = await manager.api.get(`/api/registers/${key}?${filter}`);
    expect(res.status).toBe(200);
    return res.body.items as Array<Record<string, any>>;
  };
  const ncRecord = async (id: string) =>
    (await record('nonconformities', 'limit=500')).find((r) => r.instanceId === id);
  const actionRecords = async (title: string) =>
    record('corrective-actions', `q=${encodeURIComponent(title)}&limit=500`);

  const plan = (owners: Person[], delay = 'P14D') => ({
    actions: owners.map((owner, i) => ({
      description: `Action ${i + 1} of ${owners.length}: add the approval step`,
      ownerId: owner.id,
      dueDate: '2027-01-15',
    })),
    effectivenessCheckAfter: delay,
    riskUpdate: 'update-existing',
  });
  const doActions = async (instanceId: string) => {
    const actions = (await tasksOf(instanceId)).filter(
      (task) => task.form_key === 'corrective-action-report',
    );
    for (const task of actions) {
      const owner = [handler, actionOwner].find((p) => p.id === task.assignee_id)!;
      await complete(owner, task, { whatWasDone: 'Procedure v1.3 approved', evidence: 'Documents register' });
    }
    return actions;
  };
  /** Makes the instance's scheduled timers due and fires them; returns how far ahead they were. */
  const fireTimer = async (instanceId: string) => {
    const [timer] = await t.dataSource.query(
      `SELECT due_at, created_at FROM timers WHERE instance_id = $1 AND status = 'scheduled'`,
      [instanceId],
    );
    expect(timer).toBeDefined();
    const ahead = new Date(timer.due_at).getTime() - Date.now();
    await t.dataSource.query(
      `UPDATE timers SET due_at = now() - interval '1 second' WHERE instance_id = $1 AND status = 'scheduled'`,
      [instanceId],
    );
    expect(await poller.tick()).toBe(1);
    return ahead;
  };
  const checkApproval = async (instanceId: string) => {
    const res = await manager.api.get(`/api/process-instances/${instanceId}/approvals`);
    expect(res.status).toBe(200);
    const pending = res.body.items.filter(
      (a: { stateId: string; status: string }) =>
        a.stateId === 'nonconformity.checking' && a.status === 'pending',
    );
    expect(pending).toHaveLength(1);
    return pending[0].id as string;
  };

  it('asks the AIMS managers to record a nonconformity raised by hand', async () => {
    const res = await manager.api.post('/api/process-instances', { definitionKey: 'nonconformity' });
    expect(res.status).toBe(201);
    const task = await one(res.body.id, 'nonconformity-record');
    expect(task).toMatchObject({ candidate_role: 'aims-manager', assignee_id: null });
    // Nothing is in the register until it is recorded.
    expect(await ncRecord(res.body.id)).toBeUndefined();
    expect((await manager.api.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    await complete(manager, task, {
      title: 'No way to contest automated decisions',
      source: 'complaint',
      control: 'A.8.3',
      grade: 'minor',
      description: 'A customer could not find how to report a wrong automated decision.',
      ownerId: handler.id,
    });
    expect(await one(res.body.id, 'nonconformity-containment')).toMatchObject({ assignee_id: handler.id });
    expect(await ncRecord(res.body.id)).toMatchObject({
      title: 'No way to contest automated decisions',
      source: 'complaint',
      control: 'A.8.3',
      grade: 'minor',
      status: 'recorded',
      owner: { id: handler.id },
    });
  });

  it('runs a handed-over finding to a check nobody who owned an action may do, reopens it, and closes it', async () => {
    // As an audit would start it: the finding is recorded already, the handler named.
    const started = await admin.api.post('/api/process-instances', {
      definitionKey: 'nonconformity',
      input: { ...FINDING, ownerId: handler.id },
    });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    expect((await tasksOf(id)).map((task) => task.form_key)).toEqual(['nonconformity-containment']);
    expect(await ncRecord(id)).toMatchObject({
      title: 'Risk criteria not approved',
      source: 'internal-audit',
      sourceTitle: 'Internal audit 2026 Q4',
      clause: '6.1.2',
      grade: 'major',
      status: 'recorded',
    });

    await complete(handler, await one(id, 'nonconformity-containment'), {
      containment: 'New assessments paused.',
      correction: 'Three assessments listed for re-evaluation.',
    });
    expect(await ncRecord(id)).toMatchObject({ status: 'analysing', containment: 'New assessments paused.' });
    await complete(handler, await one(id, 'nonconformity-root-cause'), {
      whys: [{ answer: 'Nobody asked top management.' }, { answer: 'The procedure has no approval step.' }],
      rootCause: 'The risk procedure has no approval step for the criteria.',
      category: 'process',
      similarElsewhere: 'could-occur',
      similarDetails: 'The impact procedure came from the same template.',
    });
    expect(await ncRecord(id)).toMatchObject({ status: 'planning', rootCauseCategory: 'process' });

    // The plan: one action for another AIMS manager, one for the handler; each opens a task for its owner.
    await complete(handler, await one(id, 'corrective-action-plan'), plan([actionOwner, handler]));
    const actionTasks = (await tasksOf(id)).filter((task) => task.form_key === 'corrective-action-report');
    expect(actionTasks.map((task) => task.assignee_id).sort()).toEqual([actionOwner.id, handler.id].sort());
    expect(actionTasks.every((task) => task.definition_key === 'corrective-action')).toBe(true);
    // Due on the day the plan set (the end of it), with the escalation timer at that time.
    const due = await t.dataSource.query(
      `SELECT t.due_at, e.due_at AS escalation FROM tasks t
         JOIN timers e ON e.task_id = t.id AND e.kind = 'task-escalation' AND e.status = 'scheduled'
        WHERE t.id = ANY($1::uuid[])`,
      [actionTasks.map((task) => task.id)],
    );
    expect(
      due.map((d: { due_at: string; escalation: string }) =>
        [d.due_at, d.escalation].map((v) => new Date(v).toISOString()),
      ),
    ).toEqual([
      ['2027-01-15T23:59:59.999Z', '2027-01-15T23:59:59.999Z'],
      ['2027-01-15T23:59:59.999Z', '2027-01-15T23:59:59.999Z'],
    ]);
    expect(await ncRecord(id)).toMatchObject({ status: 'actions', riskUpdate: 'update-existing' });
    const open = await actionRecords('Risk criteria not approved');
    expect(open.map((r) => [r.owner?.id, r.status, r.dueDate]).sort()).toEqual(
      [
        [actionOwner.id, 'open', '2027-01-15'],
        [handler.id, 'open', '2027-01-15'],
      ].sort(),
    );

    // Someone other than the owner may not do an action assigned to its owner.
    const foreign = actionTasks.find((task) => task.assignee_id === actionOwner.id)!;
    expect(
      (await manager.api.post(`/api/tasks/${foreign.id}/complete`, { data: { whatWasDone: 'x y z' } }))
        .status,
    ).toBe(403);
    await doActions(id);
    // The last action done: the check waits for the delay the plan chose (14 days), nothing to do meanwhile.
    expect(await stateOf(id)).toMatchObject({ status: 'active', state_value: { waiting: 'afterP14D' } });
    expect(await tasksOf(id)).toEqual([]);
    expect(await ncRecord(id)).toMatchObject({ status: 'awaiting-check' });
    const done = await actionRecords('Risk criteria not approved');
    expect(done.every((r) => r.status === 'done' && r.nonconformityId === id && r.completedOn)).toBe(true);

    const ahead = await fireTimer(id);
    expect(ahead).toBeGreaterThan(13 * DAY);
    expect(ahead).toBeLessThan(15 * DAY);
    expect(await stateOf(id)).toMatchObject({ state_value: 'checking' });
    expect(await ncRecord(id)).toMatchObject({ status: 'effectiveness-check' });

    // An action owner is refused the check, and the refusal is recorded; another AIMS manager decides.
    const approvalId = await checkApproval(id);
    // The check's task says what it decides (the chain's title, one level: no level count).
    const [checkTask] = await t.dataSource.query(
      `SELECT title FROM tasks WHERE approval_id = $1 AND status = 'open'`,
      [approvalId],
    );
    expect(checkTask.title).toBe('Check whether the corrective actions worked: Risk criteria not approved');
    const refused = await actionOwner.api.post(`/api/approvals/${approvalId}/decisions`, {
      decision: 'approve',
    });
    expect(refused.status).toBe(403);
    // Both owners are excluded on the chain itself (named by the plan, and completers of an action).
    const [chain] = await t.dataSource.query('SELECT excluded_user_ids FROM approvals WHERE id = $1', [
      approvalId,
    ]);
    expect(chain.excluded_user_ids).toEqual(expect.arrayContaining([actionOwner.id, handler.id]));
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM history_records WHERE instance_id = $1 AND kind = 'approval.refused' AND actor_id = $2`,
      [id, actionOwner.id],
    );
    expect(n).toBe(1);
    expect(
      (await handler.api.post(`/api/approvals/${approvalId}/decisions`, { decision: 'approve' })).status,
    ).toBe(403);
    const notEffective = await manager.api.post(`/api/approvals/${approvalId}/decisions`, {
      decision: 'reject',
      comment: 'Two new assessments still used the old criteria.',
    });
    expect(notEffective.status).toBe(200);

    // Reopened: a new plan, for the handler, and the first actions marked not effective.
    expect(await stateOf(id)).toMatchObject({ state_value: 'replanning' });
    expect(await ncRecord(id)).toMatchObject({ status: 'reopened', reopenedOn: expect.any(String) });
    expect((await actionRecords('Risk criteria not approved')).map((r) => r.status)).toEqual([
      'not-effective',
      'not-effective',
    ]);
    const replan = await one(id, 'corrective-action-plan');
    expect(replan).toMatchObject({ state_id: 'nonconformity.replanning', assignee_id: handler.id });
    const second = plan([handler]);
    second.actions[0].description = 'Block assessments that cite unapproved criteria';
    await complete(handler, replan, second);
    await doActions(id);
    await fireTimer(id);

    const again = await checkApproval(id);
    expect(
      (await actionOwner.api.post(`/api/approvals/${again}/decisions`, { decision: 'approve' })).status,
    ).toBe(403);
    expect(
      (await manager.api.post(`/api/approvals/${again}/decisions`, { decision: 'approve' })).status,
    ).toBe(200);
    expect(await stateOf(id)).toMatchObject({ status: 'completed' });
    const closed = await ncRecord(id);
    expect(closed).toMatchObject({
      status: 'closed',
      closedOn: expect.any(String),
      rootCause: expect.any(String),
    });
    const actions = await actionRecords('Risk criteria not approved');
    expect(actions.map((r) => [r.description.slice(0, 5), r.status]).sort()).toEqual([
      ['Actio', 'not-effective'],
      ['Actio', 'not-effective'],
      ['Block', 'effective'],
    ]);

    // The instance's output carries the nonconformity, as the processes that start it expect.
    const instance = await manager.api.get(`/api/process-instances/${id}`);
    expect(instance.body).toMatchObject({
      output: {
        outcome: 'closed',
        nonconformity: { title: 'Risk criteria not approved', source: 'internal-audit' },
      },
    });
  });

  it('lets external auditors read and export both registers', async () => {
    for (const key of ['nonconformities', 'corrective-actions']) {
      const list = await external.api.get(`/api/registers/${key}`);
      expect(list.status).toBe(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      const csv = await external.api.get(`/api/registers/${key}.csv`);
      expect(csv.status).toBe(200);
    }
    const csv = await external.api.get('/api/registers/nonconformities.csv');
    expect(String(csv.body)).toContain('Risk criteria not approved');
  });
});
