#!/usr/bin/env node
/*
 * Engine throughput benchmark: task completions per second through the HTTP API against a real
 * PostgreSQL server, compared with pgbench (TPC-B-like) on the same server, in the same run.
 *
 *   npm run build:api
 *   DATABASE_URL=postgres://aimsflow:aimsflow@127.0.0.1:5432/aimsflow \
 *     node tools/bench/engine/run.js [--clients 8 | --clients 1,8,16,32] [--seconds 20] [--instances-per-client 1]
 *       [--database-url URL] [--profile] [--cpu-prof DIR] [--skip-pgbench] [--sync-commit off] [--keep]
 *   node tools/bench/engine/cpu-profile-summary.js DIR/*.cpuprofile   # self time by package
 *
 * What it does: creates a fresh database, starts the built API on it (demo seed), deploys a
 * two-state loop (a ⇄ b, each state opens a `generic-task` assigned to owner@acme.example), starts
 * one instance per client, then each client loops {POST /api/tasks/:id/complete; GET the instance
 * for its next open task}. Afterwards `pgbench -i -s 1` + `pgbench -c N -j 2 -T S` on another fresh
 * database. `--sync-commit off` (diagnostic) sets it on the engine database only. `--profile` preloads query-counter.js into the API and reports statements per completion.
 *
 * Prints one JSON line per client count: {completionsPerSec, p50Ms, p99Ms, pgbenchTps, ratio, clients,
 * seconds, apiMaxRssMb, bytesPerCompletedTask, ...details}; with a list of client counts, then one
 * summary line {summary: [{clients, completionsPerSec, p50Ms, pgbenchTps, ratio}], ratioAt8, scaling}
 * where scaling compares the highest client count's completions/s with 8 clients' (target ≥ 1.0).
 */
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const { Client } = require('pg');
const h = require('../lib/harness');

const run = promisify(execFile);
const TABLES = ['tasks', 'history_records', 'process_instances', 'timers', 'outbox_messages'];

const LOOP = {
  id: 'bench-loop',
  initial: 'a',
  context: { ownerId: null },
  states: {
    a: {
      meta: { task: { form: 'generic-task', title: 'Loop A', assignee: '{{context.ownerId}}' } },
      on: { SUBMIT: 'b', STOP: 'done' },
    },
    b: {
      meta: { task: { form: 'generic-task', title: 'Loop B', assignee: '{{context.ownerId}}' } },
      on: { SUBMIT: 'a', STOP: 'done' },
    },
    done: { type: 'final' },
  },
};

/** Completes the instance's open task and moves to its next one (two requests). */
async function completeOnce(owner, inst) {
  await owner.call('POST', `/api/tasks/${inst.taskId}/complete`, { data: { done: true } }, [200]);
  const view = await owner.call('GET', `/api/process-instances/${inst.id}`, undefined, [200]);
  inst.taskId = view.openTasks[0].id;
}

/** user + system CPU time of a process in ms (from /proc/<pid>/stat; clock ticks of 10 ms on Linux). */
function cpuMs(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function tableSizes(db) {
  const { rows } = await db.query(
    `SELECT t AS table, pg_total_relation_size(t::regclass)::bigint AS bytes FROM unnest($1::text[]) t`,
    [TABLES],
  );
  return Object.fromEntries(rows.map((r) => [r.table, Number(r.bytes)]));
}

async function dbCounters(db) {
  const { rows } = await db.query(
    `SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_returned, tup_fetched
       FROM pg_stat_database WHERE datname = current_database()`,
  );
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
}

async function engineRun(o) {
  const db = await h.createDatabase(o.databaseUrl, 'aimsflow_bench_engine');
  const statsFile = path.join(os.tmpdir(), `aimsflow-bench-queries-${process.pid}.json`);
  let api;
  const rssSamples = [];
  try {
    if (o.syncCommit !== 'on') {
      // Diagnostic only (`--sync-commit off`): how much of a completion is the commit's WAL flush.
      const c = new Client({ connectionString: db.url });
      await c.connect();
      await c.query(
        `ALTER DATABASE ${db.name} SET synchronous_commit = ${o.syncCommit === 'off' ? 'off' : 'on'}`,
      );
      await c.end();
    }
    h.log(`database ${db.name}; starting API`);
    api = await h.startApi({
      env: {
        DATABASE_URL: db.url,
        AIMSFLOW_SEED_DEMO: 'true',
        LOG_REQUESTS: 'false',
        API_WORKERS: String(o.workers),
        ...(o.profile ? { BENCH_QUERY_STATS: statsFile } : {}),
      },
      nodeArgs: [
        ...(o.profile ? ['-r', path.join(__dirname, 'query-counter.js')] : []),
        ...(o.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(o.cpuProf)}`] : []),
      ],
    });
    const sampler = setInterval(() => {
      // With API_WORKERS > 1 the API is the primary plus its workers: count them all.
      const mb =
        [api.pid, ...h.childPids(api.pid)].reduce((sum, pid) => sum + (h.rssMb(pid) ?? 0), 0) || undefined;
      if (mb !== undefined) rssSamples.push(mb);
    }, 500);
    try {
      return await drive(o, api, db, statsFile, rssSamples);
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await api?.stop();
    if (!o.keep) await db.drop().catch((e) => h.log(`drop failed: ${e.message}`));
    fs.rmSync(statsFile, { force: true });
  }
}

async function drive(o, api, db, statsFile, rssSamples) {
  const manager = await h.login(api.baseUrl, 'manager@acme.example');
  const owner = await h.login(api.baseUrl, 'owner@acme.example');
  // Deploying is an admin's power.
  const admin = await h.login(api.baseUrl, 'admin@acme.example');
  await admin.call('POST', '/api/workflow-definitions', {
    key: 'bench-loop',
    name: 'Bench loop',
    machine: LOOP,
  });

  const slots = Array.from({ length: o.clients * o.instancesPerClient }, (_, i) => i);
  const instances = await h.mapLimit(slots, 4, async () => {
    const instance = await manager.call('POST', '/api/process-instances', {
      definitionKey: 'bench-loop',
      input: { ownerId: owner.user.id },
    });
    return { id: instance.id, taskId: instance.openTasks[0].id };
  });

  // A short warm-up (JIT, pools, caches) that is not measured.
  await Promise.all(instances.slice(0, o.clients).map((inst) => completeOnce(owner, inst)));

  const stat = new Client({ connectionString: db.url });
  await stat.connect();
  const sizesBefore = await tableSizes(stat);
  const countersBefore = await dbCounters(stat);
  if (o.profile) process.kill(api.pid, 'SIGUSR2');
  await h.sleep(o.profile ? 200 : 0);
  const queriesBefore = o.profile ? JSON.parse(fs.readFileSync(statsFile, 'utf8')) : undefined;

  const cpuBefore = cpuMs(api.pid);
  const latencies = [];
  const getLatencies = [];
  let completions = 0;
  let requests = 0;
  let errors = 0;
  const errorSamples = [];
  const started = process.hrtime.bigint();
  const deadline = Date.now() + o.seconds * 1000;
  await Promise.all(
    Array.from({ length: o.clients }, async (_, c) => {
      const mine = instances.filter((_, i) => i % o.clients === c);
      let k = 0;
      while (Date.now() < deadline) {
        const inst = mine[k++ % mine.length];
        const t0 = process.hrtime.bigint();
        const res = await owner.request('POST', `/api/tasks/${inst.taskId}/complete`, {
          data: { done: true },
        });
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        requests++;
        if (res.status === 200) {
          completions++;
          latencies.push(ms);
        } else {
          errors++;
          if (errorSamples.length < 5)
            errorSamples.push(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
        // The completion answers with the tasks that opened next; fall back to reading the instance.
        const next = res.status === 200 ? res.body.nextTasks?.[0] : undefined;
        if (next) {
          inst.taskId = next.id;
          continue;
        }
        const t1 = process.hrtime.bigint();
        const view = await owner.request('GET', `/api/process-instances/${inst.id}`);
        getLatencies.push(Number(process.hrtime.bigint() - t1) / 1e6);
        requests++;
        if (view.status !== 200 || !view.body.openTasks?.[0])
          throw new Error(`instance ${inst.id}: ${view.status} ${JSON.stringify(view.body).slice(0, 300)}`);
        inst.taskId = view.body.openTasks[0].id;
      }
    }),
  );
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  const apiCpuMs = cpuMs(api.pid) - cpuBefore;

  let queries;
  if (o.profile) {
    process.kill(api.pid, 'SIGUSR2');
    await h.sleep(200);
    const after = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
    const beforeRows = new Map(queriesBefore.rows.map((r) => [r.statement, r]));
    const rows = after.rows
      .map((r) => ({
        statement: r.statement,
        count: r.count - (beforeRows.get(r.statement)?.count ?? 0),
        ms: r.ms - (beforeRows.get(r.statement)?.ms ?? 0),
      }))
      .filter((r) => r.count > 0)
      .sort((a, b) => b.count - a.count);
    queries = {
      statementsPerRequestPair: h.round((after.total - queriesBefore.total) / completions, 1),
      dbMsPerRequestPair: h.round((after.totalMs - queriesBefore.totalMs) / completions, 2),
      top: rows.slice(0, 30).map((r) => ({
        perCompletion: h.round(r.count / completions, 2),
        avgMs: h.round(r.ms / r.count, 3),
        statement: r.statement,
      })),
    };
  }

  const countersAfter = await dbCounters(stat);
  await stat.query('CHECKPOINT').catch(() => undefined);
  const sizesAfter = await tableSizes(stat);
  const [{ completed }] = (
    await stat.query(`SELECT count(*)::int AS completed FROM tasks WHERE status = 'completed'`)
  ).rows;
  await stat.end();

  const perTable = Object.fromEntries(
    TABLES.map((t) => [t, h.round((sizesAfter[t] - sizesBefore[t]) / completions, 0)]),
  );
  const grown = TABLES.reduce((n, t) => n + sizesAfter[t] - sizesBefore[t], 0);
  const counterDelta = Object.fromEntries(
    Object.keys(countersAfter).map((k) => [
      k,
      h.round((countersAfter[k] - countersBefore[k]) / completions, 1),
    ]),
  );
  return {
    completions,
    completedTasksInDb: completed,
    requests,
    errors,
    errorSamples,
    elapsedS: h.round(elapsedS, 2),
    completionsPerSec: h.round(completions / elapsedS, 1),
    requestsPerSec: h.round(requests / elapsedS, 1),
    p50Ms: h.round(h.percentile(latencies, 50)),
    p99Ms: h.round(h.percentile(latencies, 99)),
    getInstanceP50Ms: h.round(h.percentile(getLatencies, 50)),
    getInstanceP99Ms: h.round(h.percentile(getLatencies, 99)),
    apiMaxRssMb: h.round(Math.max(...rssSamples), 1),
    // CPU time of the API process (user + system) per completion (incl. the follow-up GET), and its share of one core.
    apiCpuMsPerCompletion: h.round(apiCpuMs / completions, 2),
    apiCpuCores: h.round(apiCpuMs / 1000 / elapsedS, 2),
    bytesPerCompletedTask: h.round(grown / completions, 0),
    bytesPerTable: perTable,
    perCompletionDbCounters: counterDelta,
    ...(queries ? { queries } : {}),
  };
}

async function pgbench(o) {
  const db = await h.createDatabase(o.databaseUrl, 'aimsflow_bench_pgbench');
  try {
    h.log(`pgbench -i -s 1 ${db.name}`);
    await run('pgbench', ['-i', '-s', '1', '-q', db.url], { maxBuffer: 1 << 24 });
    h.log(`pgbench -c ${o.clients} -j 2 -T ${o.seconds}`);
    const { stdout } = await run(
      'pgbench',
      ['-c', String(o.clients), '-j', String(Math.min(2, o.clients)), '-T', String(o.seconds), db.url],
      { maxBuffer: 1 << 24 },
    );
    const m =
      /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(
        stdout,
      );
    const lat = /latency average = ([\d.]+) ms/.exec(stdout);
    if (!m) throw new Error(`cannot read tps from pgbench output:\n${stdout}`);
    return { tps: Number(m[1]), latencyAvgMs: lat ? Number(lat[1]) : null };
  } finally {
    if (!o.keep) await db.drop().catch((e) => h.log(`drop failed: ${e.message}`));
  }
}

async function main() {
  const o = h.parseArgs({
    clients: '8',
    seconds: 20,
    workers: 1,
    instancesPerClient: 1,
    databaseUrl: process.env.DATABASE_URL,
    syncCommit: 'on',
    cpuProf: '',
    profile: false,
    skipPgbench: false,
    keep: false,
  });
  h.requireServerUrl(o.databaseUrl);
  h.requireBuiltApi();
  const counts = String(o.clients)
    .split(',')
    .map((c) => Number(c.trim()));
  if (counts.some((c) => !Number.isInteger(c) || c < 1)) throw new Error(`--clients: ${o.clients}`);
  const summary = [];
  for (const clients of counts) {
    const result = await runOnce({ ...o, clients });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    summary.push({
      clients,
      completionsPerSec: result.completionsPerSec,
      p50Ms: result.p50Ms,
      p99Ms: result.p99Ms,
      pgbenchTps: result.pgbenchTps,
      ratio: result.ratio,
    });
  }
  if (counts.length > 1) {
    const at8 = summary.find((r) => r.clients === 8);
    const top = summary.reduce((a, b) => (b.clients > a.clients ? b : a));
    process.stdout.write(
      `${JSON.stringify({
        summary,
        ratioAt8: at8?.ratio ?? null,
        scaling: at8
          ? { clients: top.clients, vs8: h.round(top.completionsPerSec / at8.completionsPerSec, 2) }
          : null,
        targets: { ratioAt8: 0.5, scalingVs8: 1.0, p50MsAt1: 5 },
      })}\n`,
    );
  }
}

/** One client count: the engine on a fresh database, then pgbench at the same count on another. */
async function runOnce(o) {
  h.log(`engine: ${o.clients} clients × ${o.seconds} s`);
  const loadAtStart = h.round(os.loadavg()[0], 2);
  const engine = await engineRun(o);
  h.log(`engine: ${engine.completionsPerSec} completions/s`);
  const bench = o.skipPgbench ? null : await pgbench(o);
  if (bench) h.log(`pgbench: ${bench.tps} tps`);
  return {
    completionsPerSec: engine.completionsPerSec,
    p50Ms: engine.p50Ms,
    p99Ms: engine.p99Ms,
    pgbenchTps: bench ? h.round(bench.tps, 1) : null,
    ratio: bench ? h.round(engine.completionsPerSec / bench.tps, 3) : null,
    clients: o.clients,
    apiWorkers: o.workers,
    seconds: o.seconds,
    apiMaxRssMb: engine.apiMaxRssMb,
    bytesPerCompletedTask: engine.bytesPerCompletedTask,
    targets: { ratio: 0.5, bytesPerCompletedTask: 5120, apiMaxRssMb: 300 },
    ...engine,
    pgbenchLatencyAvgMs: bench?.latencyAvgMs ?? null,
    syncCommit: o.syncCommit,
    cpus: os.cpus().length,
    loadAvgAtStart: loadAtStart,
  };
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
