#!/usr/bin/env node
/*
 * Web bundle size: builds the web app with its own Vite config into a temporary folder (so the
 * shared dist/apps/web is left alone) with a manifest, then sums the gzipped size of the JavaScript
 * the built index.html loads on first paint: its entry script(s), <link rel="modulepreload"> and
 * the entry chunk's static imports, recursively (lazy `import()` chunks are excluded).
 *
 *   node tools/bench/web-bundle/run.js [--dist dist/apps/web]   # --dist: measure an existing build, no build
 *
 * Prints one JSON line: {initialJsGzipKb, totalJsGzipKb, chunks:[{file, gzipKb, initial}]}. Target ≤ 350 KB.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const h = require('../lib/harness');

const o = h.parseArgs({ dist: '' });
let dist = o.dist ? path.resolve(h.ROOT, o.dist) : '';
let temp;
let buildMs = null;
if (!dist) {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'aimsflow-web-bundle-'));
  dist = path.join(temp, 'web');
  const t0 = Date.now();
  execFileSync(
    process.execPath,
    [
      path.join(h.ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '-c',
      'apps/web/vite.config.ts',
      '--outDir',
      dist,
      '--emptyOutDir',
      '--manifest',
      '--logLevel',
      'warn',
    ],
    { cwd: h.ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  buildMs = Date.now() - t0;
}

try {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const toFile = (url) => path.join(dist, url.replace(/^\//, '').split(/[?#]/)[0]);
  const roots = new Set();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.m?js)"[^>]*>/g)) roots.add(toFile(m[1]));
  for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"[^>]*>/g))
    roots.add(toFile(m[1]));
  for (const m of html.matchAll(/<link\b[^>]*href="([^"]+)"[^>]*rel="modulepreload"[^>]*>/g))
    roots.add(toFile(m[1]));
  if (roots.size === 0) throw new Error(`no entry script in ${dist}/index.html`);

  // Static imports: from the Vite manifest when there is one, else from the chunks' own import statements.
  const manifestPath = [path.join(dist, '.vite/manifest.json'), path.join(dist, 'manifest.json')].find((p) =>
    fs.existsSync(p),
  );
  const manifest = manifestPath ? JSON.parse(fs.readFileSync(manifestPath, 'utf8')) : null;
  const byFile = manifest ? new Map(Object.values(manifest).map((e) => [path.join(dist, e.file), e])) : null;
  const staticImports = (file) => {
    if (byFile?.has(file))
      return (byFile.get(file).imports ?? []).map((k) => path.join(dist, manifest[k].file));
    const code = fs.readFileSync(file, 'utf8');
    const out = [];
    for (const m of code.matchAll(
      /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.m?js)["']/g,
    )) {
      out.push(path.resolve(path.dirname(file), m[1]));
    }
    return out;
  };
  const initial = new Set();
  const visit = (file) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const dep of staticImports(file)) visit(dep);
  };
  for (const r of roots) visit(r);

  const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  const allJs = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.m?js$/.test(e.name)) allJs.push(p);
    }
  };
  walk(dist);
  const chunks = allJs
    .map((file) => ({
      file: path.relative(dist, file),
      gzipKb: h.round(gz(file) / 1024, 1),
      rawKb: h.round(fs.statSync(file).size / 1024, 1),
      initial: initial.has(file),
    }))
    .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzipKb - a.gzipKb);
  const sum = (xs) =>
    h.round(
      xs.reduce((n, c) => n + c.gzipKb, 0),
      1,
    );
  const result = {
    initialJsGzipKb: sum(chunks.filter((c) => c.initial)),
    totalJsGzipKb: sum(chunks),
    targetKb: 350,
    importsFrom: manifest ? 'vite manifest' : 'import statements',
    buildMs,
    chunks,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  if (temp) fs.rmSync(temp, { recursive: true, force: true });
}
