#!/usr/bin/env node
/*
 * Summarises a V8 .cpuprofile (from `run.js --cpu-prof DIR`): self time by package (node_modules/<pkg>,
 * the app's own dist code, node internals, GC/idle) and the top functions.
 *   node tools/bench/engine/cpu-profile-summary.js file.cpuprofile [--top 25]
 * Prints one JSON line.
 */
const fs = require('node:fs');

const file = process.argv[2];
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 25;
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++)
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));

const bucket = (url, name) => {
  if (!url) return name.startsWith('(') ? name : '(native/builtin)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.includes('/dist/apps/api/')) return 'app (dist/apps/api)';
  if (url.startsWith('node:')) return 'node internals';
  return url;
};
const pkgs = new Map();
const fns = new Map();
let total = 0;
for (const [id, us] of self) {
  const { callFrame } = byId.get(id);
  total += us;
  const b = bucket(callFrame.url, callFrame.functionName);
  pkgs.set(b, (pkgs.get(b) ?? 0) + us);
  const f = `${callFrame.functionName || '(anonymous)'} ${callFrame.url.split('/').slice(-2).join('/')}:${callFrame.lineNumber + 1}`;
  fns.set(f, (fns.get(f) ?? 0) + us);
}
const pct = (us) => Number(((100 * us) / total).toFixed(1));
const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
process.stdout.write(
  `${JSON.stringify({
    totalMs: Math.round(total / 1000),
    byPackagePct: Object.fromEntries(
      sorted(pkgs)
        .slice(0, 20)
        .map(([k, v]) => [k, pct(v)]),
    ),
    topFunctionsPct: sorted(fns)
      .slice(0, top)
      .map(([k, v]) => [k, pct(v)]),
  })}\n`,
);
