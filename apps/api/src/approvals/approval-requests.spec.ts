import { OutboxDeliverer } from '../outbox/outbox-deliverer.service';
import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';

/** A contributor drafts (generic task form) → any AIMS manager → top management. */
const machine = {
  id: 'sign-off-request',
  initial: 'drafting',
  context: { doc: null },
  states: {
    drafting: {
      meta: { task: { form: 'generic-task', title: 'Draft the note', candidateRole: 'contributor' } },
      on: { SUBMIT: { target: 'inApproval', actions: [{ type: 'assignFromForm', params: { to: 'doc' } }] } },
    },
    inApproval: {
      meta: {
        approval: {
          levels: [
            { role: 'aims-manager', rule: 'any' },
            { role: 'top-management', rule: 'any' },
          ],
          subject: 'context.doc',
        },
      },
      on: { APPROVED: 'approved', REJECTED: 'drafting' },
    },
    approved: { type: 'final' },
  },
};

const DAY = 24 * 3600_000;

describe('an approval level asks its deciders: titled by its subject, in their own list, due, notified', () => {
  let t: TestApp;
  let owner: ApiClient;
  let manager: ApiClient;
  let ceo: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.login('admin@acme.example');
    owner = await t.login('owner@acme.example');
    manager = await t.login('manager@acme.example');
    ceo = await t.login('ceo@acme.example');
    const deployed = await admin.post('/api/workflow-definitions', {
      key: 'sign-off-request',
      name: 'Supplier note sign-off',
      machine,
    });
    expect(deployed.status).toBe(201);
  });
  afterAll(() => t.close());

  async function deliverAll() {
    const outbox = t.app.get(OutboxDeliverer);
    while ((await outbox.deliverDue()) > 0);
  }

  it('opens each level as "Approve: <subject>", due in a week, in Mine (not Available), with a notification linking to it', async () => {
    const started = await manager.post('/api/process-instances', { definitionKey: 'sign-off-request' });
    expect(started.status).toBe(201);
    const draft = started.body.openTasks[0];
    expect((await owner.post(`/api/tasks/${draft.id}/claim`)).status).toBe(200);
    const before = Date.now();
    const done = await owner.post(`/api/tasks/${draft.id}/complete`, {
      data: { done: true, note: 'Supplier X passed due diligence.' },
    });
    expect(done.status).toBe(200);

    const mine = await manager.get('/api/inbox?filter=mine');
    const row = mine.body.items.find((i: { instanceId: string }) => i.instanceId === started.body.id);
    // The generic task form says nothing about the subject: the process's name does.
    expect(row.title).toBe('Approve: Supplier note sign-off (level 1 of 2)');
    const due = new Date(row.dueAt).getTime();
    expect(due).toBeGreaterThanOrEqual(before + 7 * DAY - 60_000);
    expect(due).toBeLessThanOrEqual(Date.now() + 7 * DAY + 60_000);
    expect(mine.body.counts.mine).toBe(mine.body.items.length);
    const available = await manager.get('/api/inbox?filter=available&limit=100');
    expect(available.body.items.some((i: { id: string }) => i.id === row.id)).toBe(false);
    expect(available.body.counts.available).toBe(available.body.items.length);

    // The subject is the generic form's submission: the UI can show it as that form.
    const approval = await manager.get(`/api/approvals/${row.approvalId}`);
    expect(approval.body.subjectForm).toMatchObject({ key: 'generic-task', title: 'Task' });

    await deliverAll();
    const bell = (await manager.get('/api/notifications')).body.items;
    const asked = bell.find((n: { kind: string }) => n.kind === 'approval-requested');
    expect(asked).toMatchObject({
      title: 'Waiting for your decision: Supplier note sign-off (level 1 of 2)',
      link: `/tasks/${row.id}`,
    });
    // Top management is asked only when its level opens.
    const ceoBefore = (await ceo.get('/api/notifications')).body.items;
    expect(ceoBefore.some((n: { kind: string }) => n.kind === 'approval-requested')).toBe(false);

    expect(
      (await manager.post(`/api/approvals/${row.approvalId}/decisions`, { decision: 'approve' })).status,
    ).toBe(200);
    await deliverAll();
    const ceoMine = (await ceo.get('/api/inbox?filter=mine')).body.items;
    const level2 = ceoMine.find((i: { instanceId: string }) => i.instanceId === started.body.id);
    expect(level2.title).toBe('Approve: Supplier note sign-off (level 2 of 2)');
    const ceoBell = (await ceo.get('/api/notifications')).body.items;
    expect(ceoBell.find((n: { kind: string }) => n.kind === 'approval-requested')?.link).toBe(
      `/tasks/${level2.id}`,
    );

    // The instance view names the process and its steps in words.
    const instance = await ceo.get(`/api/process-instances/${started.body.id}`);
    expect(instance.body.definitionName).toBe('Supplier note sign-off');
    expect(instance.body.stepNames).toMatchObject({
      'sign-off-request.drafting': 'Draft the note',
      'sign-off-request.inApproval': 'In approval',
    });
  });
});
