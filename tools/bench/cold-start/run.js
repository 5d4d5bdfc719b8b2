#!/usr/bin/env node
/*
 * Cold-start benchmark on the embedded database (PGlite): time from spawning
 * `node dist/apps/api/main.js` to the first 200 from /api/health.
 *   (a) first start on an empty DATA_DIR (initdb + migrations + demo seed)
 *   (b) restart on the same DATA_DIR
 *
 *   npm run build:api && node tools/bench/cold-start/run.js [--runs 3] [--seed true|false]
 *
 * Prints one JSON line: {firstStartMs:[...], restartMs:[...], medianFirst, medianRestart}. Target ≤ 5000 ms.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('../lib/harness');

async function main() {
  const o = h.parseArgs({ runs: 3, seed: 'true' });
  h.requireBuiltApi();
  const firstStartMs = [];
  const restartMs = [];
  // main.ts logs "ready in N ms" (config → listening: database, migrations, seed, Nest); the rest is Node + require().
  const firstAppMs = [];
  const restartAppMs = [];
  const appReady = (api) => {
    const m = /ready in (\d+) ms/.exec(api.output());
    return m ? Number(m[1]) : null;
  };
  for (let i = 0; i < o.runs; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aimsflow-cold-start-'));
    // No DATABASE_URL: the embedded database. Empty WEB_DIST so serving the web app is not part of it.
    const env = {
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      AIMSFLOW_SEED_DEMO: String(o.seed),
      LOG_REQUESTS: 'false',
      TIMER_POLL_MS: '1000',
    };
    try {
      const first = await h.startApi({ env, label: `first start ${i + 1}`, healthTimeoutMs: 120_000 });
      firstStartMs.push(Math.round(first.readyMs));
      firstAppMs.push(appReady(first));
      await first.stop('SIGTERM');
      const again = await h.startApi({ env, label: `restart ${i + 1}`, healthTimeoutMs: 120_000 });
      restartMs.push(Math.round(again.readyMs));
      restartAppMs.push(appReady(again));
      await again.stop('SIGTERM');
      h.log(`run ${i + 1}: first ${firstStartMs[i]} ms, restart ${restartMs[i]} ms`);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const result = {
    firstStartMs,
    restartMs,
    medianFirst: h.median(firstStartMs),
    medianRestart: h.median(restartMs),
    appReportedReadyMs: { first: firstAppMs, restart: restartAppMs },
    targetMs: 5000,
    cpus: os.cpus().length,
    loadAvg: h.round(os.loadavg()[0], 2),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
