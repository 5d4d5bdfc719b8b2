// Runs the TypeScript benchmark without ts-node: compiles .ts files on require with @swc/core.
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const { benchValidate50Fields } = require('./validate-50-fields.bench.ts');
const iterations = Number(process.argv[2] ?? 20000);
console.log(JSON.stringify(benchValidate50Fields(iterations)));
