// Runs the slow-schema benchmark without ts-node (see run-bench.cjs); prints one JSON line.
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const { benchSlowSchemas } = require('./slow-schemas.bench.ts');
const iterations = Number(process.argv[2] ?? 30);
console.log(JSON.stringify(benchSlowSchemas(path.resolve(__dirname, '../../../..'), iterations)));
