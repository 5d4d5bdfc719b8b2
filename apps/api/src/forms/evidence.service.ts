import {
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { contentMismatch } from './evidence-content';
import { EvidenceFile } from './evidence-file.entity';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** MIME types accepted as evidence: documents, images and data exports, nothing a browser would run. */
export const EVIDENCE_TYPES: readonly string[] = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/json',
];

/** What a form's `file` field stores. */
export interface EvidenceRef {
  sha256: string;
  name: string;
  size: number;
  type: string;
}

@Injectable()
export class EvidenceService {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the bytes once per organisation (by SHA-256) and returns the reference a form field keeps. */
  async upload(
    organizationId: string,
    actorId: string,
    name: string,
    type: string,
    content: Buffer,
  ): Promise<EvidenceRef> {
    const mime = type.trim().toLowerCase();
    if (!EVIDENCE_TYPES.includes(mime)) {
      throw new UnsupportedMediaTypeException({
        message: `Files of type ${type} are not accepted as evidence.`,
        allowed: EVIDENCE_TYPES,
      });
    }
    if (content.length > MAX_EVIDENCE_BYTES)
      throw new PayloadTooLargeException({ message: 'The file is larger than 10 MB.' });
    const mismatch = contentMismatch(mime, content);
    if (mismatch) {
      throw new UnsupportedMediaTypeException({ message: mismatch, declaredType: mime });
    }
    const sha256 = createHash('sha256').update(content).digest('hex');
    await this.dataSource.query(
      `INSERT INTO evidence_files (organization_id, sha256, name, size, type, content, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (organization_id, sha256) DO NOTHING`,
      [organizationId, sha256, name, content.length, mime, content, actorId],
    );
    return { sha256, name, size: content.length, type: mime };
  }

  async download(organizationId: string, sha256: string): Promise<EvidenceRef & { content: Buffer }> {
    const file = /^[0-9a-f]{64}$/.test(sha256)
      ? await this.dataSource
          .getRepository(EvidenceFile)
          .createQueryBuilder('e')
          .addSelect('e.content')
          .where({ organizationId, sha256 })
          .getOne()
      : null;
    if (!file) throw new NotFoundException({ message: 'Evidence file not found.' });
    return { sha256: file.sha256, name: file.name, size: file.size, type: file.type, content: file.content };
  }
}
