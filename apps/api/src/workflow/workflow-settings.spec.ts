import { documentApprovalWorkflow } from '@aimsflow/workflows';
import { principalOf } from '../testing/principals';
import { createOrganization, startTestApp, type ApiClient, type TestApp } from '../testing/test-app';
import { BuiltInWorkflows } from './built-in-workflows.service';

const vendorMachine = {
  id: 'vendor-review',
  initial: 'drafting',
  context: {},
  states: {
    drafting: {
      meta: {
        task: {
          form: 'generic-task',
          title: 'Describe the vendor',
          candidateRole: 'contributor',
          dueIn: 'P7D',
        },
      },
      on: { SUBMIT: { target: 'inApproval', actions: [{ type: 'assignFromForm', params: { to: 'doc' } }] } },
    },
    inApproval: {
      meta: { approval: { levels: [{ role: 'aims-manager', rule: 'any' }], subject: 'context.doc' } },
      on: { APPROVED: 'approved', REJECTED: 'drafting' },
    },
    approved: { type: 'final' },
  },
};
const DAY = 86_400_000;

describe('workflow settings an admin edits without code', () => {
  let t: TestApp;
  let admin: ApiClient;
  let manager: ApiClient;
  let owner: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin@acme.example');
    manager = await t.login('manager@acme.example');
    owner = await t.login('owner@acme.example');
    const res = await admin.post('/api/workflow-definitions', {
      key: 'vendor-review',
      name: 'Vendor review',
      machine: vendorMachine,
    });
    expect(res.status).toBe(201);
  });
  afterAll(() => t.close());

  async function start(definitionKey: string) {
    const res = await manager.post('/api/process-instances', { definitionKey, input: {} });
    expect(res.status).toBe(201);
    return res.body;
  }

  const dueDays = (task: { dueAt: string; createdAt: string }) =>
    Math.round((new Date(task.dueAt).getTime() - new Date(task.createdAt).getTime()) / DAY);

  it('GET /api/workflow-definitions/:key/settings lists the configurable steps with their current values', async () => {
    const res = await manager.get('/api/workflow-definitions/vendor-review/settings');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ key: 'vendor-review', version: 1, settings: {} });
    expect(res.body.steps).toEqual([
      {
        stateId: 'vendor-review.drafting',
        label: 'Describe the vendor',
        kind: 'task',
        current: { form: 'generic-task', candidateRole: 'contributor', dueIn: 'P7D' },
      },
      {
        stateId: 'vendor-review.inApproval',
        label: 'inApproval',
        kind: 'approval',
        current: { approvalLevels: [{ role: 'aims-manager', rule: 'any' }] },
      },
    ]);
  });

  it('PUT /api/workflow-definitions/:key/settings publishes a new version that only new instances use', async () => {
    const before = await start('vendor-review');
    const settings = {
      steps: { 'vendor-review.drafting': { candidateRole: 'top-management', dueIn: 'P14D' } },
    };

    const put = await admin.put('/api/workflow-definitions/vendor-review/settings', { settings });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ key: 'vendor-review', version: 2, created: true });
    const again = await admin.put('/api/workflow-definitions/vendor-review/settings', { settings });
    expect(again.body).toEqual({ key: 'vendor-review', version: 2, created: false });

    const after = await start('vendor-review');
    expect(after.definitionVersion).toBe(2);
    expect(after.openTasks[0].candidateRole).toBe('top-management');
    expect(dueDays(after.openTasks[0])).toBe(14);
    const old = (await manager.get(`/api/process-instances/${before.id}`)).body;
    expect(old.definitionVersion).toBe(1);
    expect(old.openTasks[0].candidateRole).toBe('contributor');
    expect(dueDays(old.openTasks[0])).toBe(7);

    const v2 = (await manager.get('/api/workflow-definitions/vendor-review/versions/2')).body;
    expect(v2.machine).toEqual(vendorMachine);
    expect(v2.settings).toEqual(settings);
    const drafting = v2.graph.nodes.find((n: { id: string }) => n.id === 'vendor-review.drafting');
    expect(drafting.meta.task).toMatchObject({ candidateRole: 'top-management', dueIn: 'P14D' });
  });

  it('runs the approval levels of the newest settings for a new instance', async () => {
    const levels = [
      { role: 'top-management', rule: 'any' },
      { role: 'aims-manager', rule: { quorum: 2 } },
    ];
    const put = await admin.put('/api/workflow-definitions/vendor-review/settings', {
      settings: {
        steps: {
          'vendor-review.drafting': { candidateRole: 'contributor', dueIn: 'P14D' },
          'vendor-review.inApproval': { approvalLevels: levels },
        },
      },
    });
    expect(put.body).toMatchObject({ version: 3, created: true });

    const instance = await start('vendor-review');
    const taskId = instance.openTasks[0].id;
    expect((await owner.post(`/api/tasks/${taskId}/claim`)).status).toBe(200);
    const done = await owner.post(`/api/tasks/${taskId}/complete`, { data: { done: true, note: 'ok' } });
    expect(done.status).toBe(200);
    const approvals = (await manager.get(`/api/process-instances/${instance.id}/approvals`)).body.items;
    expect(approvals).toHaveLength(1);
    expect(
      approvals[0].levels.map((l: { role: string; rule: unknown }) => ({ role: l.role, rule: l.rule })),
    ).toEqual(levels);
  });

  it('publishes settings equal to an older version as the next version, which new instances use', async () => {
    const res = await admin.put('/api/workflow-definitions/vendor-review/settings', { settings: {} });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ key: 'vendor-review', version: 4, created: true });
    const v1 = (await manager.get('/api/workflow-definitions/vendor-review/versions/1')).body;
    const v4 = (await manager.get('/api/workflow-definitions/vendor-review/versions/4')).body;
    expect(v4.contentHash).toBe(v1.contentHash);
    expect((await start('vendor-review')).definitionVersion).toBe(4);
  });

  it('answers 422 with every reason for bad settings, and publishes nothing', async () => {
    const res = await admin.put('/api/workflow-definitions/vendor-review/settings', {
      settings: {
        steps: {
          'vendor-review.nowhere': { dueIn: 'P1D' },
          'vendor-review.drafting': { candidateRole: 'wizard', dueIn: 'soon' },
          'vendor-review.inApproval': { dueIn: 'P1D', approvalLevels: [] },
        },
      },
    });
    expect(res.status).toBe(422);
    const reasons = res.body.errors.map((e: { message: string }) => e.message).join('\n');
    expect(reasons).toMatch(/vendor-review.nowhere" is not a task or approval state/);
    expect(reasons).toMatch(/"wizard" is not a role/);
    expect(reasons).toMatch(/dueIn "soon" is not an ISO-8601 duration/);
    expect(reasons).toMatch(/inApproval" is an approval: set approvalLevels, not dueIn/);
    expect(reasons).toMatch(/approvalLevels must list at least one level/);
    const unknownGroup = await admin.put('/api/workflow-definitions/vendor-review/settings', {
      settings: { steps: { 'vendor-review.drafting': { candidateGroup: 'no-such-group' } } },
    });
    expect(unknownGroup.status).toBe(422);
    expect(unknownGroup.body.errors).toEqual([
      {
        pointer: '',
        message: 'step "vendor-review.drafting" candidateGroup: group "no-such-group" does not exist',
      },
    ]);
    expect((await manager.get('/api/workflow-definitions/vendor-review/settings')).body.version).toBe(4);
  });

  it('lets only an admin change settings, and an AIMS manager read them', async () => {
    const settings = { steps: {} };
    expect((await owner.get('/api/workflow-definitions/vendor-review/settings')).status).toBe(403);
    expect((await owner.put('/api/workflow-definitions/vendor-review/settings', { settings })).status).toBe(
      403,
    );
    expect((await manager.put('/api/workflow-definitions/vendor-review/settings', { settings })).status).toBe(
      403,
    );
    expect((await admin.put('/api/workflow-definitions/vendor-review/settings', {})).status).toBe(400);
  });

  it("answers 404 for another organisation's definition", async () => {
    await createOrganization(t.dataSource, 'globex', [{ email: 'admin@globex.example', roles: ['admin'] }]);
    const other = await t.login('admin@globex.example');
    expect((await other.get('/api/workflow-definitions/vendor-review/settings')).status).toBe(404);
    expect(
      (await other.put('/api/workflow-definitions/vendor-review/settings', { settings: { steps: {} } }))
        .status,
    ).toBe(404);
  });

  it("keeps an organisation's settings when the built-in workflows are deployed again", async () => {
    const { organizationId } = await principalOf(t.dataSource, 'admin@acme.example');
    const builtIns = t.app.get(BuiltInWorkflows);
    const key = documentApprovalWorkflow.key;
    const latestVersion = async () =>
      (await manager.get(`/api/workflow-definitions/${key}/settings`)).body as {
        version: number;
        settings: unknown;
      };
    // An older shipped machine is the latest version, as after an upgrade of the product.
    const older = structuredClone(
      documentApprovalWorkflow.machine,
    ) as typeof documentApprovalWorkflow.machine & {
      states: { drafting: { on: Record<string, unknown> } };
    };
    older.states.drafting.on.PARK = 'drafting';
    expect(
      (await admin.post('/api/workflow-definitions', { ...documentApprovalWorkflow, machine: older })).status,
    ).toBe(201);
    const settings = { steps: { 'document-approval.drafting': { dueIn: 'P21D' } } };
    const put = await admin.put(`/api/workflow-definitions/${key}/settings`, { settings });
    expect(put.body.created).toBe(true);

    await builtIns.deployTo(organizationId);
    const upgraded = await latestVersion();
    expect(upgraded.version).toBe(put.body.version + 1);
    expect(upgraded.settings).toEqual(settings);
    const definition = (await manager.get(`/api/workflow-definitions/${key}/versions/${upgraded.version}`))
      .body;
    expect(definition.machine).toEqual(documentApprovalWorkflow.machine);

    await builtIns.deployTo(organizationId);
    expect(await latestVersion()).toEqual(upgraded);
    const instance = await start(key);
    expect(dueDays(instance.openTasks[0])).toBe(21);
  });

  it('attaches a form an admin designed to a task step; new instances show it and submissions are checked against it', async () => {
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
    expect((await admin.post('/api/forms/supplier-check/publish', { changeNote: 'first' })).status).toBe(200);
    const machine = { ...vendorMachine, id: 'supplier-intake' };
    expect(
      (
        await admin.post('/api/workflow-definitions', {
          key: 'supplier-intake',
          name: 'Supplier intake',
          machine,
        })
      ).status,
    ).toBe(201);

    const view = (await admin.get('/api/workflow-definitions/supplier-intake/settings')).body;
    expect(view.forms).toEqual(expect.arrayContaining([{ key: 'supplier-check', title: 'Supplier check' }]));
    const put = await admin.put('/api/workflow-definitions/supplier-intake/settings', {
      settings: {
        steps: { 'supplier-intake.drafting': { form: 'supplier-check', candidateRole: 'aims-manager' } },
      },
    });
    expect(put.status).toBe(200);

    const started = await start('supplier-intake');
    const task = started.openTasks[0];
    expect(task.formKey).toBe('supplier-check');
    expect((await manager.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    expect(
      (await manager.post(`/api/tasks/${task.id}/complete`, { data: { dataShared: true } })).status,
    ).toBe(422);
    expect(
      (await manager.post(`/api/tasks/${task.id}/complete`, { data: { supplier: 'Acme Data' } })).status,
    ).toBe(200);
  });

  it('refuses a form on a step whose register needs another form, and a form that does not exist', async () => {
    const swap = await admin.put('/api/workflow-definitions/ai-risk-assessment/settings', {
      settings: { steps: { 'ai-risk-assessment.analysing': { form: 'supplier-check' } } },
    });
    expect(swap.status).toBe(422);
    expect(JSON.stringify(swap.body)).toContain(
      'ai-risk-assessment has no task of form \\"ai-risk-assessment\\"',
    );
    const missing = await admin.put('/api/workflow-definitions/supplier-intake/settings', {
      settings: { steps: { 'supplier-intake.drafting': { form: 'no-such-form' } } },
    });
    expect(missing.status).toBe(422);
    expect(JSON.stringify(missing.body)).toContain('no-such-form');
  });
});
