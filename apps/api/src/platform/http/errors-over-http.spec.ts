import net from 'node:net';
import { startTestApp, type ApiClient, type TestApp } from '../../testing/test-app';
import { createRootLogger } from '../logging/logging';
import { MAX_JSON_DEPTH } from './bad-input';
import { PROBLEM_CONTENT_TYPE } from './problem';

/** What the app logged: every write pino makes, as written (one JSON line each, we expect). */
class CapturedLog {
  readonly chunks: string[] = [];
  write(chunk: string): void {
    this.chunks.push(chunk);
  }
  get lines(): Record<string, unknown>[] {
    return this.chunks.flatMap((c) => c.split('\n').filter(Boolean)).map((l) => JSON.parse(l));
  }
  /** The request line of the request with this id (written when the response finishes). */
  async requestLine(requestId: string): Promise<Record<string, unknown>> {
    for (let waited = 0; waited < 5000; waited += 20) {
      const line = this.lines.find((l) => l.requestId === requestId && 'status' in l);
      if (line) return line;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no log line for request ${requestId}`);
  }
}

describe('errors over HTTP (problem+json) and the structured request log', () => {
  const log = new CapturedLog();
  let t: TestApp;
  let admin: ApiClient;
  let owner: ApiClient;
  let ownerId: string;
  let organizationId: string;
  let taskId: string;
  let sequence = 0;

  beforeAll(async () => {
    t = await startTestApp({ logDestination: log, logLevel: 'info' });
    admin = await t.login('admin@acme.example');
    owner = await t.login('owner@acme.example');
    const me = (await owner.get('/api/auth/me')).body.user;
    ownerId = me.id;
    [{ organization_id: organizationId }] = await t.dataSource.query(
      'SELECT organization_id FROM users WHERE id = $1',
      [ownerId],
    );
    const manager = await t.login('manager@acme.example');
    const started = await manager.post('/api/process-instances', {
      definitionKey: 'document-approval',
      input: { ownerId, title: 'Errors over HTTP' },
    });
    taskId = started.body.openTasks[0].id;
  });
  afterAll(() => t.close());

  /** A request with its own X-Request-Id, so its log line can be found. */
  async function send(
    path: string,
    init: { method?: string; body?: string; cookie?: string; headers?: Record<string, string> } = {},
  ) {
    const requestId = `test-${++sequence}`;
    const res = await fetch(t.baseUrl + path, {
      method: init.method ?? 'GET',
      headers: {
        'x-request-id': requestId,
        'x-requested-with': 'aimsflow',
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...init.headers,
      },
      body: init.body,
    });
    const text = await res.text();
    return { res, requestId, body: text ? JSON.parse(text) : undefined };
  }

  function expectProblem(
    reply: { res: Response; body: Record<string, unknown> },
    status: number,
    pointers?: string[],
  ) {
    expect(reply.res.status).toBe(status);
    expect(reply.res.headers.get('content-type')).toMatch(
      new RegExp(`^${PROBLEM_CONTENT_TYPE.replace('+', '\\+')}`),
    );
    expect(reply.body).toMatchObject({
      type: 'about:blank',
      title: expect.any(String),
      status,
      detail: expect.any(String),
      instance: expect.stringMatching(/^\/api\//),
    });
    for (const key of Object.keys(reply.body))
      expect([
        'type',
        'title',
        'status',
        'detail',
        'instance',
        'errors',
        'code',
        'allowed',
        'valid',
      ]).toContain(key);
    if (pointers) {
      const got = ((reply.body.errors ?? []) as { pointer: string }[]).map((e) => e.pointer);
      for (const p of pointers) expect(got).toContain(p);
    }
  }

  describe('every error is application/problem+json with pointers', () => {
    it('a DTO violation (400) points to each bad and each unknown field', async () => {
      const reply = await send('/api/users', {
        method: 'POST',
        cookie: admin.cookie,
        body: JSON.stringify({ email: 'not-an-email', name: 'X', roles: ['contributor'], extra: 1 }),
      });
      expectProblem(reply, 400, ['/email', '/extra']);
    });

    it('a forged cursor and an impossible date point into the query', async () => {
      expectProblem(await send('/api/process-instances?cursor=%25%25%25', { cookie: owner.cookie }), 400, [
        '/query/cursor',
      ]);
      expectProblem(await send('/api/inbox?dueBefore=2026-02-30', { cookie: owner.cookie }), 400, [
        '/query/dueBefore',
      ]);
    });

    it('NUL in text, JSON nested too deep and malformed JSON are 400s', async () => {
      const comment = `/api/tasks/${taskId}/comments`;
      expectProblem(
        await send(comment, {
          method: 'POST',
          cookie: owner.cookie,
          body: JSON.stringify({ body: 'a\u0000b' }),
        }),
        400,
        ['/body'],
      );
      const deep = '{"data":' + '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1) + '}';
      expectProblem(
        await send(`/api/tasks/${taskId}/complete`, { method: 'POST', cookie: owner.cookie, body: deep }),
        400,
        ['/data'],
      );
      expectProblem(await send(comment, { method: 'POST', cookie: owner.cookie, body: '{"body": ' }), 400, [
        '',
      ]);
    });

    it('a form submission that does not match its form (422) points into /data', async () => {
      const task = (await owner.get(`/api/tasks/${taskId}`)).body;
      const reply = await send(`/api/forms/${task.formKey}/versions/${task.formVersion}/validate`, {
        method: 'POST',
        cookie: owner.cookie,
        body: JSON.stringify({ data: { unexpected: true } }),
      });
      expectProblem(reply, 422);
      for (const e of reply.body.errors as { pointer: string }[]) expect(e.pointer).toMatch(/^\/data(\/|$)/);
    });

    it('an unknown route is a 404 problem', async () => {
      const reply = await send('/api/no-such-route', { cookie: owner.cookie });
      expectProblem(reply, 404);
      expect(reply.body.instance).toBe('/api/no-such-route');
    });

    it('401 without a session, 403 for the wrong role and for a cross-site write', async () => {
      expectProblem(await send('/api/users'), 401);
      expectProblem(await send('/api/users', { cookie: owner.cookie }), 403);
      const csrf = await send(`/api/tasks/${taskId}/comments`, {
        method: 'POST',
        cookie: owner.cookie,
        body: JSON.stringify({ body: 'x' }),
        headers: { 'x-requested-with': 'someone-else' },
      });
      expectProblem(csrf, 403);
      expect(csrf.body.detail).toMatch(/Cross-site request refused/);
    });
  });

  describe('one JSON log line per request', () => {
    it('names method, route, status, duration, request id, user and organisation; echoes the request id', async () => {
      const reply = await send(`/api/tasks/${taskId}`, { cookie: owner.cookie });
      expect(reply.res.status).toBe(200);
      expect(reply.res.headers.get('x-request-id')).toBe(reply.requestId);
      const line = await log.requestLine(reply.requestId);
      expect(line).toMatchObject({
        level: 'info',
        method: 'GET',
        route: '/api/tasks/:id',
        path: `/api/tasks/${taskId}`,
        status: 200,
        durationMs: expect.any(Number),
        userId: ownerId,
        organizationId,
      });
      expect(typeof line.time).toBe('string');
    });

    it('replaces a malformed X-Request-Id by a new one', async () => {
      const res = await fetch(`${t.baseUrl}/api/health`, {
        headers: { 'x-request-id': 'has spaces; and more' },
      });
      const id = res.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await log.requestLine(id!)).toMatchObject({ status: 200, method: 'GET' });
    });

    it('logs every 401 and 403 at warn with the actor, method, route and reason', async () => {
      const anonymous = await send('/api/users');
      expect(await log.requestLine(anonymous.requestId)).toMatchObject({
        level: 'warn',
        status: 401,
        method: 'GET',
        actor: 'anonymous',
        reason: anonymous.body.detail,
      });
      const forbidden = await send('/api/users', { cookie: owner.cookie });
      expect(await log.requestLine(forbidden.requestId)).toMatchObject({
        level: 'warn',
        status: 403,
        method: 'GET',
        route: '/api/users',
        actor: ownerId,
        userId: ownerId,
        reason: forbidden.body.detail,
      });
      // Refused before any route or guard ran: still one warn line, with the CSRF reason.
      const csrf = await send(`/api/tasks/${taskId}/comments`, {
        method: 'POST',
        cookie: owner.cookie,
        body: '{}',
        headers: { 'x-requested-with': 'nope' },
      });
      expect(await log.requestLine(csrf.requestId)).toMatchObject({
        level: 'warn',
        status: 403,
        method: 'POST',
        actor: 'anonymous',
        reason: expect.stringMatching(/Cross-site request refused/),
      });
    });

    it('never logs a cookie, a bearer token or a Set-Cookie', async () => {
      const login = await fetch(`${t.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-requested-with': 'aimsflow',
          'x-request-id': 'login-1',
        },
        body: JSON.stringify({ email: 'owner@acme.example', password: 'wrong-password' }),
      });
      expect(login.status).toBe(401);
      await send('/api/inbox', {
        cookie: owner.cookie,
        headers: { authorization: 'Bearer secret-bearer-token' },
      });
      await log.requestLine('login-1');
      const all = log.chunks.join('');
      const sessionValue = owner.cookie!.split('=')[1];
      expect(all).not.toContain(sessionValue);
      expect(all).not.toContain('secret-bearer-token');
      expect(all).not.toContain('wrong-password');
    });

    it('redacts cookie, authorization and set-cookie wherever a log carries headers', () => {
      const captured = new CapturedLog();
      const logger = createRootLogger('info', captured);
      logger.info({
        req: { headers: { cookie: 'sid=1', authorization: 'Bearer x', accept: '*/*' } },
        res: { headers: { 'set-cookie': 'sid=2' } },
      });
      expect(captured.lines[0]).toMatchObject({
        req: { headers: { cookie: '[Redacted]', authorization: '[Redacted]', accept: '*/*' } },
        res: { headers: { 'set-cookie': '[Redacted]' } },
      });
    });

    it('a newline or ANSI escape in a path, a header or a reason never makes a second log line', async () => {
      const before = log.chunks.length;
      const reply = await send('/api/no-such%0A%7B%22level%22%3A%22fatal%22%7D%1B%5B31m');
      expect(reply.res.status).toBe(404);
      const line = await log.requestLine(reply.requestId);
      expect(line.path).toBe('/api/no-such%0A%7B%22level%22%3A%22fatal%22%7D%1B%5B31m');

      // Node refuses raw control characters in the request line and headers before the app sees them.
      for (const raw of [
        'GET /api/health\u001b[31m HTTP/1.1\r\nHost: x\r\n\r\n',
        'GET /api/health HTTP/1.1\r\nHost: x\r\nX-Request-Id: a\u001b[31mb\r\n\r\n',
      ]) {
        const status = await rawRequest(raw);
        expect(status).toMatch(/^HTTP\/1\.1 400/);
      }

      // Whatever text reaches a log line, pino writes it JSON-encoded on that one line.
      const captured = new CapturedLog();
      createRootLogger('info', captured).warn({ reason: 'a\n{"level":"fatal"}\u001b[31m\r' }, 'refused');
      expect(captured.chunks).toHaveLength(1);
      expect(captured.chunks[0].indexOf('\n')).toBe(captured.chunks[0].length - 1);
      expect(captured.chunks[0]).not.toContain('\u001b');
      expect(captured.lines[0].reason).toBe('a\n{"level":"fatal"}\u001b[31m\r');

      for (const chunk of log.chunks.slice(before)) {
        expect(chunk.indexOf('\n')).toBe(chunk.length - 1);
        expect(chunk).not.toContain('\u001b');
      }
    });
  });

  function rawRequest(text: string): Promise<string> {
    const { port } = new URL(t.baseUrl);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(text));
      socket.once('data', (data) => {
        resolve(data.toString().split('\r\n')[0]);
        socket.destroy();
      });
      socket.once('error', reject);
    });
  }
});
