import { Injectable } from '@nestjs/common';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { DataSource } from 'typeorm';
import { keyIdOf } from '../audit/audit-signing-key';

/** An organisation's evidence pack key as the pack and the public endpoint show it. */
export interface PackPublicKey {
  algorithm: 'Ed25519';
  /** SHA-256 (hex) of the public key's DER (SPKI) bytes, as for the audit checkpoint key. */
  keyId: string;
  publicKeyPem: string;
}

/**
 * The Ed25519 key pair that signs an organisation's evidence pack manifests, one per organisation,
 * made on first use and kept in `evidence_pack_keys`. The private key stays in this service: only
 * signatures and the public key leave it.
 */
@Injectable()
export class PackSigningKeys {
  constructor(private readonly dataSource: DataSource) {}

  async publicKey(organizationId: string): Promise<PackPublicKey> {
    const { keyId, publicKeyPem } = await this.keyOf(organizationId);
    return { algorithm: 'Ed25519', keyId, publicKeyPem };
  }

  /** The signature (base64) of these exact bytes with the organisation's private key. */
  async sign(organizationId: string, bytes: Uint8Array): Promise<string> {
    const { privateKey } = await this.keyOf(organizationId);
    return sign(null, bytes, privateKey).toString('base64');
  }

  private async keyOf(
    organizationId: string,
  ): Promise<{ keyId: string; publicKeyPem: string; privateKey: KeyObject }> {
    let [row] = await this.read(organizationId);
    if (!row) {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      // Two first packs at once: the second insert does nothing and both read the first's key.
      await this.dataSource.query(
        `INSERT INTO evidence_pack_keys (organization_id, key_id, public_key_pem, private_key_pem)
         VALUES ($1, $2, $3, $4) ON CONFLICT (organization_id) DO NOTHING`,
        [
          organizationId,
          keyIdOf(publicKey),
          publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        ],
      );
      [row] = await this.read(organizationId);
    }
    const privateKey = createPrivateKey(row.private_key_pem);
    // The stored public key must be the private key's: a row edited by hand would sign under a false name.
    if (keyIdOf(createPublicKey(privateKey)) !== row.key_id)
      throw new Error(`The evidence pack key of organisation ${organizationId} does not match its key id.`);
    return { keyId: row.key_id, publicKeyPem: row.public_key_pem, privateKey };
  }

  private read(
    organizationId: string,
  ): Promise<Array<{ key_id: string; public_key_pem: string; private_key_pem: string }>> {
    return this.dataSource.query(
      `SELECT key_id, public_key_pem, private_key_pem FROM evidence_pack_keys WHERE organization_id = $1`,
      [organizationId],
    );
  }
}
