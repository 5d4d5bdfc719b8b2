import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';

const machine = (key: string, candidateRole: string) => ({
  id: key,
  initial: 'working',
  context: { secret: null },
  states: {
    working: {
      meta: { task: { form: 'generic-task', title: `Work on ${key}`, candidateRole } },
      on: { SUBMIT: { target: 'done', actions: [{ type: 'assignFromForm', params: { to: 'secret' } }] } },
    },
    done: { type: 'final' },
  },
});

describe('an instance is readable only by those who take part in it (integration)', () => {
  let t: TestApp;
  let admin: ApiClient;
  let manager: ApiClient;
  let contributor: ApiClient;
  let auditor: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin@acme.example');
    manager = await t.login('manager@acme.example');
    contributor = await t.login('owner@acme.example');
    auditor = await t.login('auditor@acme.example');
    for (const [key, role] of [
      ['managers-only', 'aims-manager'],
      ['for-contributors', 'contributor'],
    ])
      expect(
        (await admin.post('/api/workflow-definitions', { key, name: key, machine: machine(key, role) }))
          .status,
      ).toBe(201);
  });
  afterAll(() => t.close());

  const start = async (definitionKey: string) =>
    (await manager.post('/api/process-instances', { definitionKey })).body;

  it('hides the instance, its history and its approvals from a contributor who cannot see its task', async () => {
    const instance = await start('managers-only');
    const task = instance.openTasks[0];
    expect((await manager.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    const done = await manager.post(`/api/tasks/${task.id}/complete`, {
      data: { done: true, note: 'salary data' },
    });
    expect(done.status).toBe(200);

    expect((await contributor.get(`/api/tasks/${task.id}`)).status).toBe(404);
    for (const path of ['', '/history', '/approvals']) {
      const res = await contributor.get(`/api/process-instances/${instance.id}${path}`);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('salary data');
    }
    // Those who run or audit the programme still read it.
    expect((await manager.get(`/api/process-instances/${instance.id}/history`)).status).toBe(200);
    expect(JSON.stringify((await auditor.get(`/api/process-instances/${instance.id}`)).body)).toContain(
      'salary data',
    );
  });

  it('shows it to a contributor whose role the open task is offered to, and keeps showing it once they completed it', async () => {
    const instance = await start('for-contributors');
    expect((await contributor.get(`/api/process-instances/${instance.id}`)).status).toBe(200);
    const task = instance.openTasks[0];
    expect((await contributor.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    expect(
      (await contributor.post(`/api/tasks/${task.id}/complete`, { data: { done: true, note: 'n' } })).status,
    ).toBe(200);
    expect((await contributor.get(`/api/process-instances/${instance.id}/history`)).status).toBe(200);
  });
});
