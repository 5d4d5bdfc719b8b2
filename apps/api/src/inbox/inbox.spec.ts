import { hashPassword } from '../identity/auth/password';
import { DEMO_PASSWORD } from '../identity/seed.service';
import { User } from '../identity/user.entity';
import { createApp } from '../app.factory';
import { loadConfig } from '../platform/config';
import { Database } from '../platform/database/database';
import { createOrganization, startTestApp, type ApiClient, type TestApp } from '../testing/test-app';

const inboxMachine = (priority: number) => ({
  id: `inbox-p${priority}`,
  initial: 'work',
  states: {
    work: {
      meta: {
        task: {
          form: 'generic-task',
          title: `Review item p${priority}`,
          candidateRole: 'contributor',
          dueIn: 'P3D',
          priority,
        },
      },
      on: { SUBMIT: 'done' },
    },
    done: { type: 'final' },
  },
});

/** Reads Server-Sent Events from a fetch stream until `until` matches one, or times out. */
async function readEvents(
  url: string,
  cookie: string,
  until: (event: { event: string; data: any }) => boolean,
  timeoutMs = 10_000,
) {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const seen: { event: string; data: any }[] = [];
  let buffer = '';
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const ready = { stream: res };
  const done = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
          const data = /^data: (.*)$/m.exec(block)?.[1];
          const parsed = { event, data: data ? JSON.parse(data) : null };
          seen.push(parsed);
          if (until(parsed)) {
            controller.abort();
            return seen;
          }
        }
      }
    } catch {
      // aborted
    } finally {
      clearTimeout(timer);
    }
    return seen;
  })();
  return { ready, done };
}

describe('task inbox', () => {
  let t: TestApp;
  let manager: ApiClient;
  let owner: ApiClient;
  let po: ApiClient;
  let poId: string;
  let ownerId: string;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.login('manager@acme.example');
    owner = await t.login('owner@acme.example');
    const acme = await t.dataSource.getRepository(User).findOneByOrFail({ email: 'owner@acme.example' });
    ownerId = acme.id;
    const saved = await t.dataSource.getRepository(User).save({
      organizationId: acme.organizationId,
      email: 'po@acme.example',
      name: 'Pia Process-Owner',
      roles: ['contributor'],
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
    poId = saved.id;
    po = await t.login('po@acme.example');
    for (const p of [1, 5]) {
      expect(
        (
          await (
            await t.login('admin@acme.example')
          ).post('/api/workflow-definitions', {
            key: `inbox-p${p}`,
            name: `p${p}`,
            machine: inboxMachine(p),
          })
        ).status,
      ).toBe(201);
    }
    // 6 tasks: 3 of each priority, with distinct due dates (one without).
    for (let i = 0; i < 6; i++) {
      const res = await manager.post('/api/process-instances', { definitionKey: `inbox-p${i % 2 ? 5 : 1}` });
      expect(res.status).toBe(201);
      const task = res.body.openTasks[0];
      const due = i === 5 ? null : new Date(Date.now() + (i - 0.5) * 86_400_000); // i=0 is overdue
      await t.dataSource.query(`UPDATE tasks SET due_at = $2 WHERE id = $1`, [task.id, due]);
    }
  });
  afterAll(() => t.close());

  it('GET /api/inbox lists available tasks by due date (nulls last) with counts, and pages by keyset', async () => {
    const all = await owner.get('/api/inbox?filter=available&limit=100');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(6);
    expect(all.body.counts).toEqual({ mine: 0, available: 6, overdue: 1 });
    const dues = all.body.items.map((i: { dueAt: string | null }) => i.dueAt);
    expect(dues[5]).toBeNull();
    expect([...dues.slice(0, 5)].sort()).toEqual(dues.slice(0, 5));
    expect(Object.keys(all.body.items[0]).sort()).toEqual(
      [
        'id',
        'title',
        'status',
        'formKey',
        'formVersion',
        'instanceId',
        'definitionKey',
        'stateId',
        'assigneeId',
        'assigneeName',
        'candidateRole',
        'candidateGroupId',
        'candidateGroupName',
        'delegateId',
        'delegateName',
        'approvalId',
        'allowedActions',
        'dueAt',
        'priority',
        'createdAt',
        'completedAt',
      ].sort(),
    );
    expect(all.body.items[0].definitionKey).toMatch(/^inbox-p/);

    for (const sort of ['due', 'priority', 'created']) {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await owner.get(
          `/api/inbox?filter=available&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        ids.push(...page.body.items.map((i) => i.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      const full = (await owner.get(`/api/inbox?filter=available&sort=${sort}&limit=100`)).body.items.map(
        (i: { id: string }) => i.id,
      );
      expect(ids).toEqual(full);
    }
    const byPriority = (await owner.get('/api/inbox?filter=available&sort=priority')).body.items;
    expect(byPriority.map((i: { priority: number }) => i.priority)).toEqual([5, 5, 5, 1, 1, 1]);
    expect((await owner.get('/api/inbox?filter=available&cursor=garbage')).status).toBe(400);
  });

  it('filters by overdue, due window, definition, form and title text', async () => {
    expect((await owner.get('/api/inbox?filter=available&overdue=true')).body.items).toHaveLength(1);
    expect((await owner.get('/api/inbox?filter=available&definitionKey=inbox-p5')).body.items).toHaveLength(
      3,
    );
    expect((await owner.get('/api/inbox?filter=available&formKey=generic-task')).body.items).toHaveLength(6);
    expect((await owner.get('/api/inbox?filter=available&formKey=other')).body.items).toHaveLength(0);
    expect((await owner.get('/api/inbox?filter=available&q=P5')).body.items).toHaveLength(3);
    const before = new Date(Date.now() + 1.5 * 86_400_000).toISOString();
    expect((await owner.get(`/api/inbox?filter=available&dueBefore=${before}`)).body.items).toHaveLength(3);
    expect((await owner.get(`/api/inbox?filter=available&dueAfter=${before}`)).body.items).toHaveLength(2);
    expect((await owner.get('/api/inbox?status=completed')).body.items).toHaveLength(0);
  });

  it('moves a claimed task from available to mine; filter=all is for managers and auditors only', async () => {
    const [first] = (await owner.get('/api/inbox?filter=available')).body.items;
    expect((await owner.post(`/api/tasks/${first.id}/claim`)).status).toBe(200);
    const mine = await owner.get('/api/inbox?filter=mine');
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([first.id]);
    expect(mine.body.items[0].assigneeName).toBe('Omar Owner');
    expect(mine.body.counts).toEqual({ mine: 1, available: 5, overdue: 1 });
    expect((await owner.get('/api/inbox')).body.items).toHaveLength(6); // default: mine + available
    expect((await owner.get('/api/inbox?filter=all')).status).toBe(403);
    expect((await manager.get('/api/inbox?filter=all')).body.items).toHaveLength(6);
    const auditor = await t.login('auditor@acme.example');
    expect((await auditor.get('/api/inbox?filter=all')).status).toBe(200);
  });

  it('shows another organisation nothing and answers 404 for its tasks', async () => {
    await createOrganization(t.dataSource, 'globex', [
      { email: 'dev@globex.example', roles: ['contributor', 'aims-manager'] },
    ]);
    const other = await t.login('dev@globex.example');
    for (const filter of ['mine', 'available', 'all']) {
      const res = await other.get(`/api/inbox?filter=${filter}`);
      expect(res.body.items).toEqual([]);
      expect(res.body.counts).toEqual({ mine: 0, available: 0, overdue: 0 });
    }
    const [task] = (await manager.get('/api/inbox?filter=all')).body.items;
    expect((await other.get(`/api/tasks/${task.id}/comments`)).status).toBe(404);
    expect((await other.post(`/api/tasks/${task.id}/assign`, { userId: ownerId })).status).toBe(404);
    expect(
      (
        await manager.post(`/api/tasks/${task.id}/assign`, {
          userId: (await other.get('/api/auth/me')).body.user.id,
        })
      ).status,
    ).toBe(404);
  });

  it('lets the delegate complete a task and records both the delegate and the accountable assignee', async () => {
    const [task] = (await owner.get('/api/inbox?filter=mine')).body.items;
    expect((await po.post(`/api/tasks/${task.id}/delegate`, { userId: poId })).status).toBe(403); // not the assignee
    const delegated = await owner.post(`/api/tasks/${task.id}/delegate`, { userId: poId });
    expect(delegated.status).toBe(200);
    expect(delegated.body.delegateId).toBe(poId);
    const poInbox = await po.get('/api/inbox?filter=mine');
    expect(poInbox.body.items.map((i: { id: string }) => i.id)).toEqual([task.id]);
    expect(poInbox.body.items[0]).toMatchObject({
      assigneeId: ownerId,
      delegateId: poId,
      delegateName: 'Pia Process-Owner',
    });
    const done = await po.post(`/api/tasks/${task.id}/complete`, {
      data: { done: true, note: 'done by delegate' },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', completedBy: poId, completedFor: ownerId });
    const history = (await manager.get(`/api/process-instances/${task.instanceId}/history`)).body.items;
    expect(history.map((h: { kind: string }) => h.kind)).toEqual(
      expect.arrayContaining(['task.claimed', 'task.delegated', 'task.completed']),
    );
    const completed = history.find((h: { kind: string }) => h.kind === 'task.completed');
    expect(completed).toMatchObject({
      actorId: poId,
      payload: expect.objectContaining({ assigneeId: ownerId, delegateId: poId }),
    });
  });

  it('assigns (managers only), moves the due date with its timers, and keeps comments', async () => {
    const [task] = (await owner.get('/api/inbox?filter=available')).body.items;
    expect((await owner.post(`/api/tasks/${task.id}/assign`, { userId: poId })).status).toBe(403);
    const assigned = await manager.post(`/api/tasks/${task.id}/assign`, { userId: poId });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assigneeId).toBe(poId);
    const due = new Date(Date.now() + 10 * 86_400_000).toISOString();
    expect((await owner.put(`/api/tasks/${task.id}/due`, { dueAt: due })).status).toBe(403);
    const moved = await manager.put(`/api/tasks/${task.id}/due`, { dueAt: due });
    expect(moved.status).toBe(200);
    const timers = await t.dataSource.query(
      `SELECT kind, due_at FROM timers WHERE task_id = $1 AND status = 'scheduled' ORDER BY due_at`,
      [task.id],
    );
    expect(timers.map((r: { kind: string }) => r.kind)).toEqual(['task-reminder', 'task-escalation']);
    expect(new Date(timers[1].due_at).toISOString()).toBe(due);
    expect(new Date(due).getTime() - new Date(timers[0].due_at).getTime()).toBe(86_400_000);

    expect((await po.post(`/api/tasks/${task.id}/comments`, { body: '' })).status).toBe(400);
    expect((await po.post(`/api/tasks/${task.id}/comments`, { body: 'x'.repeat(5001) })).status).toBe(400);
    expect(
      (await po.post(`/api/tasks/${task.id}/comments`, { body: 'Evidence is in the shared drive.' })).status,
    ).toBe(201);
    const comments = await manager.get(`/api/tasks/${task.id}/comments`);
    expect(comments.body.items).toEqual([
      expect.objectContaining({ body: 'Evidence is in the shared drive.', authorName: 'Pia Process-Owner' }),
    ]);
    const history = (await manager.get(`/api/process-instances/${task.instanceId}/history`)).body.items.map(
      (h: { kind: string }) => h.kind,
    );
    expect(history).toEqual(expect.arrayContaining(['task.assigned', 'task.due-changed', 'task.commented']));
  });

  it('GET /api/inbox/people lists the active people of the organisation for any task worker, not external auditors', async () => {
    const people = await owner.get('/api/inbox/people');
    expect(people.status).toBe(200);
    expect(people.body.items).toEqual(
      expect.arrayContaining([{ id: poId, name: 'Pia Process-Owner', email: 'po@acme.example' }]),
    );
    expect(people.body.items.every((p: object) => Object.keys(p).sort().join() === 'email,id,name')).toBe(
      true,
    );
    const external = await t.login('external@acme.example');
    expect((await external.get('/api/inbox/people')).status).toBe(403);
  });

  it('saves, lists and deletes views per user', async () => {
    const saved = await owner.post('/api/inbox/views', {
      name: 'Overdue',
      query: { filter: 'mine', overdue: true, sort: 'priority' },
    });
    expect(saved.status).toBe(201);
    expect((await owner.post('/api/inbox/views', { name: 'Bad', query: { sort: 'alphabet' } })).status).toBe(
      400,
    );
    expect((await owner.get('/api/inbox/views')).body.items).toEqual([
      expect.objectContaining({
        name: 'Overdue',
        query: { filter: 'mine', overdue: true, sort: 'priority' },
      }),
    ]);
    expect((await po.get('/api/inbox/views')).body.items).toEqual([]);
    expect((await po.request('DELETE', `/api/inbox/views/${saved.body.id}`)).status).toBe(404);
    expect((await owner.request('DELETE', `/api/inbox/views/${saved.body.id}`)).status).toBe(204);
    expect((await owner.get('/api/inbox/views')).body.items).toEqual([]);
  });

  it('GET /api/inbox/events streams task changes to a fetch reader', async () => {
    const [task] = (await owner.get('/api/inbox?filter=available')).body.items;
    const { done } = await readEvents(
      `${t.baseUrl}/api/inbox/events`,
      owner.cookie!,
      (e) => e.event === 'task' && e.data.id === task.id,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect((await owner.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    const events = await done;
    expect(events).toContainEqual({ event: 'task', data: { id: task.id, change: 'claimed' } });
  });

  it('delivers a change made through one API process to SSE clients of another (PostgreSQL only)', async () => {
    if (t.driver !== 'postgres') return; // LISTEN/NOTIFY does not cross connections on PGlite
    const url = (t.dataSource.options as { url: string }).url;
    const config = {
      ...loadConfig({}),
      databaseUrl: url,
      logRequests: false,
      webDist: '/nonexistent',
      seedDemo: false,
    };
    const database = await Database.open(config);
    const { app } = await createApp(config, { database });
    await app.listen(0, '127.0.0.1');
    try {
      const second = `http://127.0.0.1:${app.getHttpServer().address().port}`;
      const [task] = (await owner.get('/api/inbox?filter=available')).body.items;
      const { done } = await readEvents(
        `${second}/api/inbox/events`,
        owner.cookie!,
        (e) => e.data?.id === task.id,
      );
      await new Promise((r) => setTimeout(r, 300));
      expect((await owner.post(`/api/tasks/${task.id}/claim`)).status).toBe(200); // through the first process
      expect(await done).toContainEqual({ event: 'task', data: { id: task.id, change: 'claimed' } });
    } finally {
      await app.close();
      await database.close();
    }
  });
});
