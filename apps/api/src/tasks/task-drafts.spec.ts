import { createOrganization, startTestApp, type ApiClient, type TestApp } from '../testing/test-app';

const machine = {
  id: 'drafted',
  initial: 'working',
  context: {},
  states: {
    working: {
      meta: { task: { form: 'generic-task', title: 'Write it up', candidateRole: 'contributor' } },
      on: { SUBMIT: 'done' },
    },
    done: { type: 'final' },
  },
};

describe('task drafts (integration)', () => {
  let t: TestApp;
  let manager: ApiClient;
  let owner: ApiClient;
  let external: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.login('manager@acme.example');
    owner = await t.login('owner@acme.example');
    external = await t.login('external@acme.example');
    const admin = await t.login('admin@acme.example');
    const deployed = await admin.post('/api/workflow-definitions', {
      key: 'drafted',
      name: 'Drafted',
      machine,
    });
    expect(deployed.status).toBe(201);
  });
  afterAll(() => t.close());

  /** A new instance's task, claimed by the owner. */
  async function claimedTask(): Promise<{ taskId: string; instanceId: string }> {
    const instance = (await manager.post('/api/process-instances', { definitionKey: 'drafted' })).body;
    const taskId = instance.openTasks[0].id;
    expect((await owner.post(`/api/tasks/${taskId}/claim`)).status).toBe(200);
    return { taskId, instanceId: instance.id };
  }

  const draftRows = async (taskId: string) =>
    Number(
      (await t.dataSource.query(`SELECT count(*) AS n FROM task_drafts WHERE task_id = $1`, [taskId]))[0].n,
    );

  it('saves, restores and overwrites the holder’s draft, unvalidated, and discards it', async () => {
    const { taskId } = await claimedTask();
    const path = `/api/tasks/${taskId}/draft`;
    expect((await owner.get(path)).status).toBe(404);

    // Half-filled and not valid against generic-task (done must be true): a draft is work in progress.
    const first = await owner.put(path, { data: { done: false, note: 'Open questions' } });
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual({ done: false, note: 'Open questions' });
    const restored = await owner.get(path);
    expect(restored.status).toBe(200);
    expect(restored.body).toEqual({
      data: { done: false, note: 'Open questions' },
      updatedAt: first.body.updatedAt,
    });
    expect(Date.parse(restored.body.updatedAt)).not.toBeNaN();

    expect((await owner.put(path, { data: { note: 'Open questions, answered' } })).status).toBe(200);
    expect((await owner.get(path)).body.data).toEqual({ note: 'Open questions, answered' });
    expect(await draftRows(taskId)).toBe(1);

    expect((await owner.request('DELETE', path)).status).toBe(204);
    expect((await owner.get(path)).status).toBe(404);
    expect(await draftRows(taskId)).toBe(0);
  });

  it('takes only a JSON object', async () => {
    const { taskId } = await claimedTask();
    for (const data of [['a'], 'text', 3, null]) {
      const res = await owner.put(`/api/tasks/${taskId}/draft`, { data });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('data must be a JSON object');
    }
    expect((await owner.put(`/api/tasks/${taskId}/draft`, {})).status).toBe(400);
  });

  it('refuses a draft over 256 KB with a clear problem, and keeps the one saved before', async () => {
    const { taskId } = await claimedTask();
    const path = `/api/tasks/${taskId}/draft`;
    expect((await owner.put(path, { data: { note: 'kept' } })).status).toBe(200);
    const res = await owner.put(path, { data: { note: 'x'.repeat(300 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.detail ?? res.body.title).toMatch(/at most 256 KB/);
    expect((await owner.get(path)).body.data).toEqual({ note: 'kept' });
    // Just under the limit is fine.
    expect((await owner.put(path, { data: { note: 'x'.repeat(250 * 1024) } })).status).toBe(200);
  });

  it('refuses someone who may not complete the task now (403), saying why', async () => {
    const instance = (await manager.post('/api/process-instances', { definitionKey: 'drafted' })).body;
    const path = `/api/tasks/${instance.openTasks[0].id}/draft`;
    const unclaimed = await owner.put(path, { data: { note: 'n' } });
    expect(unclaimed.status).toBe(403);
    expect(JSON.stringify(unclaimed.body)).toContain('Claim the task before completing it.');

    expect((await owner.post(path.replace('/draft', '/claim'))).status).toBe(200);
    // The manager sees the task but does not hold it; the external auditor only reads.
    const notHolder = await manager.put(path, { data: { note: 'n' } });
    expect(notHolder.status).toBe(403);
    expect(JSON.stringify(notHolder.body)).toContain('Only the assignee or their delegate');
    expect((await external.put(path, { data: { note: 'n' } })).status).toBe(403);
    expect(await draftRows(instance.openTasks[0].id)).toBe(0);
  });

  it("answers 404 for another organisation's task", async () => {
    const { taskId } = await claimedTask();
    const path = `/api/tasks/${taskId}/draft`;
    expect((await owner.put(path, { data: { note: 'mine' } })).status).toBe(200);
    await createOrganization(t.dataSource, 'drafts-elsewhere', [
      { email: 'boss@drafts-elsewhere.example', roles: ['admin'] },
    ]);
    const stranger = await t.login('boss@drafts-elsewhere.example');
    expect((await stranger.get(path)).status).toBe(404);
    expect((await stranger.put(path, { data: { note: 'theirs' } })).status).toBe(404);
    expect((await stranger.request('DELETE', path)).status).toBe(404);
    expect((await owner.get(path)).body.data).toEqual({ note: 'mine' });
  });

  it('deletes the drafts when the task completes, and keeps no new ones (409)', async () => {
    const { taskId } = await claimedTask();
    const path = `/api/tasks/${taskId}/draft`;
    expect((await owner.put(path, { data: { note: 'almost' } })).status).toBe(200);
    // Another task's draft stays.
    const other = await claimedTask();
    expect((await owner.put(`/api/tasks/${other.taskId}/draft`, { data: { note: 'other' } })).status).toBe(
      200,
    );

    const done = await owner.post(`/api/tasks/${taskId}/complete`, { data: { done: true, note: 'final' } });
    expect(done.status).toBe(200);
    expect(await draftRows(taskId)).toBe(0);
    expect((await owner.get(path)).status).toBe(404);
    const late = await owner.put(path, { data: { note: 'too late' } });
    expect(late.status).toBe(409);
    expect(JSON.stringify(late.body)).toContain('already completed');
    expect(await draftRows(other.taskId)).toBe(1);
  });

  it('drops the draft of a cancelled task with it, and keeps no new ones', async () => {
    const { taskId, instanceId } = await claimedTask();
    const path = `/api/tasks/${taskId}/draft`;
    expect((await owner.put(path, { data: { note: 'abandoned' } })).status).toBe(200);
    const cancelled = await manager.post(`/api/process-instances/${instanceId}/cancel`, {
      reason: 'not needed',
    });
    expect(cancelled.status).toBe(200);
    expect(await draftRows(taskId)).toBe(0);
    expect((await owner.get(path)).status).toBe(404);
    expect((await owner.put(path, { data: { note: 'again' } })).status).toBe(409);
  });
});
