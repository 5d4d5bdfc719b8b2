import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './server';

/**
 * What a certification body does with a pack: `npm run pack:verify`'s command, run as a separate
 * process on the downloaded file, pinned to the key the organisation serves. Returns its JSON result.
 */
export function verifyPackWithCli(file: string, publicKeyPem: string): { ok: boolean; pinned: boolean } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-pack-key-'));
  try {
    const keyFile = path.join(dir, 'public-key.pem');
    fs.writeFileSync(keyFile, publicKeyPem);
    const run = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'tools/pack-verify/run.js'), file, '--key', keyFile],
      {
        encoding: 'utf8',
      },
    );
    if (run.status === 2) throw new Error(`pack:verify usage error: ${run.stderr}`);
    return { ...JSON.parse(run.stdout), exitCode: run.status };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
