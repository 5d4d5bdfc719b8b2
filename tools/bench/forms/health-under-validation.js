#!/usr/bin/env node
/*
 * `/api/health` latency while heavy form validations run concurrently over HTTP. Starts the built
 * API on the embedded database (PGlite, fresh temporary DATA_DIR, demo seed), publishes the slowest
 * schemas the schema check accepts (libs/form-schema/src/bench/slow-schemas.bench.ts), then for
 * `--seconds` runs `--clients` loops of `POST /api/forms/:key/versions/1/validate` with ~10 KB
 * submissions (those forms and the built-in ones) while one loop polls `/api/health` every 50 ms.
 * Loopback only; stops the API and removes the DATA_DIR itself.
 *
 *   npm run build:api && node tools/bench/forms/health-under-validation.js [--clients 4] [--seconds 15]
 *
 * Prints one JSON line: {health: {p50Ms, p95Ms, maxMs, samples}, validations: {...}, perForm: {...}}.
 * Target: health p95 ≤ 100 ms.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('../lib/harness');

function loadBenchCases() {
  const { transformSync } = require('@swc/core');
  const previous = require.extensions['.ts'];
  require.extensions['.ts'] = (module, filename) => {
    const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
  try {
    const bench = require(path.join(h.ROOT, 'libs/form-schema/src/bench/slow-schemas.bench.ts'));
    return { adversarial: bench.adversarialCases(), builtIn: bench.builtInFormCases(h.ROOT) };
  } finally {
    require.extensions['.ts'] = previous;
  }
}

const summary = (values) => ({
  count: values.length,
  p50Ms: h.round(h.percentile(values, 50)),
  p95Ms: h.round(h.percentile(values, 95)),
  maxMs: h.round(values.length ? Math.max(...values) : null),
});

async function run(options = {}) {
  const o = { clients: 4, seconds: 15, ...options };
  h.requireBuiltApi();
  const { adversarial, builtIn } = loadBenchCases();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aimsflow-forms-bench-'));
  let api;
  try {
    api = await h.startApi({
      env: { DATABASE_URL: '', DATA_DIR: dataDir, AIMSFLOW_SEED_DEMO: 'true', TIMER_POLL_MS: '1000' },
      label: 'forms bench api',
      healthTimeoutMs: 120_000,
    });
    h.log(`API up on ${api.baseUrl} in ${Math.round(api.readyMs)} ms`);
    const admin = await h.login(api.baseUrl, 'admin@acme.example');
    const owner = await h.login(api.baseUrl, 'owner@acme.example');

    // Publish the adversarial schemas as forms; the built-in forms are already published as v1.
    const targets = [];
    for (const [i, c] of adversarial.entries()) {
      const key = `bench-slow-${i + 1}`;
      const created = await admin.request('POST', '/api/forms', {
        key,
        title: c.name,
        schema: c.schema,
        uiSchema: {},
      });
      if (created.status !== 201) {
        h.log(`not accepted: ${c.name} → ${created.status} ${JSON.stringify(created.body).slice(0, 300)}`);
        continue;
      }
      await admin.call('POST', `/api/forms/${key}/publish`, { changeNote: 'bench' });
      targets.push({ key, name: c.name, data: c.data });
    }
    for (const c of builtIn)
      targets.push({ key: c.name.replace(/^built-in /, ''), name: c.name, data: c.data });

    // Warm up: compile every validator once (a cache miss compiles; that is not what is measured).
    for (const t of targets) await owner.post(`/api/forms/${t.key}/versions/1/validate`, { data: t.data });

    const deadline = Date.now() + o.seconds * 1000;
    const healthMs = [];
    const validateMs = [];
    const perForm = {};
    const statuses = {};
    const poll = (async () => {
      while (Date.now() < deadline) {
        const started = process.hrtime.bigint();
        const res = await h.request('GET', `${api.baseUrl}/api/health`, undefined, undefined, 10_000);
        healthMs.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (res.status !== 200)
          statuses[`health ${res.status}`] = (statuses[`health ${res.status}`] ?? 0) + 1;
        await h.sleep(50);
      }
    })();
    const clients = Array.from({ length: o.clients }, async (_, client) => {
      for (let i = client; Date.now() < deadline; i++) {
        const t = targets[i % targets.length];
        const started = process.hrtime.bigint();
        const res = await owner.post(`/api/forms/${t.key}/versions/1/validate`, { data: t.data });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        validateMs.push(ms);
        (perForm[t.name] ??= []).push(ms);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    });
    await Promise.all([poll, ...clients]);
    const perFormSummary = Object.fromEntries(
      Object.entries(perForm).map(([name, values]) => [name, summary(values)]),
    );
    return {
      clients: o.clients,
      seconds: o.seconds,
      forms: targets.length,
      health: summary(healthMs),
      validations: { ...summary(validateMs), statuses },
      slowestForm: Object.entries(perFormSummary).sort((a, b) => b[1].maxMs - a[1].maxMs)[0],
      perForm: perFormSummary,
      targetHealthMs: 100,
      cpus: os.cpus().length,
      loadAvg: h.round(os.loadavg()[0], 2),
    };
  } finally {
    if (api) await api.stop('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

module.exports = { run };

if (require.main === module) {
  const o = h.parseArgs({ clients: 4, seconds: 15 });
  run(o).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
