// Type-checks every project that has a tsconfig.json (apps, libs, tools, tests), one tsc run each.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '../..');
const folders = ['apps', 'libs']
  .flatMap((dir) => fs.readdirSync(path.join(root, dir)).map((name) => path.join(dir, name)))
  .concat(['workflows', 'forms', 'tools', 'tests/e2e', 'tests/reliability'])
  .filter((dir) => fs.existsSync(path.join(root, dir, 'tsconfig.json')));

let failed = 0;
for (const dir of folders) {
  try {
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', path.join(dir, 'tsconfig.json'), '--noEmit'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    console.log(`typecheck ok: ${dir}`);
  } catch {
    failed++;
    console.error(`typecheck FAILED: ${dir}`);
  }
}
process.exit(failed ? 1 : 0);
