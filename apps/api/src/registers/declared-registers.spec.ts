import { aiRiskAssessmentWorkflow } from '@aimsflow/workflows';
import { startTestApp, type TestApp } from '../testing/test-app';
import { addPerson, drive, openTasks, personOf, type Person } from '../programme/programme-driver';

const objective = (title: string, owner: string) => ({
  title,
  theme: 'transparency',
  measure: 'share of automated decisions with an explanation',
  target: '100 %',
  owner,
  dueDate: '2027-06-30',
});

describe('registers declared as data (integration)', () => {
  let t: TestApp;
  let manager: Person;
  let deputy: Person;
  let ceo: Person;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await personOf(t, 'manager@acme.example');
    ceo = await personOf(t, 'ceo@acme.example');
    deputy = await addPerson(t, 'deputy.registers@acme.example', ['aims-manager']);
  });
  afterAll(() => t.close());

  const startObjectives = async () => {
    const res = await manager.api.post('/api/process-instances', { definitionKey: 'ai-objectives-approval' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const complete = async (person: Person, taskId: string, data: unknown) => {
    expect((await person.api.post(`/api/tasks/${taskId}/claim`)).status).toBe(200);
    return person.api.post(`/api/tasks/${taskId}/complete`, { data });
  };
  const draftingTask = async (instanceId: string) =>
    (await openTasks(t.dataSource, instanceId)).find((task) => task.form_key === 'ai-objectives')!;

  it('fills the AI objectives register, a register added as a data file only, and follows its approval', async () => {
    const instanceId = await startObjectives();
    const task = await draftingTask(instanceId);
    const done = await complete(manager, task.id, {
      objectives: [
        objective('Explain every automated decision', manager.id),
        objective('Halve bias complaints', ceo.id),
      ],
    });
    expect(done.status).toBe(200);

    const list = await manager.api.get('/api/registers/objectives');
    expect(list.status).toBe(200);
    expect(list.body.register).toMatchObject({ key: 'objectives', title: 'AI objectives', clause: '6.2' });
    const byTitle = new Map(list.body.items.map((i: { title: string }) => [i.title, i]));
    expect(byTitle.get('Explain every automated decision')).toMatchObject({
      status: 'in-approval',
      owner: { id: manager.id, name: expect.any(String) },
      version: 1,
      instanceId,
      sourceTaskId: task.id,
    });
    expect(byTitle.get('Halve bias complaints')).toMatchObject({ owner: { id: ceo.id } });

    // Both levels sign: the records follow the approval to "approved".
    await drive(t, [manager, deputy, ceo], instanceId, async () => {
      const [row] = await t.dataSource.query('SELECT status FROM process_instances WHERE id = $1', [
        instanceId,
      ]);
      return row.status === 'completed';
    });
    const after = await manager.api.get('/api/registers/objectives?status=approved');
    expect(after.body.items.map((i: { title: string }) => i.title).sort()).toEqual([
      'Explain every automated decision',
      'Halve bias complaints',
    ]);

    const summaries = (await manager.api.get('/api/registers')).body.items;
    expect(summaries.find((s: { key: string }) => s.key === 'objectives')).toMatchObject({
      count: 2,
      byStatus: expect.arrayContaining([{ value: 'approved', title: 'Approved', count: 2 }]),
    });
  });

  it('shows one record with every version, who made it and the task and instance that wrote it', async () => {
    const list = await manager.api.get('/api/registers/objectives?q=explain');
    expect(list.body.items).toHaveLength(1);
    const id = list.body.items[0].id;
    const res = await manager.api.get(`/api/registers/objectives/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.record).toMatchObject({ id, status: 'approved', version: 2 });
    expect(
      res.body.versions.map((v: { version: number; data: { status: string } }) => [v.version, v.data.status]),
    ).toEqual([
      [2, 'approved'],
      [1, 'in-approval'],
    ]);
    expect(res.body.versions[1].changedBy).toMatchObject({ id: manager.id });
    expect(res.body.sources.tasks).toEqual([
      expect.objectContaining({ formKey: 'ai-objectives', status: 'completed' }),
    ]);
    expect(res.body.sources.instances).toEqual([
      expect.objectContaining({ definitionKey: 'ai-objectives-approval' }),
    ]);
    // The audit records of the steps that wrote it: the completion, then the approval that approved it.
    const kinds = res.body.audit.map((a: { kind: string }) => a.kind);
    expect(kinds).toContain('task.completed');
    expect(
      res.body.audit.every(
        (a: { hash: string; payload?: unknown }) => /^[0-9a-f]{64}$/.test(a.hash) && !a.payload,
      ),
    ).toBe(true);
    expect(res.body.evidence).toEqual([]);
    expect((await manager.api.get(`/api/registers/risks/${id}`)).status).toBe(404);
  });

  it('keeps every update when two steps project into one record at the same time', async () => {
    const [a, b] = [await startObjectives(), await startObjectives()];
    const [ta, tb] = [await draftingTask(a), await draftingTask(b)];
    expect((await manager.api.post(`/api/tasks/${ta.id}/claim`)).status).toBe(200);
    expect((await deputy.api.post(`/api/tasks/${tb.id}/claim`)).status).toBe(200);
    const results = await Promise.all([
      manager.api.post(`/api/tasks/${ta.id}/complete`, {
        data: { objectives: [{ ...objective('Shared objective', manager.id), target: 'from A' }] },
      }),
      deputy.api.post(`/api/tasks/${tb.id}/complete`, {
        data: { objectives: [{ ...objective('Shared objective', ceo.id), measure: 'from B' }] },
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const [record] = (await manager.api.get('/api/registers/objectives?q=Shared')).body.items;
    expect(record.version).toBe(2);
    const versions = (await manager.api.get(`/api/registers/objectives/${record.id}`)).body.versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    // The later writer's fields win where both set them; nothing either wrote is lost from the history.
    expect(new Set(versions.map((v: { data: { target: string } }) => v.data.target))).toContain('from A');
    expect(new Set(versions.map((v: { data: { measure: string } }) => v.data.measure))).toContain('from B');
  });

  it('pages with keyset cursors, every record exactly once, in the order asked', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string; title: string }>; nextCursor: string | null } } =
        await manager.api.get(
          `/api/registers/objectives?sort=title&order=asc&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
      seen.push(...page.body.items.map((i) => i.title));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort((x, y) => (x < y ? -1 : 1)));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await manager.api.get('/api/registers/objectives')).body.items.length);
  });

  it('answers 400 for an undeclared filter, a forged cursor or a bad limit, and 404 for an unknown register', async () => {
    expect((await manager.api.get('/api/registers/objectives?colour=red')).status).toBe(400);
    expect((await manager.api.get('/api/registers/objectives?cursor=bm9wZQ')).status).toBe(400);
    expect((await manager.api.get('/api/registers/objectives?limit=0')).status).toBe(400);
    expect((await manager.api.get('/api/registers/objectives?sort=nowhere')).status).toBe(400);
    expect((await manager.api.get('/api/registers/nowhere')).status).toBe(404);
  });

  it('exports a declared register as CSV with its declared columns and people by name', async () => {
    const res = await manager.api.get('/api/registers/objectives.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = String(res.body)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]).toBe('Objective,Theme,Measured by,Target,Owner,Due,Status');
    expect(lines.some((l) => l.startsWith('Halve bias complaints,transparency,'))).toBe(true);
  });

  it('refuses to deploy a definition whose renamed state would break a register, with the reason', async () => {
    const admin = await t.login('admin@acme.example');
    const states = { ...(aiRiskAssessmentWorkflow.machine.states as Record<string, unknown>) };
    states.weighing = states.evaluating;
    delete states.evaluating;
    // Point every transition that went to `evaluating` at the renamed state.
    const machine = JSON.parse(
      JSON.stringify({ ...aiRiskAssessmentWorkflow.machine, states }).replace(/"evaluating"/g, '"weighing"'),
    );
    const res = await admin.post('/api/workflow-definitions', {
      key: 'ai-risk-assessment',
      name: 'AI risk assessment',
      machine,
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain(
      'register \\"risks\\", projection 2: state \\"evaluating\\" does not exist in ai-risk-assessment',
    );
  });

  describe('a register an admin declares in the app', () => {
    const machine = {
      id: 'supplier-intake',
      initial: 'drafting',
      context: {},
      states: {
        drafting: {
          meta: {
            task: { form: 'generic-task', title: 'Describe the supplier', candidateRole: 'aims-manager' },
          },
          on: { SUBMIT: 'done' },
        },
        done: { type: 'final' },
      },
    };
    const suppliers = {
      key: 'suppliers',
      title: 'AI suppliers',
      clause: 'A.10.3',
      fields: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          dataShared: { type: ['boolean', 'null'] },
          ownerId: { type: ['string', 'null'] },
        },
      },
      columns: [
        { field: 'name', title: 'Supplier' },
        { field: 'dataShared', title: 'Data shared', kind: 'boolean' },
        { field: 'ownerId', title: 'Recorded by', kind: 'person' },
      ],
      search: ['name'],
      projections: [
        {
          definition: 'supplier-intake',
          when: { taskCompleted: { form: 'supplier-check', state: 'drafting' } },
          key: { lower: 'submission.supplier' },
          set: {
            name: 'submission.supplier',
            dataShared: { first: ['submission.dataShared', { const: null }] },
            ownerId: 'task.author',
          },
        },
      ],
    };
    let admin: Awaited<ReturnType<TestApp['login']>>;

    beforeAll(async () => {
      admin = await t.login('admin@acme.example');
      const schema = {
        type: 'object',
        properties: { supplier: { type: 'string', minLength: 2 }, dataShared: { type: 'boolean' } },
        required: ['supplier'],
      };
      expect(
        (
          await admin.post('/api/forms', {
            key: 'supplier-check',
            title: 'Supplier check',
            schema,
            uiSchema: {},
          })
        ).status,
      ).toBe(201);
      expect((await admin.post('/api/forms/supplier-check/publish', { changeNote: 'first' })).status).toBe(
        200,
      );
      expect(
        (
          await admin.post('/api/workflow-definitions', {
            key: 'supplier-intake',
            name: 'Supplier intake',
            machine,
          })
        ).status,
      ).toBe(201);
    });

    it('refuses a projection the step cannot feed, with every reason, and lets only admins declare', async () => {
      // The step still shows generic-task: nothing of form supplier-check is completed there yet.
      const early = await admin.post('/api/registers', { declaration: suppliers });
      expect(early.status).toBe(422);
      expect(JSON.stringify(early.body)).toContain('is not a task of form supplier-check');
      const put = await admin.put('/api/workflow-definitions/supplier-intake/settings', {
        settings: { steps: { 'supplier-intake.drafting': { form: 'supplier-check' } } },
      });
      expect(put.status).toBe(200);
      const typo = structuredClone(suppliers);
      typo.projections[0].set.name = 'submission.suplier';
      const bad = await admin.post('/api/registers', { declaration: { ...typo, colour: 'red' } });
      expect(bad.status).toBe(422);
      expect(JSON.stringify(bad.body)).toContain('\\"colour\\" is not part of a register declaration');
      const bad2 = await admin.post('/api/registers', { declaration: typo });
      expect(JSON.stringify(bad2.body)).toContain('\\"submission.suplier\\": the form has no such field');
      expect((await manager.api.post('/api/registers', { declaration: suppliers })).status).toBe(403);
      expect(
        (await admin.post('/api/registers', { declaration: { ...suppliers, key: 'risks' } })).status,
      ).toBe(409);
    });

    it('is filled when the step completes, listed with the others, and guards its definition like a built-in one', async () => {
      const declared = await admin.post('/api/registers', { declaration: suppliers });
      expect(declared.status).toBe(201);
      expect(declared.body).toEqual({ key: 'suppliers', version: 1, created: true });
      expect((await admin.post('/api/registers', { declaration: suppliers })).status).toBe(409);

      const started = await manager.api.post('/api/process-instances', { definitionKey: 'supplier-intake' });
      const task = started.body.openTasks[0];
      expect(task.formKey).toBe('supplier-check');
      expect((await complete(manager, task.id, { supplier: 'Vision Labs', dataShared: true })).status).toBe(
        200,
      );

      const list = await manager.api.get('/api/registers/suppliers');
      expect(list.body.items).toEqual([
        expect.objectContaining({
          name: 'Vision Labs',
          dataShared: true,
          owner: expect.objectContaining({ id: manager.id }),
        }),
      ]);
      const summaries = (await manager.api.get('/api/registers')).body.items;
      expect(summaries.find((r: { key: string }) => r.key === 'suppliers')).toMatchObject({
        count: 1,
        builtIn: false,
      });
      expect((await admin.get('/api/registers/suppliers/declaration')).body.projections).toHaveLength(1);

      const renamed = JSON.parse(JSON.stringify(machine).replace(/drafting/g, 'describing'));
      const deploy = await admin.post('/api/workflow-definitions', {
        key: 'supplier-intake',
        name: 'Supplier intake',
        machine: renamed,
      });
      expect(deploy.status).toBe(422);
      expect(JSON.stringify(deploy.body)).toContain('register \\"suppliers\\"');
      // Nor may the form drop a field the register reads.
      const draft = await admin.put('/api/forms/supplier-check/draft', {
        schema: { type: 'object', properties: { dataShared: { type: 'boolean' } } },
        uiSchema: {},
      });
      expect(draft.status).toBe(200);
      const publish = await admin.post('/api/forms/supplier-check/publish', { changeNote: 'drop supplier' });
      expect(publish.status).toBe(422);
      expect(JSON.stringify(publish.body)).toContain('\\"submission.supplier\\": the form has no such field');
      expect((await t.verifyAudit()).every((r) => r.ok)).toBe(true);
    });
  });
});
