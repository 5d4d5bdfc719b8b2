#!/usr/bin/env node
/*
 * Form validation benchmarks, so every benchmark lives under tools/bench:
 *   1. `fiftyFields`: validating a 50-field submission (libs/form-schema/src/bench/run-bench.cjs);
 *   2. `slowestAccepted`: the slowest schemas the schema check accepts plus the built-in forms, each
 *      on a ~10 KB submission (run-slow-bench.cjs); target: no validation over 50 ms;
 *   3. `healthUnderValidation`: `/api/health` latency while those validations run over HTTP against
 *      the built API on PGlite (health-under-validation.js); target p95 ≤ 100 ms. Skipped with
 *      `--skip-api` or when `dist/` is missing.
 *
 *   node tools/bench/forms/run.js [--iterations 20000] [--slow-iterations 30] [--clients 4] [--seconds 15] [--skip-api]
 *
 * Prints one JSON line: {fiftyFields, slowestAccepted, healthUnderValidation}.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const h = require('../lib/harness');

function runScript(relative, args) {
  const out = execFileSync(process.execPath, [path.join(h.ROOT, relative), ...args.map(String)], {
    cwd: h.ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 10 * 60_000,
  });
  return JSON.parse(out.trim().split('\n').filter(Boolean).pop());
}

async function main() {
  const o = h.parseArgs({ iterations: 20000, slowIterations: 30, clients: 4, seconds: 15, skipApi: false });
  h.log('50-field validation');
  const fiftyFields = runScript('libs/form-schema/src/bench/run-bench.cjs', [o.iterations]);
  h.log('slowest accepted schemas at 10 KB');
  const slow = runScript('libs/form-schema/src/bench/run-slow-bench.cjs', [o.slowIterations]);
  const slowestAccepted = {
    worst: slow.worst,
    targetMs: 50,
    cases: slow.cases.map((c) => ({
      name: c.name,
      accepted: c.accepted,
      kb: h.round(c.dataBytes / 1024, 1),
      p95Ms: c.p95Ms,
      maxMs: c.maxMs,
    })),
  };
  let healthUnderValidation = { skipped: true };
  if (!o.skipApi && fs.existsSync(h.API_MAIN)) {
    h.log('health under concurrent validation');
    healthUnderValidation = await require('./health-under-validation').run({
      clients: o.clients,
      seconds: o.seconds,
    });
    delete healthUnderValidation.perForm; // the slowest form is kept; the full list is in the script's own output
  }
  process.stdout.write(`${JSON.stringify({ fiftyFields, slowestAccepted, healthUnderValidation })}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
