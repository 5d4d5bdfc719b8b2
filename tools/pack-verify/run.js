#!/usr/bin/env node
// `npm run pack:verify -- PACK.zip [--key PUBLIC-KEY.pem]`: checks an evidence pack and prints the
// result as one JSON object on stdout. Exit 0 when it verifies, 1 when it does not, 2 on bad usage.
const fs = require('node:fs');
const { verifyPack } = require('./verify-pack');

const USAGE = 'usage: npm run pack:verify -- PACK.zip [--key PUBLIC-KEY.pem]';

function main(argv) {
  const args = [...argv];
  let keyFile;
  const at = args.indexOf('--key');
  if (at !== -1) {
    keyFile = args[at + 1];
    args.splice(at, 2);
  }
  if (args.length !== 1 || (at !== -1 && !keyFile)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let bytes;
  let pinned;
  try {
    bytes = fs.readFileSync(args[0]);
    pinned = keyFile ? fs.readFileSync(keyFile, 'utf8') : undefined;
  } catch (error) {
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  const result = verifyPack(bytes, pinned);
  process.stdout.write(`${JSON.stringify({ file: args[0], ...result }, null, 2)}\n`);
  if (!result.ok)
    process.stderr.write(
      `NOT VERIFIED: ${result.problems.map((p) => `${p.path || '(pack)'}: ${p.problem}`).join('; ')}\n`,
    );
  else if (!result.pinned)
    process.stderr.write(
      'Verified against the key inside the pack; pass --key to pin the organisation key.\n',
    );
  return result.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
