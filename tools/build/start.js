#!/usr/bin/env node
// `npm start`: rebuild only the parts whose sources changed since the last build, then run the API
// (which serves the web app). A part is up to date when the SHA-256 over its input files' paths and
// contents equals the one stamped after its last successful build; contents, not mtimes, so a fresh
// clone or a `touch` does not rebuild and an edit always does. `build:api` and `build:web` stamp
// their part themselves (`--stamp api|web`), so a build run by hand counts too.
const { spawn, spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '../..');
const stampFile = path.join(root, 'dist/.build-stamps.json');
const SKIP = new Set(['node_modules', 'dist', '.git', 'coverage', 'data', 'screenshots', '.nx']);

/** Shared by both parts: the libraries, built-in content, configs and the lock file. */
const shared = ['libs', 'workflows', 'forms', 'tsconfig.base.json', 'package-lock.json', 'tools/build'];
const parts = [
  {
    name: 'api',
    script: 'build:api',
    inputs: ['apps/api', ...shared],
    outputs: ['dist/apps/api/main.js', 'dist/apps/api/pglite-template.tar.gz'],
  },
  {
    name: 'web',
    script: 'build:web',
    inputs: ['apps/web', ...shared],
    outputs: ['dist/apps/web/index.html'],
  },
];

function filesUnder(relative, out) {
  const full = path.join(root, relative);
  if (!fs.existsSync(full)) return out;
  if (fs.statSync(full).isFile()) {
    out.push(relative);
    return out;
  }
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) filesUnder(child, out);
    else if (entry.isFile()) out.push(child);
  }
  return out;
}

function fingerprint(inputs) {
  const hash = createHash('sha256');
  const files = inputs.flatMap((input) => filesUnder(input, [])).sort();
  for (const file of files) {
    hash.update(file.split(path.sep).join('/'));
    hash.update('\0');
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return { hash: hash.digest('hex'), files: files.length };
}

function readStamps() {
  try {
    return JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return {};
  }
}

function build() {
  const stamps = readStamps();
  for (const part of parts) {
    const started = Date.now();
    const { hash, files } = fingerprint(part.inputs);
    const built = part.outputs.every((output) => fs.existsSync(path.join(root, output)));
    if (built && stamps[part.name] === hash) {
      console.log(`${part.name}: up to date (${files} files checked in ${Date.now() - started} ms)`);
      continue;
    }
    console.log(`${part.name}: ${built ? 'sources changed' : 'not built yet'}, building…`);
    const result = spawnSync('npm', ['run', '--silent', part.script], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`${part.name}: build failed (exit ${result.status ?? result.signal})`);
      process.exit(result.status || 1);
    }
    console.log(`${part.name}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

function run() {
  const api = spawn(process.execPath, [path.join(root, 'dist/apps/api/main.js')], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => api.kill(signal));
  api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function stamp(name) {
  const part = parts.find((p) => p.name === name);
  if (!part) throw new Error(`unknown part "${name}"; one of ${parts.map((p) => p.name).join(', ')}`);
  const stamps = readStamps();
  stamps[name] = fingerprint(part.inputs).hash;
  fs.mkdirSync(path.dirname(stampFile), { recursive: true });
  fs.writeFileSync(stampFile, JSON.stringify(stamps, null, 2));
}

const stampIndex = process.argv.indexOf('--stamp');
if (stampIndex > 0) stamp(process.argv[stampIndex + 1]);
else {
  build();
  if (!process.argv.includes('--build-only')) run();
}
