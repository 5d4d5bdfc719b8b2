import { canonicalJson } from '@aimsflow/engine';
import { monitoringCycle } from '@aimsflow/workflows';
import { createHash } from 'node:crypto';
import { hashPassword } from '../identity/auth/password';
import { DEMO_PASSWORD } from '../identity/seed.service';
import { User } from '../identity/user.entity';
import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';
import { TimerPoller } from '../workflow/timer-poller.service';

const sha256 = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

describe('management review and monitoring (real database, through HTTP)', () => {
  let t: TestApp;
  const as: Record<string, ApiClient> = {};
  const ids: Record<string, string> = {};
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, { TIMER_POLL_MS: '0', OUTBOX_POLL_MS: '0', DIGEST_POLL_MS: '0' });
    t = await startTestApp();
    const manager = await t.dataSource.getRepository(User).findOneByOrFail({ email: 'manager@acme.example' });
    await t.dataSource.getRepository(User).save({
      organizationId: manager.organizationId,
      email: 'bystander@acme.example',
      name: 'Bea Bystander',
      roles: ['contributor'],
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
    for (const who of ['admin', 'manager', 'owner', 'ceo', 'external', 'bystander']) {
      const email = `${who}@acme.example`;
      as[who] = await t.login(email);
      ids[who] = (await t.dataSource.getRepository(User).findOneByOrFail({ email })).id;
    }
  });
  afterAll(async () => {
    await t?.close();
    process.env = saved;
  });

  async function openTask(client: ApiClient, instanceId: string, form: string) {
    const res = await client.get(`/api/process-instances/${instanceId}`);
    expect(res.status).toBe(200);
    return (res.body.openTasks as Array<{ id: string; formKey: string }>).find(
      (task) => task.formKey === form,
    );
  }

  /** Claims a task open to the caller's role (a no-op answer when it is already theirs), then completes it. */
  async function complete(client: ApiClient, taskId: string, data: unknown) {
    const task = (await client.get(`/api/tasks/${taskId}`)).body;
    if (!task.assigneeId) expect((await client.post(`/api/tasks/${taskId}/claim`)).status).toBe(200);
    return client.post(`/api/tasks/${taskId}/complete`, { data });
  }

  async function startReview(title: string): Promise<string> {
    const started = await as.manager.post('/api/process-instances', { definitionKey: 'management-review' });
    expect(started.status).toBe(201);
    const task = started.body.openTasks[0];
    // Top management must be top managers: naming a contributor is refused and nothing moves.
    const refused = await complete(as.manager, task.id, {
      title,
      plannedDate: '2027-03-15',
      topManagement: [{ person: ids.owner }],
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toMatch(/top-management role/);
    const prepared = await complete(as.manager, task.id, {
      title,
      plannedDate: '2027-03-15',
      topManagement: [{ person: ids.ceo }],
      participants: [{ person: ids.owner }],
    });
    expect(prepared.status).toBe(200);
    return started.body.id;
  }

  async function hold(reviewId: string, actions: unknown[]) {
    const task = await openTask(as.manager, reviewId, 'management-review-minutes');
    expect(task).toBeDefined();
    const res = await complete(as.manager, task!.id, {
      heldOn: '2027-03-15',
      attendees: [{ person: ids.ceo }, { person: ids.manager }],
      packConsidered: true,
      conclusions: 'The AIMS works; accuracy monitoring needs a closer eye.',
      actions,
      nextReviewDate: '2028-03-15',
    });
    expect(res.status).toBe(200);
  }

  async function sign(reviewId: string) {
    const approvals = (await as.manager.get(`/api/process-instances/${reviewId}/approvals`)).body.items;
    const decided = await as.ceo.post(`/api/approvals/${approvals.at(-1).id}/decisions`, {
      decision: 'approve',
    });
    expect(decided.status).toBe(200);
  }

  const pack = (client: ApiClient, reviewId: string) =>
    client.get(`/api/management-reviews/${reviewId}/input-pack`);
  const source = (body: any, input: string, key: string) =>
    body.pack.inputs.find((i: any) => i.id === input).sources.find((s: any) => s.source === key);

  let firstReview: string;
  let firstFrozen: { sha256: string; pack: unknown };
  let cycle: string;

  /** Starts a monitoring cycle and sets up its one metric. */
  async function startCycle(): Promise<string> {
    const started = await as.manager.post('/api/process-instances', { definitionKey: 'monitoring-cycle' });
    expect(started.status).toBe(201);
    const metrics = await complete(as.manager, started.body.openTasks[0].id, {
      metrics: [
        {
          name: 'Chatbot answer accuracy',
          method: 'Sample 50 answers, two reviewers score them',
          frequency: 'monthly',
          owner: ids.owner,
          target: 'at least 95 %',
        },
      ],
    });
    expect(metrics.status).toBe(200);
    return started.body.id;
  }
  const poller = () => t.app.get(TimerPoller);

  it('freezes the first review’s pack with its hash when it is held; top management sign; each action is a task for its owner', async () => {
    firstReview = await startReview('Management review 2027');
    const live = await pack(as.owner, firstReview); // a participant
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ frozen: false, frozenAt: null, pack: { lastReview: null } });
    expect(live.body.pack.inputs.map((i: any) => i.id)).toEqual([
      '9.3.2.a',
      '9.3.2.b',
      '9.3.2.c',
      '9.3.2.d.1',
      '9.3.2.d.2',
      '9.3.2.d.3',
      '9.3.2.e',
    ]);
    // The internal audit's registers are read by key: no audit yet, so none counted.
    for (const key of ['audits', 'audit-findings'])
      expect(source(live.body, '9.3.2.d.3', key)).toMatchObject({ available: true, total: 0 });
    expect(source(live.body, '9.3.2.d.2', 'measurements')).toMatchObject({ available: true, total: 0 });

    await hold(firstReview, [
      {
        kind: 'improvement',
        title: 'Measure chatbot accuracy monthly',
        owner: ids.owner,
        dueDate: '2027-04-30',
      },
    ]);
    const frozen = await pack(as.manager, firstReview);
    expect(frozen.body).toMatchObject({ frozen: true, frozenAt: expect.any(String) });
    expect(frozen.body.sha256).toBe(sha256(frozen.body.pack));
    firstFrozen = frozen.body;

    // No action task before top management sign.
    expect(await openTask(as.manager, firstReview, 'review-action-update')).toBeUndefined();
    expect((await as.owner.get('/api/inbox?filter=mine')).body.items).toEqual([]);
    await sign(firstReview);
    const children = await t.dataSource.query(
      `SELECT id FROM process_instances WHERE parent_id = $1 AND definition_key = 'review-action'`,
      [firstReview],
    );
    expect(children).toHaveLength(1);
    const mine = await as.owner.get('/api/inbox?filter=mine');
    const actionTask = mine.body.items.find((i: any) => i.instanceId === children[0].id);
    expect(actionTask).toMatchObject({ formKey: 'review-action-update', assigneeId: ids.owner });

    const reviews = await as.external.get('/api/registers/management-reviews');
    expect(reviews.body.items).toEqual([
      expect.objectContaining({
        key: firstReview,
        title: 'Management review 2027',
        status: 'signed',
        nextReviewDate: '2028-03-15',
        inputPackSha256: firstFrozen.sha256,
      }),
    ]);
    const actions = await as.manager.get('/api/registers/review-actions');
    expect(actions.body.items).toEqual([
      expect.objectContaining({
        title: 'Measure chatbot accuracy monthly',
        ownerId: ids.owner,
        status: 'open',
      }),
    ]);
    // The signed minutes are a controlled document.
    const documents = await as.manager.get('/api/registers/documents');
    expect(documents.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ docKey: 'management-review-minutes', approvalState: 'approved' }),
      ]),
    );
  });

  it('opens a measurement task when the (shortened) monitoring period has passed; a missed target raises a nonconformity', async () => {
    const shortened = monitoringCycle({ period: 'PT2S' });
    expect((await as.admin.post('/api/workflow-definitions', shortened)).status).toBe(201);
    cycle = await startCycle();
    expect(await openTask(as.manager, cycle, 'measurement-results')).toBeUndefined();
    const [timer] = await t.dataSource.query(
      `SELECT due_at - created_at AS wait FROM timers WHERE instance_id = $1 AND status = 'scheduled'`,
      [cycle],
    );
    expect(timer).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await poller().tick()).toBe(1);
    const measuring = await openTask(as.manager, cycle, 'measurement-results');
    expect(measuring).toBeDefined();
    const breach = {
      title: 'Chatbot accuracy below target',
      description: '88 % against a target of 95 %.',
      grade: 'minor',
      control: 'A.6.2.6',
    };
    // An AI objective set after the first review; the period's result shows progress on it.
    const objectives = await as.manager.post('/api/process-instances', {
      definitionKey: 'ai-objectives-approval',
    });
    expect(objectives.status).toBe(201);
    const drafted = await complete(as.manager, objectives.body.openTasks[0].id, {
      objectives: [
        {
          title: 'Keep chatbot answers accurate',
          measure: 'Chatbot answer accuracy',
          target: 'at least 95 %',
          owner: ids.owner,
          dueDate: '2027-12-31',
        },
      ],
    });
    expect(drafted.status).toBe(200);
    const recorded = await complete(as.manager, measuring!.id, {
      results: [
        {
          metric: 'Chatbot answer accuracy',
          value: '88 %',
          targetMet: false,
          objective: 'Keep chatbot answers accurate',
        },
      ],
      nonconformities: [breach],
    });
    expect(recorded.status).toBe(200);
    const [nc] = await t.dataSource.query(
      `SELECT input FROM process_instances WHERE parent_id = $1 AND definition_key = 'nonconformity'`,
      [cycle],
    );
    expect(nc.input).toEqual({
      source: 'monitoring',
      sourceTitle: 'Monitoring and measurement',
      item: breach,
    });
    const measurements = await as.manager.get('/api/registers/measurements');
    expect(measurements.body.items).toEqual([
      expect.objectContaining({ metric: 'Chatbot answer accuracy', value: '88 %', targetMet: false }),
    ]);
    const objective = (await as.manager.get('/api/registers/objectives')).body.items;
    expect(objective).toEqual([
      expect.objectContaining({ title: 'Keep chatbot answers accurate', progress: '88 %', onTrack: false }),
    ]);
    const raised = (await as.manager.get('/api/registers/nonconformities')).body.items;
    expect(raised).toEqual([
      expect.objectContaining({ title: breach.title, source: 'monitoring', grade: 'minor' }),
    ]);
    // The cycle waits for the nonconformities it raised before its next period (see workflows/README.md).
    const [state] = await t.dataSource.query(`SELECT state_value FROM process_instances WHERE id = $1`, [
      cycle,
    ]);
    expect(state.state_value).toBe('raising');
  });

  it('compiles the next review’s pack live: changes since the last review show, and it freezes again without moving', async () => {
    const second = await startReview('Management review 2028');
    let live = await pack(as.manager, second);
    expect(live.body.pack.lastReview).toMatchObject({ id: firstReview, title: 'Management review 2027' });
    expect(source(live.body, '9.3.2.d.2', 'measurements')).toMatchObject({
      total: 1,
      newSinceLastReview: 1,
      totalAtLastReview: 0,
    });
    expect(source(live.body, '9.3.2.e', 'measurements?targetMet')).toMatchObject({ total: 1 });
    expect(source(live.body, '9.3.2.d.1', 'nonconformities')).toMatchObject({
      available: true,
      total: 1,
      newSinceLastReview: 1,
      totalAtLastReview: 0,
      byGrade: [{ value: 'minor', count: 1 }],
    });
    expect(source(live.body, '9.3.2.d.2', 'objectives')).toMatchObject({
      total: 1,
      newSinceLastReview: 1,
      totalAtLastReview: 0,
      items: [
        expect.objectContaining({ label: 'Keep chatbot answers accurate', changedSinceLastReview: true }),
      ],
    });
    expect(source(live.body, '9.3.2.a', 'review-actions').byStatus).toEqual(
      expect.arrayContaining([{ value: 'open', title: 'Open', count: 1 }]),
    );

    // A register change after preparing shows at once: the owner reports the action done.
    const mine = await as.owner.get('/api/inbox?filter=mine');
    const action = mine.body.items.find((i: any) => i.formKey === 'review-action-update');
    expect(
      (await complete(as.owner, action.id, { status: 'done', note: 'Monthly checks run since April.' }))
        .status,
    ).toBe(200);
    live = await pack(as.owner, second);
    expect(source(live.body, '9.3.2.a', 'review-actions').byStatus).toEqual(
      expect.arrayContaining([{ value: 'done', title: 'Done', count: 1 }]),
    );

    // Only participants and those who may read the review see the pack.
    expect((await pack(as.bystander, second)).status).toBe(404);
    expect((await pack(as.external, second)).status).toBe(200);

    await hold(second, []);
    const frozen = (await pack(as.manager, second)).body;
    expect(frozen.frozen).toBe(true);
    expect(frozen.sha256).toBe(sha256(frozen.pack));

    // Registers change afterwards (a period of another cycle); neither frozen pack moves.
    cycle = await startCycle();
    await t.dataSource.query(
      `UPDATE timers SET due_at = now() - interval '1 second' WHERE instance_id = $1 AND status = 'scheduled'`,
      [cycle],
    );
    expect(await poller().tick()).toBe(1);
    const measuring = await openTask(as.manager, cycle, 'measurement-results');
    expect(
      (
        await complete(as.manager, measuring!.id, {
          results: [
            {
              metric: 'Chatbot answer accuracy',
              value: '96 %',
              targetMet: true,
              objective: 'Keep chatbot answers accurate',
            },
            { metric: 'Another metric', value: '1', targetMet: true },
          ],
          endCycle: true,
        })
      ).status,
    ).toBe(200);
    const now = (await as.manager.get('/api/registers/measurements')).body.items;
    expect(now).toHaveLength(2);
    expect(now).toEqual(expect.arrayContaining([expect.objectContaining({ value: '96 %', version: 2 })]));
    expect((await as.manager.get('/api/registers/objectives')).body.items[0]).toMatchObject({
      progress: '96 %',
      onTrack: true,
    });
    expect((await pack(as.manager, second)).body).toEqual(frozen);
    expect((await pack(as.manager, firstReview)).body).toMatchObject(firstFrozen);

    // That period was marked as the cycle's last: the monitoring cycle ended.
    const [ended] = await t.dataSource.query(`SELECT status FROM process_instances WHERE id = $1`, [cycle]);
    expect(ended.status).toBe('completed');

    await sign(second);
    const [{ status }] = await t.dataSource.query(`SELECT status FROM process_instances WHERE id = $1`, [
      second,
    ]);
    expect(status).toBe('completed');
    expect((await pack(as.manager, second)).body).toEqual(frozen);
  });

  it('answers 404 for an instance that is not a management review', async () => {
    expect((await pack(as.manager, cycle)).status).toBe(404);
  });
});
