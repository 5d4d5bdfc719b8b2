#!/usr/bin/env node
/*
 * Form validation benchmark: a thin runner over libs/form-schema/src/bench/run-bench.cjs (validating
 * a 50-field submission), so every benchmark lives under tools/bench.
 *
 *   node tools/bench/forms/run.js [--iterations 20000]
 *
 * Prints one JSON line: {medianMs, p95Ms, iterations} (as the library bench reports them).
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const h = require('../lib/harness');

const o = h.parseArgs({ iterations: 20000 });
const script = path.join(h.ROOT, 'libs/form-schema/src/bench/run-bench.cjs');
const out = execFileSync(process.execPath, [script, String(o.iterations)], {
  cwd: h.ROOT,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
const last = out.trim().split('\n').filter(Boolean).pop();
const result = JSON.parse(last);
process.stdout.write(`${JSON.stringify(result)}\n`);
