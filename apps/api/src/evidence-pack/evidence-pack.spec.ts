import { unzipSync, zipSync } from 'fflate';
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addPerson, openTasks, personOf, uploadEvidence, type Person } from '../programme/programme-driver';
import {
  createOrganization,
  CSRF_HEADERS,
  type ApiClient,
  type TestApp,
  startTestApp,
} from '../testing/test-app';
import type { PackManifest } from './evidence-pack.service';
import { verifyPack } from './pack-verify';

const PACK_VERIFY = path.join(__dirname, '../../../../tools/pack-verify/run.js');

async function download(api: ApiClient) {
  const started = Date.now();
  const res = await fetch(`${api.baseUrl}/api/evidence-pack`, { headers: { cookie: api.cookie! } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, ms: Date.now() - started };
}

async function verifyUpload(api: ApiClient, bytes: Uint8Array<ArrayBuffer> | Buffer) {
  const res = await fetch(`${api.baseUrl}/api/evidence-pack/verify`, {
    method: 'POST',
    headers: { ...CSRF_HEADERS, cookie: api.cookie!, 'content-type': 'application/zip' },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: await res.json() };
}

const manifestOf = (bytes: Uint8Array): PackManifest =>
  JSON.parse(Buffer.from(unzipSync(bytes)['manifest.json']).toString('utf8'));

describe('evidence pack and readiness (integration)', () => {
  let t: TestApp;
  let manager: Person;
  let external: Person;
  let owner: Person;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await personOf(t, 'manager@acme.example');
    external = await personOf(t, 'external@acme.example');
    owner = await personOf(t, 'owner@acme.example');
  });
  afterAll(() => t.close());

  /** One gap assessment of a requirement area, through its workflow, as the contributor. */
  async function assess(itemId: string, title: string, data: Record<string, unknown>) {
    const started = await manager.api.post('/api/process-instances', {
      definitionKey: 'gap-assessment-item-review',
      input: { item: { id: itemId, kind: 'clause', title } },
    });
    expect(started.status).toBe(201);
    const [task] = await openTasks(t.dataSource, started.body.id);
    expect((await owner.api.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    const done = await owner.api.post(`/api/tasks/${task.id}/complete`, {
      data: { requirement: itemId, ...data },
    });
    expect(done.status).toBe(200);
  }

  const readinessOf = async (id: string) =>
    (await manager.api.get('/api/readiness')).body.items.find((i: { id: string }) => i.id === id);

  it('readiness: a requirement area turns from gap to ready when its gap is closed with evidence', async () => {
    const before = await manager.api.get('/api/readiness');
    expect(before.status).toBe(200);
    expect(before.body.items.filter((i: { kind: string }) => i.kind === 'clause')).toHaveLength(32);
    expect(before.body.groups.map((g: { group: string }) => g.group)).toEqual([
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      'A',
    ]);
    expect(await readinessOf('5.3')).toMatchObject({ status: 'no-evidence', gaps: [] });
    // A document the clause needs is not in force in the fresh demo organisation.
    expect((await readinessOf('5.2')).status).toBe('gap');

    await assess('5.3', 'Roles, responsibilities and authorities', {
      status: 'partial',
      note: 'RACI drafted',
    });
    expect(await readinessOf('5.3')).toMatchObject({ status: 'gap', gaps: ['gap analysis: partial'] });

    const file = await uploadEvidence(owner);
    await assess('5.3', 'Roles, responsibilities and authorities', {
      status: 'implemented',
      evidence: [{ file, caption: 'signed RACI' }],
    });
    const after = await readinessOf('5.3');
    expect(after).toMatchObject({ status: 'ready', gaps: [], evidence: [`file ${file.name}`] });
    const totals = (await manager.api.get('/api/readiness')).body.totals;
    expect(totals.ready).toBe(before.body.totals.ready + 1);

    const csv = await manager.api.get('/api/readiness.csv');
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain('5.3,clause,"Roles, responsibilities and authorities",ready');
  });

  it('builds a signed pack whose manifest lists every file with its SHA-256, for the manager and the external auditor', async () => {
    const { res, bytes, ms } = await download(external.api);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-length')).toBeNull(); // streamed, not buffered
    const entries = unzipSync(bytes);
    const manifest = manifestOf(bytes);
    expect(manifest.files).toHaveLength(Number(res.headers.get('x-pack-files')));
    for (const file of manifest.files) {
      expect(entries[file.path]).toBeDefined();
      expect(createHash('sha256').update(entries[file.path]).digest('hex')).toBe(file.sha256);
      expect(entries[file.path].length).toBe(file.size);
    }
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'soa/statement-of-applicability.csv',
        'soa/statement-of-applicability.pdf',
        'registers/gaps.csv',
        'registers/gaps.pdf',
        'registers/risks.pdf',
        'registers/documents.csv',
        'audit/audit-trail.jsonl',
        'readiness/readiness.json',
        'readiness/readiness.csv',
        'public-key.pem',
      ]),
    );
    // The evidence the gap record cites is in the pack, byte for byte.
    const evidence = paths.filter((p) => p.startsWith('evidence/'));
    expect(evidence).toHaveLength(1);
    expect(Buffer.from(entries[evidence[0]]).toString()).toBe(
      'evidence for the walkthrough (owner@acme.example)',
    );
    expect(Buffer.from(entries['soa/statement-of-applicability.pdf'].subarray(0, 5)).toString()).toBe(
      '%PDF-',
    );
    const readiness = JSON.parse(Buffer.from(entries['readiness/readiness.json']).toString());
    expect(readiness.items.find((i: { id: string }) => i.id === '5.3').status).toBe('ready');

    // Signed with the organisation's key, the one the endpoint serves for pinning.
    const key = (await manager.api.get('/api/evidence-pack/public-key')).body;
    expect(key).toMatchObject({ algorithm: 'Ed25519', keyId: manifest.key.keyId });
    expect(key.privateKeyPem).toBeUndefined();
    const signature = Buffer.from(Buffer.from(entries['manifest.sig']).toString().trim(), 'base64');
    expect(verify(null, entries['manifest.json'], createPublicKey(key.publicKeyPem), signature)).toBe(true);
    expect(Buffer.from(entries['public-key.pem']).toString()).toBe(key.publicKeyPem);

    // The chain heads are those of the trail in the pack.
    const heads = Buffer.from(entries['audit/audit-trail.jsonl'])
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.type === 'head');
    expect(heads.length).toBeGreaterThan(0);
    expect(manifest.auditChainHeads).toEqual(heads.map(({ chainId, seq, hash }) => ({ chainId, seq, hash })));

    expect(verifyPack(bytes, key.publicKeyPem)).toMatchObject({ ok: true, signature: 'valid', problems: [] });
    expect(await verifyUpload(external.api, bytes)).toMatchObject({
      status: 200,
      body: { ok: true, pinned: true },
    });
    // `npm run pack:verify` on the downloaded file, pinned to the served key.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-pack-'));
    fs.writeFileSync(path.join(dir, 'pack.zip'), bytes);
    fs.writeFileSync(path.join(dir, 'key.pem'), key.publicKeyPem);
    const cli = spawnSync(
      'node',
      [PACK_VERIFY, path.join(dir, 'pack.zip'), '--key', path.join(dir, 'key.pem')],
      { encoding: 'utf8' },
    );
    fs.rmSync(dir, { recursive: true, force: true });
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true, pinned: true, files: manifest.files.length });
    // The same key signs the next pack: a verifier pins it once.
    const again = await download(manager.api);
    expect(manifestOf(again.bytes).key.keyId).toBe(manifest.key.keyId);
    console.log(
      `evidence pack of the demo organisation: ${bytes.length} bytes, ${manifest.files.length} files, ${ms} ms`,
    );
  });

  it('a tampered pack fails verification: one changed byte, an edited manifest, an extra file', async () => {
    const { bytes } = await download(manager.api);
    const entries = unzipSync(bytes);
    const repack = (change: (e: Record<string, Uint8Array>) => void) => {
      const copy = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, new Uint8Array(v)]));
      change(copy);
      return zipSync(copy);
    };

    const flipped = repack((e) => {
      e['registers/risks.csv'][3] ^= 1;
    });
    const byte = await verifyUpload(manager.api, flipped);
    expect(byte.body.ok).toBe(false);
    expect(byte.body.signature).toBe('valid');
    expect(byte.body.problems).toEqual([
      {
        path: 'registers/risks.csv',
        problem: expect.stringMatching(/^SHA-256 is [0-9a-f]{64}, the manifest says/),
      },
    ]);

    // Editing the manifest to match the changed file breaks its signature.
    const forged = repack((e) => {
      e['registers/risks.csv'][3] ^= 1;
      const m = JSON.parse(Buffer.from(e['manifest.json']).toString());
      const file = m.files.find((f: { path: string }) => f.path === 'registers/risks.csv');
      file.sha256 = createHash('sha256').update(e['registers/risks.csv']).digest('hex');
      e['manifest.json'] = Buffer.from(JSON.stringify(m, null, 2) + '\n');
    });
    const manifest = await verifyUpload(manager.api, forged);
    expect(manifest.body).toMatchObject({ ok: false, signature: 'invalid' });
    expect(manifest.body.problems).toEqual([
      { path: 'manifest.sig', problem: 'not signed by the pinned key' },
    ]);

    const extra = repack((e) => {
      e['evidence/planted.txt'] = Buffer.from('not from Aimsflow');
      delete e['registers/gaps.pdf'];
    });
    expect((await verifyUpload(manager.api, extra)).body.problems).toEqual([
      { path: 'registers/gaps.pdf', problem: 'listed in the manifest but missing from the pack' },
      { path: 'evidence/planted.txt', problem: 'not listed in the manifest' },
    ]);
    expect((await verifyUpload(manager.api, Buffer.from('not a zip'))).body).toMatchObject({ ok: false });
  });

  it("keeps organisations apart: another organisation's pack has none of this one's data and its key does not verify this pack", async () => {
    const { bytes } = await download(manager.api);
    await createOrganization(t.dataSource, 'other-pack', [
      { email: 'manager@other-pack.example', roles: ['aims-manager'] },
    ]);
    const other = await t.login('manager@other-pack.example');
    const theirs = await download(other);
    expect(theirs.res.status).toBe(200);
    const theirManifest = manifestOf(theirs.bytes);
    expect(theirManifest.organization.slug).toBe('other-pack');
    expect(theirManifest.key.keyId).not.toBe(manifestOf(bytes).key.keyId);
    expect(theirManifest.files.some((f) => f.path.startsWith('evidence/'))).toBe(false);
    const trail = Buffer.from(unzipSync(theirs.bytes)['audit/audit-trail.jsonl']).toString();
    expect(trail).not.toContain(manifestOf(bytes).organization.id);
    // Checked by the other organisation, this organisation's pack is not signed by its key.
    expect((await verifyUpload(other, bytes)).body).toMatchObject({ ok: false, signature: 'invalid' });
  });

  it('only the AIMS manager and the external auditor download or check packs; anonymous callers are refused', async () => {
    const contributor = await download(owner.api);
    expect(contributor.res.status).toBe(403);
    const admin = await personOf(t, 'admin@acme.example');
    expect((await download(admin.api)).res.status).toBe(403);
    expect((await verifyUpload(owner.api, Buffer.from('x'))).status).toBe(403);
    const anonymous = await fetch(`${t.baseUrl}/api/evidence-pack`);
    expect(anonymous.status).toBe(401);
    const anonymousVerify = await fetch(`${t.baseUrl}/api/evidence-pack/verify`, {
      method: 'POST',
      headers: { ...CSRF_HEADERS, 'content-type': 'application/zip' },
      body: 'x',
    });
    expect(anonymousVerify.status).toBe(401);
    // The external auditor is read-only, yet checking a pack changes nothing and is allowed.
    const deputy = await addPerson(t, 'auditor2.pack@acme.example', ['external-auditor']);
    expect((await verifyUpload(deputy.api, Buffer.from('x'))).body).toMatchObject({ ok: false });
  });
});
