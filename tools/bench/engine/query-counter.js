/*
 * Preloaded into the API (`node -r ./query-counter.js dist/apps/api/main.js`) by `run.js --profile`:
 * counts and times every statement sent through `pg` and writes the tally to $BENCH_QUERY_STATS on
 * SIGUSR2. Statements are grouped by their first 90 characters (parameters are separate in `pg`).
 */
const fs = require('node:fs');
const { Client } = require('pg');

const stats = new Map();
let total = 0;
let totalMs = 0;
const original = Client.prototype.query;

function record(text, ms) {
  const key = String(text).replace(/\s+/g, ' ').slice(0, 90);
  const s = stats.get(key) ?? { count: 0, ms: 0 };
  s.count++;
  s.ms += ms;
  stats.set(key, s);
  total++;
  totalMs += ms;
}

Client.prototype.query = function patchedQuery(config, values, callback) {
  const text = typeof config === 'string' ? config : config?.text;
  if (!text) return original.apply(this, arguments);
  const t0 = process.hrtime.bigint();
  const done = () => record(text, Number(process.hrtime.bigint() - t0) / 1e6);
  const cb = typeof values === 'function' ? values : callback;
  if (typeof cb === 'function') {
    const wrapped = (err, res) => {
      done();
      cb(err, res);
    };
    return typeof values === 'function'
      ? original.call(this, config, wrapped)
      : original.call(this, config, values, wrapped);
  }
  const result = original.apply(this, arguments);
  if (result && typeof result.then === 'function') result.then(done, done);
  return result;
};

process.on('SIGUSR2', () => {
  const rows = [...stats.entries()].map(([statement, s]) => ({
    statement,
    count: s.count,
    ms: Number(s.ms.toFixed(1)),
  }));
  rows.sort((a, b) => b.count - a.count);
  fs.writeFileSync(
    process.env.BENCH_QUERY_STATS,
    JSON.stringify({ total, totalMs: Number(totalMs.toFixed(1)), rows }),
  );
});
