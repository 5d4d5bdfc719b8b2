import { startTestApp, type ApiClient, type TestApp } from '../../testing/test-app';
import { encodeCursor } from '../pagination/cursor';
import { MAX_JSON_DEPTH } from './bad-input';

/**
 * Replays the bad inputs of the security review (V13, V16 "impossible dates"): every one answers a
 * 4xx in the one error shape, naming the field, and never a 500.
 */
describe('bad input answers a 4xx naming the field (V13)', () => {
  let t: TestApp;
  let manager: ApiClient;
  let admin: ApiClient;
  let taskId: string;
  let instanceId: string;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.login('manager@acme.example');
    admin = await t.login('admin@acme.example');
    const owner = (await admin.get('/api/users?search=owner@acme')).body.items[0];
    const started = await manager.post('/api/process-instances', {
      definitionKey: 'document-approval',
      input: { ownerId: owner.id, title: 'Bad input' },
    });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
    taskId = started.body.openTasks[0].id;
  });
  afterAll(() => t.close());

  /** Sends a body as is (not through JSON.stringify), as the review's probes did. */
  async function raw(client: ApiClient, method: string, path: string, body: string) {
    const res = await fetch(t.baseUrl + path, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-requested-with': 'aimsflow',
        ...(client.cookie ? { cookie: client.cookie } : {}),
      },
      body,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: the assertions below report it
    }
    return { status: res.status, body: parsed as Record<string, unknown> };
  }

  const deep = (n: number) => '{"data":' + '['.repeat(n) + ']'.repeat(n) + '}';
  const b64 = (text: string) => Buffer.from(text).toString('base64url');

  type Probe = {
    name: string;
    /** The RFC 6901 pointer the problem's `errors` must name (problem.ts: `/query/…`, `/params/…`). */
    pointer: string;
    who?: 'manager' | 'admin';
    get?: string;
    send?: { method: 'POST' | 'PUT' | 'PATCH'; path: string; body: unknown };
    rawBody?: { method: 'POST' | 'PUT'; path: string; body: string };
    status?: number;
  };

  const probes: Probe[] = [
    // Forged cursors: the right shape, a wrong value type (V13: PostgreSQL cast errors answered 500).
    {
      name: 'instances cursor with not-a-date',
      pointer: '/query/cursor',
      get: `/api/process-instances?cursor=${encodeCursor(['not-a-date', '00000000-0000-4000-8000-000000000000'])}`,
    },
    {
      name: 'instances cursor with not-a-uuid',
      pointer: '/query/cursor',
      get: `/api/process-instances?cursor=${encodeCursor([new Date().toISOString(), 'not-a-uuid'])}`,
    },
    {
      name: 'instances cursor with a number',
      pointer: '/query/cursor',
      get: `/api/process-instances?cursor=${encodeCursor([1e308, 'abc'])}`,
    },
    {
      name: 'instances cursor with an impossible date',
      pointer: '/query/cursor',
      get: `/api/process-instances?cursor=${encodeCursor(['2026-02-30T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'])}`,
    },
    {
      name: 'instances cursor not base64 JSON',
      pointer: '/query/cursor',
      get: '/api/process-instances?cursor=%%%',
    },
    {
      name: 'instances cursor of the wrong length',
      pointer: '/query/cursor',
      get: `/api/process-instances?cursor=${encodeCursor([1])}`,
    },
    {
      name: 'users cursor with not-a-uuid',
      pointer: '/query/cursor',
      who: 'admin',
      get: `/api/users?cursor=${encodeCursor(['a', 'not-a-uuid'])}`,
    },
    {
      name: 'users cursor with an object',
      pointer: '/query/cursor',
      who: 'admin',
      get: `/api/users?cursor=${encodeCursor([{ a: 1 }, '00000000-0000-4000-8000-000000000000'])}`,
    },
    {
      name: 'users cursor with NUL',
      pointer: '/query/cursor',
      who: 'admin',
      get: `/api/users?cursor=${encodeCursor(['a\u0000', '00000000-0000-4000-8000-000000000000'])}`,
    },
    {
      name: 'forms cursor with NUL',
      pointer: '/query/cursor',
      get: `/api/forms?cursor=${encodeCursor(['x\u0000'])}`,
    },
    {
      name: 'inbox cursor with not-a-date',
      pointer: '/query/cursor',
      get: `/api/inbox?cursor=${encodeCursor(['due', 'not-a-date', '00000000-0000-4000-8000-000000000000'])}`,
    },
    {
      name: 'inbox cursor with 1e308 priority',
      pointer: '/query/cursor',
      get: `/api/inbox?sort=priority&cursor=${encodeCursor(['priority', 1e308, '00000000-0000-4000-8000-000000000000'])}`,
    },
    {
      name: 'inbox cursor of another sort',
      pointer: '/query/cursor',
      get: `/api/inbox?sort=created&cursor=${encodeCursor(['due', 'infinity', '00000000-0000-4000-8000-000000000000'])}`,
    },
    { name: 'inbox cursor garbled', pointer: '/query/cursor', get: `/api/inbox?cursor=${b64('["due",')}` },
    // Impossible dates (strict ISO 8601 calendar dates).
    { name: 'dueBefore=2026-02-30', pointer: '/query/dueBefore', get: '/api/inbox?dueBefore=2026-02-30' },
    { name: 'dueAfter=2026-13-01', pointer: '/query/dueAfter', get: '/api/inbox?dueAfter=2026-13-01' },
    {
      name: 'dueBefore=2026-02-29 (not a leap year)',
      pointer: '/query/dueBefore',
      get: '/api/inbox?dueBefore=2026-02-29',
    },
    {
      name: 'dueAfter=2026-04-31T10:00:00Z',
      pointer: '/query/dueAfter',
      get: '/api/inbox?dueAfter=2026-04-31T10:00:00Z',
    },
    {
      name: 'dueBefore=2026-01-01T24:00:00Z',
      pointer: '/query/dueBefore',
      get: '/api/inbox?dueBefore=2026-01-01T24:00:00Z',
    },
    {
      name: 'task due 2026-02-30',
      pointer: '/dueAt',
      send: { method: 'PUT', path: '/api/tasks/:task/due', body: { dueAt: '2026-02-30' } },
    },
    {
      name: 'task due 2027-02-29',
      pointer: '/dueAt',
      send: { method: 'PUT', path: '/api/tasks/:task/due', body: { dueAt: '2027-02-29T09:00:00Z' } },
    },
    {
      name: 'saved view with dueBefore 2026-13-01',
      pointer: '/query/dueBefore',
      send: {
        method: 'POST',
        path: '/api/inbox/views',
        body: { name: 'v', query: { dueBefore: '2026-13-01' } },
      },
    },
    {
      name: 'user expiresAt 2026-02-30',
      pointer: '/expiresAt',
      who: 'admin',
      send: {
        method: 'POST',
        path: '/api/users',
        body: { email: 'x1@acme.example', name: 'X', roles: ['external-auditor'], expiresAt: '2026-02-30' },
      },
    },
    {
      name: 'user update expiresAt 2026-02-29',
      pointer: '/expiresAt',
      who: 'admin',
      send: { method: 'PATCH', path: '/api/users/:owner', body: { expiresAt: '2026-02-29' } },
    },
    // Integers out of range.
    { name: 'limit=1e20', pointer: '/query/limit', get: '/api/process-instances?limit=1e20' },
    { name: 'limit=-1', pointer: '/query/limit', get: '/api/users?limit=-1', who: 'admin' },
    { name: 'limit=1.5', pointer: '/query/limit', get: '/api/forms?limit=1.5' },
    { name: 'limit=abc', pointer: '/query/limit', get: '/api/inbox?limit=abc' },
    {
      name: 'start with version 2^31',
      pointer: '/version',
      send: {
        method: 'POST',
        path: '/api/process-instances',
        body: { definitionKey: 'document-approval', version: 2 ** 31 },
      },
    },
    {
      name: 'start with version 1e20',
      pointer: '/version',
      send: {
        method: 'POST',
        path: '/api/process-instances',
        body: { definitionKey: 'document-approval', version: 1e20 },
      },
    },
    {
      name: 'definition version 99999999999999999999 in the path',
      pointer: '/params/version',
      get: '/api/workflow-definitions/document-approval/versions/99999999999999999999',
    },
    {
      name: 'definition version 2147483648 in the path',
      pointer: '/params/version',
      get: '/api/workflow-definitions/document-approval/versions/2147483648',
    },
    {
      name: 'form version 2147483648 in the path',
      pointer: '/params/version',
      get: '/api/forms/document-draft/versions/2147483648',
    },
    {
      name: 'form export version 1e10',
      pointer: '/query/version',
      get: '/api/forms/document-draft/export?version=10000000000',
    },
    {
      name: 'draft baseVersion 2^31',
      pointer: '/baseVersion',
      who: 'admin',
      send: {
        method: 'PUT',
        path: '/api/forms/x-form/draft',
        body: { schema: {}, uiSchema: {}, baseVersion: 2 ** 31 },
      },
    },
    // NUL and lone surrogates in any text of any JSON body (PostgreSQL refuses them).
    {
      name: 'NUL in a comment',
      pointer: '/body',
      send: { method: 'POST', path: '/api/tasks/:task/comments', body: { body: 'a\u0000b' } },
    },
    {
      name: 'lone high surrogate in a comment',
      pointer: '/body',
      send: { method: 'POST', path: '/api/tasks/:task/comments', body: { body: 'a\ud800b' } },
    },
    {
      name: 'lone low surrogate in a user name',
      pointer: '/name',
      who: 'admin',
      send: {
        method: 'POST',
        path: '/api/users',
        body: { email: 'x2@acme.example', name: '\udc00', roles: ['contributor'] },
      },
    },
    {
      name: 'NUL in a view name',
      pointer: '/name',
      send: { method: 'POST', path: '/api/inbox/views', body: { name: 'v\u0000', query: {} } },
    },
    {
      name: 'NUL in a businessKey',
      pointer: '/businessKey',
      send: {
        method: 'POST',
        path: '/api/process-instances',
        body: { definitionKey: 'document-approval', businessKey: 'k\u0000' },
      },
    },
    {
      name: 'NUL deep in start input',
      pointer: '/input/title',
      send: {
        method: 'POST',
        path: '/api/process-instances',
        body: { definitionKey: 'document-approval', input: { title: '\u0000' } },
      },
    },
    {
      name: 'lone surrogate in task data (a form submission)',
      pointer: '/data/note',
      send: {
        method: 'POST',
        path: '/api/tasks/:task/complete',
        body: { data: { done: true, note: 'x\ud83d' } },
      },
    },
    {
      name: 'NUL in an array in task data',
      pointer: '/data/list/1',
      send: {
        method: 'POST',
        path: '/api/tasks/:task/complete',
        body: { data: { list: ['ok', 'no\u0000'] } },
      },
    },
    {
      name: 'NUL in a property name',
      pointer: '/data/a\u0000',
      send: { method: 'POST', path: '/api/tasks/:task/complete', body: { data: { 'a\u0000': 1 } } },
    },
    {
      name: 'NUL in validate data',
      pointer: '/data',
      send: {
        method: 'POST',
        path: '/api/forms/document-draft/versions/1/validate',
        body: { data: '\u0000' },
      },
    },
    {
      name: 'NUL in an event type',
      pointer: '/type',
      send: { method: 'POST', path: '/api/process-instances/:instance/events', body: { type: 'A\u0000' } },
    },
    {
      name: 'NUL in a decision comment',
      pointer: '/comment',
      send: {
        method: 'POST',
        path: '/api/approvals/00000000-0000-4000-8000-000000000000/decisions',
        body: { decision: 'reject', comment: '\u0000' },
      },
    },
    {
      name: 'NUL in the users search',
      pointer: '/query/search',
      who: 'admin',
      get: '/api/users?search=a%00b',
    },
    { name: 'NUL in the inbox text search', pointer: '/query/q', get: '/api/inbox?q=%00' },
    // Nesting beyond MAX_JSON_DEPTH, and malformed JSON.
    {
      name: 'task data nested 10,000 deep',
      pointer: '/data',
      rawBody: { method: 'POST', path: '/api/tasks/:task/complete', body: deep(10_000) },
    },
    {
      name: 'start input nested 10,000 deep',
      pointer: '/input',
      rawBody: {
        method: 'POST',
        path: '/api/process-instances',
        body:
          '{"definitionKey":"document-approval","input":' +
          '{"a":'.repeat(10_000) +
          '1' +
          '}'.repeat(10_000) +
          '}',
      },
    },
    {
      name: 'validate data nested 100,000 deep',
      pointer: '/data',
      rawBody: { method: 'POST', path: '/api/forms/document-draft/versions/1/validate', body: deep(100_000) },
    },
    {
      name: `nested ${MAX_JSON_DEPTH + 1} deep`,
      pointer: '/data',
      rawBody: { method: 'POST', path: '/api/tasks/:task/complete', body: deep(MAX_JSON_DEPTH) },
    },
    {
      name: 'malformed JSON',
      pointer: '',
      rawBody: { method: 'POST', path: '/api/process-instances', body: '{"definitionKey": ' },
    },
    {
      name: 'malformed JSON (trailing comma)',
      pointer: '',
      rawBody: { method: 'POST', path: '/api/tasks/:task/comments', body: '{"body":"x",}' },
    },
  ];

  it.each(probes)('$name → 4xx problem pointing to "$pointer"', async (probe) => {
    const client = probe.who === 'admin' ? admin : manager;
    const owner = (await admin.get('/api/users?search=owner@acme')).body.items[0].id as string;
    const fill = (path: string) =>
      path.replace(':task', taskId).replace(':instance', instanceId).replace(':owner', owner);
    const res = probe.get
      ? await client.get(fill(probe.get))
      : probe.send
        ? await client.request(probe.send.method, fill(probe.send.path), probe.send.body)
        : await raw(client, probe.rawBody!.method, fill(probe.rawBody!.path), probe.rawBody!.body);
    const status = probe.status ?? 400;
    expect({ status: res.status, body: res.body }).toMatchObject({
      status,
      body: { type: 'about:blank', title: expect.any(String), status, detail: expect.any(String) },
    });
    const pointers = ((res.body as { errors?: { pointer: string }[] }).errors ?? []).map((e) => e.pointer);
    expect(pointers).toContain(probe.pointer);
  });

  it('accepts nesting up to the documented depth and valid dates (no false alarms)', async () => {
    const ok = await raw(
      manager,
      'POST',
      '/api/forms/document-draft/versions/1/validate',
      deep(MAX_JSON_DEPTH - 2),
    );
    expect(ok.status).not.toBe(400);
    for (const date of ['2028-02-29', '2026-12-31T23:59:59Z', '2026-06-01T10:00:00.123456+02:00']) {
      const res = await manager.get(`/api/inbox?dueBefore=${encodeURIComponent(date)}`);
      expect(res.status).toBe(200);
    }
    // An emoji (a valid surrogate pair) is text like any other.
    const comment = await manager.post(`/api/tasks/${taskId}/comments`, { body: 'ok 🙂' });
    expect(comment.status).toBe(201);
  });

  it('the tasks stayed open and nothing was half-written', async () => {
    const task = await manager.get(`/api/tasks/${taskId}`);
    expect(task.body.status).toBe('open');
  });
});
