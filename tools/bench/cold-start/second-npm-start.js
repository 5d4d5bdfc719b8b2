#!/usr/bin/env node
/*
 * "A second `npm start` ≤ 5 s": time from running `npm start` to the first 200 from /api/health
 * when nothing changed since the previous `npm start` (same checkout, same DATA_DIR). The first
 * start builds whatever is not built yet; the second must only check its sources and start.
 *
 *   node tools/bench/cold-start/second-npm-start.js [--runs 3]
 *
 * Prints one JSON line: {firstMs, secondMs:[...], medianSecond, targetMs}.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('../lib/harness');

const ROOT = path.join(__dirname, '../../..');

async function npmStart(env, label) {
  const port = await h.freePort();
  const started = process.hrtime.bigint();
  // Its own process group, so stopping it stops npm, the start script and the API together.
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, LOG_REQUESTS: 'false', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await h.waitForHealth(`http://127.0.0.1:${port}`, 300_000, exited).catch((error) => {
    throw new Error(`${label}: ${error.message}\n${output.slice(-3000)}`);
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.kill(-child.pid, 'SIGTERM');
  await exited;
  h.log(`${label}: healthy ${Math.round(ms)} ms after npm start`);
  return { ms: Math.round(ms), output };
}

async function main() {
  const o = h.parseArgs({ runs: 3 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aimsflow-second-start-'));
  const env = { DATABASE_URL: '', DATA_DIR: dataDir, TIMER_POLL_MS: '1000' };
  try {
    const first = await npmStart(env, 'first npm start');
    const secondMs = [];
    for (let i = 0; i < o.runs; i++) secondMs.push((await npmStart(env, `second npm start ${i + 1}`)).ms);
    console.log(
      JSON.stringify({
        bench: 'second-npm-start',
        firstMs: first.ms,
        secondMs,
        medianSecond: h.median(secondMs),
        targetMs: 5000,
        cpus: os.cpus().length,
      }),
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
