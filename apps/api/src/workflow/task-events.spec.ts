import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';
import { TaskEvents } from './task-events.service';

const machine = {
  id: 'live-task',
  initial: 'work',
  states: {
    work: {
      meta: { task: { form: 'generic-task', title: 'Live task', candidateRole: 'contributor' } },
      on: { SUBMIT: 'done' },
    },
    done: { type: 'final' },
  },
};

interface SseBlock {
  event?: string;
  data?: any;
  comment?: string;
}

/** Reads raw Server-Sent Events blocks until `until` matches one, or times out. */
async function readSse(url: string, cookie: string, until: (b: SseBlock) => boolean, timeoutMs = 15_000) {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const seen: SseBlock[] = [];
  let raw = '';
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const done = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const chunk = decoder.decode(value, { stream: true });
        raw += chunk;
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut).replace(/^\n+/, '');
          buffer = buffer.slice(cut + 2);
          if (!block) continue;
          const data = /^data: (.*)$/m.exec(block)?.[1];
          const parsed: SseBlock = {
            event: /^event: (.*)$/m.exec(block)?.[1],
            data: data ? JSON.parse(data) : undefined,
            comment: /^: ?(.*)$/m.exec(block)?.[1],
          };
          seen.push(parsed);
          if (until(parsed)) {
            controller.abort();
            return { seen, raw };
          }
        }
      }
    } catch {
      // aborted
    } finally {
      clearTimeout(timer);
    }
    return { seen, raw };
  })();
  return done;
}

describe('live task events', () => {
  let t: TestApp;
  let owner: ApiClient;
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, { SSE_HEARTBEAT_MS: '200', TIMER_POLL_MS: '0' });
    t = await startTestApp();
    owner = await t.login('owner@acme.example');
    const admin = await t.login('admin@acme.example');
    expect(
      (await admin.post('/api/workflow-definitions', { key: 'live-task', name: 'Live', machine })).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    process.env = saved;
  });

  async function newTask(): Promise<string> {
    const manager = await t.login('manager@acme.example');
    const res = await manager.post('/api/process-instances', { definitionKey: 'live-task' });
    expect(res.status).toBe(201);
    return res.body.openTasks[0].id;
  }

  it('sends a ": ping" comment every SSE_HEARTBEAT_MS', async () => {
    const started = Date.now();
    let pings = 0;
    const { seen, raw } = await readSse(
      `${t.baseUrl}/api/inbox/events`,
      owner.cookie!,
      (b) => b.comment === 'ping' && ++pings === 3,
      5_000,
    );
    expect(seen.filter((b) => b.comment === 'ping')).toHaveLength(3);
    expect(raw).toContain(': ping\n\n');
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it('reconnects the LISTEN connection after pg_terminate_backend, and events reach SSE again (PostgreSQL only)', async () => {
    if (t.driver !== 'postgres') return; // the embedded database emits in process, without LISTEN
    const events = t.app.get(TaskEvents);
    const before = events.listenerPid;
    expect(before).toEqual(expect.any(Number));
    const [{ ok }] = await t.dataSource.query('SELECT pg_terminate_backend($1) AS ok', [before]);
    expect(ok).toBe(true);
    // The first retry comes after 0.5 s.
    for (let i = 0; i < 100 && (!events.listenerPid || events.listenerPid === before); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(events.listenerPid).toEqual(expect.any(Number));
    expect(events.listenerPid).not.toBe(before);
    const [listening] = await t.dataSource.query(
      `SELECT pid FROM pg_stat_activity WHERE pid = $1 AND query LIKE 'LISTEN%'`,
      [events.listenerPid],
    );
    expect(listening).toBeDefined();

    const taskId = await newTask();
    const reading = readSse(`${t.baseUrl}/api/inbox/events`, owner.cookie!, (b) => b.data?.id === taskId);
    await new Promise((r) => setTimeout(r, 300));
    expect((await owner.post(`/api/tasks/${taskId}/claim`)).status).toBe(200);
    const { seen } = await reading;
    expect(seen).toContainEqual(
      expect.objectContaining({ event: 'task', data: { id: taskId, change: 'claimed' } }),
    );
  });
});
