import { unzipSync } from 'fflate';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { keyIdOf } from '../audit/audit-signing-key';

/**
 * Checks an evidence pack: the manifest's signature (with the pinned public key when one is given,
 * else the key the manifest names), every listed file's SHA-256 and size, and that nothing is in the
 * zip that the manifest does not list. `tools/pack-verify` applies the same rule outside the API.
 */
export interface PackProblem {
  path: string;
  problem: string;
}

export interface PackVerification {
  ok: boolean;
  /** The key the signature was checked with. */
  keyId: string | null;
  /** True when checked against a key the verifier pinned, not only the one in the pack. */
  pinned: boolean;
  signature: 'valid' | 'invalid' | 'missing';
  files: number;
  organization: { id: string; name: string } | null;
  createdAt: string | null;
  problems: PackProblem[];
}

const META = new Set(['manifest.json', 'manifest.sig']);

export function verifyPack(zipBytes: Uint8Array, pinnedPublicKeyPem?: string): PackVerification {
  const result: PackVerification = {
    ok: false,
    keyId: null,
    pinned: !!pinnedPublicKeyPem,
    signature: 'missing',
    files: 0,
    organization: null,
    createdAt: null,
    problems: [],
  };
  const problem = (path: string, text: string) => result.problems.push({ path, problem: text });
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zipBytes);
  } catch (error) {
    problem('', `not a readable zip file (${(error as Error).message})`);
    return result;
  }
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes) {
    problem('manifest.json', 'missing');
    return result;
  }
  let manifest: {
    key?: { publicKeyPem?: string };
    files?: Array<{ path: string; sha256: string; size: number }>;
    organization?: { id: string; name: string };
    createdAt?: string;
  };
  try {
    manifest = JSON.parse(Buffer.from(manifestBytes).toString('utf8'));
  } catch {
    problem('manifest.json', 'is not valid JSON');
    return result;
  }
  result.organization = manifest.organization
    ? { id: manifest.organization.id, name: manifest.organization.name }
    : null;
  result.createdAt = manifest.createdAt ?? null;

  const keyPem = pinnedPublicKeyPem ?? manifest.key?.publicKeyPem;
  const signature = entries['manifest.sig'];
  if (!keyPem) problem('manifest.json', 'names no public key');
  else if (!signature) problem('manifest.sig', 'missing');
  else {
    try {
      const key = createPublicKey(keyPem);
      result.keyId = keyIdOf(key);
      const sig = Buffer.from(Buffer.from(signature).toString('utf8').trim(), 'base64');
      result.signature = verify(null, manifestBytes, key, sig) ? 'valid' : 'invalid';
      if (result.signature === 'invalid')
        problem(
          'manifest.sig',
          pinnedPublicKeyPem ? 'not signed by the pinned key' : 'signature does not match the manifest',
        );
    } catch (error) {
      result.signature = 'invalid';
      problem('manifest.sig', `cannot be checked (${(error as Error).message})`);
    }
  }

  const listed = new Set<string>();
  for (const file of Array.isArray(manifest.files) ? manifest.files : []) {
    listed.add(file.path);
    const bytes = entries[file.path];
    if (!bytes) {
      problem(file.path, 'listed in the manifest but missing from the pack');
      continue;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== file.sha256) problem(file.path, `SHA-256 is ${sha256}, the manifest says ${file.sha256}`);
    else if (bytes.length !== file.size)
      problem(file.path, `size is ${bytes.length}, the manifest says ${file.size}`);
  }
  result.files = listed.size;
  if (listed.size === 0) problem('manifest.json', 'lists no files');
  for (const path of Object.keys(entries))
    if (!listed.has(path) && !META.has(path) && !path.endsWith('/'))
      problem(path, 'not listed in the manifest');
  result.ok = result.signature === 'valid' && result.problems.length === 0;
  return result;
}
