import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The key that signs audit checkpoints. It lives outside the database, so whoever can rewrite the database cannot re-sign. */
export interface AuditSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SHA-256 (hex) of the public key's DER (SPKI) bytes, stored with each checkpoint. */
  keyId: string;
  publicKeyPem: string;
}

export const SIGNING_KEY_FILE = 'audit-signing-key.pem';
export const AUDIT_SIGNING_KEY = Symbol('AUDIT_SIGNING_KEY');

/**
 * The configured key (AUDIT_SIGNING_KEY), else the one in the data folder, made on first use.
 * Two processes starting together agree on one file: the second's exclusive create fails and it
 * reads the first's key.
 */
export function loadAuditSigningKey(config: { auditSigningKey?: string; dataDir: string }): AuditSigningKey {
  if (config.auditSigningKey) return fromPrivatePem(config.auditSigningKey);
  const file = path.join(config.dataDir, SIGNING_KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const pem = generateAuditSigningKeyPem();
    try {
      fs.writeFileSync(file, pem, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return fromPrivatePem(fs.readFileSync(file, 'utf8'));
}

export function generateAuditSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function fromPrivatePem(pem: string): AuditSigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(`AUDIT_SIGNING_KEY must be an Ed25519 private key, not ${privateKey.asymmetricKeyType}`);
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}
