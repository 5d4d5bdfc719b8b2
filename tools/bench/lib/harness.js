/*
 * Shared helpers for the benchmarks and the reliability suite: free ports, throw-away databases on a
 * PostgreSQL server, the built API as a child process, a small keep-alive JSON HTTP client, RSS.
 * Plain CommonJS, no build step. Loopback only.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../../..');
const API_MAIN = path.join(ROOT, 'dist/apps/api/main.js');

/** `--name value` / `--flag` arguments over defaults; numbers stay numbers. */
function parseArgs(defaults, argv = process.argv.slice(2)) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const key = a.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[key] = true;
    else {
      out[key] = typeof defaults[key] === 'number' ? Number(next) : next;
      i++;
    }
  }
  return out;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function requireBuiltApi() {
  if (!fs.existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npm run build:api\` first`);
}

function requireServerUrl(url) {
  if (!url) throw new Error('A PostgreSQL server URL is required: set DATABASE_URL or pass --database-url');
  return url;
}

/** Creates an empty database on the server; `drop()` removes it (forcing other sessions off). */
async function createDatabase(serverUrl, prefix) {
  const { Client } = require('pg');
  const name = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_');
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * Spawns `node dist/apps/api/main.js` with the given environment (PORT is chosen when absent) and
 * resolves once /api/health answers 200. Output is kept (last 2000 lines) for diagnostics.
 */
async function startApi({ env = {}, nodeArgs = [], healthTimeoutMs = 60_000, label = 'api' } = {}) {
  requireBuiltApi();
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...nodeArgs, API_MAIN], {
    cwd: ROOT,
    // A few demo users drive the load: the per-user request limit would measure itself, so it is off.
    env: {
      ...process.env,
      LOG_REQUESTS: 'false',
      API_RATE_LIMIT_PER_MINUTE: '0',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split('\n')) if (line) lines.push(line);
    if (lines.length > 2000) lines.splice(0, lines.length - 2000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const api = {
    label,
    child,
    pid: child.pid,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    exited,
    output: () => lines.join('\n'),
    lines,
    /** Milliseconds from spawn to the first healthy answer. */
    readyMs: undefined,
    async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
  try {
    await waitForHealth(api.baseUrl, healthTimeoutMs, exited);
  } catch (error) {
    await api.stop('SIGKILL');
    throw new Error(
      `${label} did not become healthy: ${error.message}\n--- output ---\n${lines.slice(-40).join('\n')}`,
      { cause: error },
    );
  }
  api.readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  return api;
}

async function waitForHealth(baseUrl, timeoutMs, exited) {
  const deadline = Date.now() + timeoutMs;
  let gone;
  exited?.then((r) => (gone = r));
  for (;;) {
    if (gone) throw new Error(`process exited (${JSON.stringify(gone)})`);
    try {
      const res = await request('GET', `${baseUrl}/api/health`, undefined, undefined, 1000);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`no 200 from ${baseUrl}/api/health within ${timeoutMs} ms`);
    await sleep(20);
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One JSON request over a keep-alive agent; resolves {status, body}. */
function request(method, url, body, token, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          accept: 'application/json',
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            /* keep text */
          }
          resolve({ status: res.statusCode, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${url}`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** A client bound to a base URL and a bearer token; `call` throws on an unexpected status. */
function client(baseUrl, token) {
  const c = {
    token,
    request: (method, p, body) => request(method, baseUrl + p, body, token),
    get: (p) => c.request('GET', p),
    post: (p, body = {}) => c.request('POST', p, body),
    async call(method, p, body, expected = [200, 201]) {
      const res = await c.request(method, p, body);
      if (!expected.includes(res.status)) {
        throw new Error(`${method} ${p} → ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
      }
      return res.body;
    },
  };
  return c;
}

async function login(baseUrl, email, password = 'aimsflow-demo') {
  const res = await request('POST', `${baseUrl}/api/auth/token`, { email, password });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`token for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  const c = client(baseUrl, res.body.token);
  const me = await c.call('GET', '/api/auth/me');
  c.user = me.user;
  return c;
}

/** Resident set size of a process in MB (VmRSS), or undefined when it is gone. */
/** Direct children of a process (API_WORKERS forks), from /proc. */
function childPids(pid) {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function percentile(values, p) {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const median = (xs) => percentile(xs, 50);
const round = (x, digits = 2) => (x === null || x === undefined ? x : Number(x.toFixed(digits)));

/** Runs `fn` over `items` with at most `limit` in flight. */
async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

const log = (m) => process.stderr.write(`${new Date().toISOString()} ${m}\n`);

module.exports = {
  ROOT,
  API_MAIN,
  parseArgs,
  freePort,
  requireBuiltApi,
  requireServerUrl,
  createDatabase,
  startApi,
  childPids,
  waitForHealth,
  request,
  client,
  login,
  rssMb,
  sleep,
  percentile,
  median,
  round,
  mapLimit,
  log,
};
