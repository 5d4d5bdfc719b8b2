import { zipSync } from 'fflate';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// The command must agree with the API's verifier on every case: this test is their contract.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { verifyPack as apiVerifyPack } from '../../apps/api/src/evidence-pack/pack-verify';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { verifyPack, keyIdOf } = require('./verify-pack');

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A pack as the API writes one: listed files, public-key.pem, manifest.json and its signature. */
function makePack(files: Record<string, string>, options: { signWith?: ReturnType<typeof keyPair> } = {}) {
  const key = keyPair();
  const entries: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(files)) entries[name] = Buffer.from(text);
  entries['public-key.pem'] = Buffer.from(key.publicKeyPem);
  const manifest = {
    format: 'aimsflow-evidence-pack/1',
    organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
    createdAt: '2026-12-06T10:00:00.000Z',
    key: { algorithm: 'Ed25519', keyId: keyIdOf(key.publicKey), publicKeyPem: key.publicKeyPem },
    files: Object.entries(entries).map(([p, bytes]) => ({
      path: p,
      sha256: sha256(bytes),
      size: bytes.length,
    })),
    auditChainHeads: [],
  };
  const bytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
  entries['manifest.json'] = bytes;
  entries['manifest.sig'] = Buffer.from(
    sign(null, bytes, (options.signWith ?? key).privateKey).toString('base64') + '\n',
  );
  return { entries, key, zip: () => zipSync(entries) };
}

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const FILES = {
  'registers/risks.csv': 'Risk,Score\r\nBias,12\r\n',
  'audit/audit-trail.jsonl': '{"type":"export"}\n',
};

describe('pack:verify', () => {
  it('verifies an intact pack, with the key inside it and with the pinned key', () => {
    const pack = makePack(FILES);
    expect(verifyPack(pack.zip())).toMatchObject({ ok: true, pinned: false, signature: 'valid', files: 3 });
    expect(verifyPack(pack.zip(), pack.key.publicKeyPem)).toMatchObject({
      ok: true,
      pinned: true,
      keyId: keyIdOf(pack.key.publicKey),
      organization: { id: 'o1', name: 'Acme AI Ltd' },
      problems: [],
    });
  });

  it('fails on one changed byte, naming the file', () => {
    const pack = makePack(FILES);
    pack.entries['registers/risks.csv'][5] ^= 1;
    const result = verifyPack(pack.zip(), pack.key.publicKeyPem);
    expect(result.ok).toBe(false);
    expect(result.signature).toBe('valid');
    expect(result.problems).toEqual([
      { path: 'registers/risks.csv', problem: expect.stringContaining('the manifest says') },
    ]);
  });

  it('fails on a modified manifest, and on a pack re-signed with another key when the key is pinned', () => {
    const pack = makePack(FILES);
    const original = pack.key.publicKeyPem;
    pack.entries['manifest.json'] = Buffer.from(
      Buffer.from(pack.entries['manifest.json']).toString().replace('Acme AI Ltd', 'Acme AI Plc'),
    );
    expect(verifyPack(pack.zip())).toMatchObject({
      ok: false,
      signature: 'invalid',
      problems: [{ path: 'manifest.sig', problem: 'signature does not match the manifest' }],
    });
    // A forger who rebuilds the whole pack with a key of their own passes only an unpinned check.
    const forged = makePack(FILES);
    expect(verifyPack(forged.zip()).ok).toBe(true);
    expect(verifyPack(forged.zip(), original)).toMatchObject({
      ok: false,
      problems: [{ path: 'manifest.sig', problem: 'not signed by the pinned key' }],
    });
  });

  it('fails on missing, unlisted and unsigned files, and on what is not a zip', () => {
    const pack = makePack(FILES);
    delete pack.entries['audit/audit-trail.jsonl'];
    pack.entries['evidence/planted.pdf'] = Buffer.from('%PDF-1.7');
    expect(verifyPack(pack.zip()).problems).toEqual([
      { path: 'audit/audit-trail.jsonl', problem: 'listed in the manifest but missing from the pack' },
      { path: 'evidence/planted.pdf', problem: 'not listed in the manifest' },
    ]);
    const unsigned = makePack(FILES);
    delete unsigned.entries['manifest.sig'];
    expect(verifyPack(unsigned.zip())).toMatchObject({ ok: false, signature: 'missing' });
    expect(verifyPack(Buffer.from('PK not really'))).toMatchObject({
      ok: false,
      problems: [{ path: '', problem: expect.stringContaining('not a readable zip') }],
    });
  });

  it('agrees with the API on every case', () => {
    const intact = makePack(FILES);
    const flipped = makePack(FILES);
    flipped.entries['registers/risks.csv'][0] ^= 1;
    const other = keyPair();
    const wrongKey = makePack(FILES, { signWith: other });
    for (const pack of [intact, flipped, wrongKey])
      for (const pin of [undefined, intact.key.publicKeyPem])
        expect(verifyPack(pack.zip(), pin)).toEqual(apiVerifyPack(pack.zip(), pin));
  });

  it('runs as `npm run pack:verify`: JSON on stdout, exit 0 when verified, 1 when not, 2 on bad usage', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-verify-'));
    const script = path.join(__dirname, 'run.js');
    const pack = makePack(FILES);
    const good = path.join(dir, 'good.zip');
    const key = path.join(dir, 'key.pem');
    fs.writeFileSync(good, pack.zip());
    fs.writeFileSync(key, pack.key.publicKeyPem);
    const out = JSON.parse(execFileSync('node', [script, good, '--key', key], { encoding: 'utf8' }));
    expect(out).toMatchObject({ file: good, ok: true, pinned: true });

    pack.entries['registers/risks.csv'][0] ^= 1;
    const bad = path.join(dir, 'bad.zip');
    fs.writeFileSync(bad, pack.zip());
    const failed = spawnSync('node', [script, bad], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({
      ok: false,
      problems: [{ path: 'registers/risks.csv' }],
    });
    expect(failed.stderr).toContain('NOT VERIFIED: registers/risks.csv');

    expect(spawnSync('node', [script], { encoding: 'utf8' }).status).toBe(2);
    expect(spawnSync('node', [script, path.join(dir, 'absent.zip')], { encoding: 'utf8' }).status).toBe(2);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
