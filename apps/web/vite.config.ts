import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const appRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(appRoot, '../..');

/** Mirrors tsconfig.base.json `paths` so `@aimsflow/*` imports resolve the same in Vite as in tsc. */
function aliasesFromTsconfig(): Record<string, string> {
  const tsconfig = JSON.parse(readFileSync(path.join(repoRoot, 'tsconfig.base.json'), 'utf8'));
  const paths: Record<string, string[]> = tsconfig.compilerOptions?.paths ?? {};
  return Object.fromEntries(
    Object.entries(paths).map(([alias, [target]]) => [alias, path.join(repoRoot, target)]),
  );
}

export default defineConfig({
  root: appRoot,
  base: '/',
  plugins: [react()],
  resolve: { alias: aliasesFromTsconfig() },
  build: {
    outDir: path.join(repoRoot, 'dist/apps/web'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // The server's CSP forbids inline scripts; keep assets as files.
    assetsInlineLimit: 0,
  },
  server: {
    port: 4200,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
