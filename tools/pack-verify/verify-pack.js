// Checks an Aimsflow evidence pack outside the product: the Ed25519 signature of manifest.json
// (against a pinned public key when one is given, else the key the manifest names), the SHA-256
// and size of every file the manifest lists, and that the zip holds nothing else. Needs only
// node:crypto and fflate. The API's `POST /api/evidence-pack/verify` applies the same rule
// (apps/api/src/evidence-pack/pack-verify.ts); docs/evidence-pack.md describes the format.
const { unzipSync } = require('fflate');
const { createHash, createPublicKey, verify } = require('node:crypto');

const META = new Set(['manifest.json', 'manifest.sig']);

/** SHA-256 (hex) of the public key's DER (SPKI) bytes: the key id the manifest and the API show. */
function keyIdOf(key) {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/**
 * @param {Uint8Array} zipBytes the pack
 * @param {string} [pinnedPublicKeyPem] the organisation's key as served by /api/evidence-pack/public-key
 * @returns {{ok: boolean, keyId: string|null, pinned: boolean, signature: 'valid'|'invalid'|'missing',
 *   files: number, organization: {id: string, name: string}|null, createdAt: string|null,
 *   problems: Array<{path: string, problem: string}>}}
 */
function verifyPack(zipBytes, pinnedPublicKeyPem) {
  const result = {
    ok: false,
    keyId: null,
    pinned: !!pinnedPublicKeyPem,
    signature: 'missing',
    files: 0,
    organization: null,
    createdAt: null,
    problems: [],
  };
  const problem = (path, text) => result.problems.push({ path, problem: text });
  let entries;
  try {
    entries = unzipSync(zipBytes);
  } catch (error) {
    problem('', `not a readable zip file (${error.message})`);
    return result;
  }
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes) {
    problem('manifest.json', 'missing');
    return result;
  }
  let manifest;
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
      problem('manifest.sig', `cannot be checked (${error.message})`);
    }
  }

  const listed = new Set();
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

module.exports = { verifyPack, keyIdOf };
