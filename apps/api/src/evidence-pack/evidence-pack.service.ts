import { Inject, Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { exportAuditTrail } from '../audit/audit-export';
import { AUDIT_SIGNING_KEY, type AuditSigningKey } from '../audit/audit-signing-key';
import { Organization } from '../identity/organization.entity';
import { DocumentRegister } from '../registers/document-register.service';
import { RegisterCatalog } from '../registers/register-catalog';
import { RegisterRecords } from '../registers/register-records.service';
import { RegistersService } from '../registers/registers.service';
import { citedEvidence, type CitedFile } from './cited-evidence';
import { PackSigningKeys, type PackPublicKey } from './pack-signing-key';
import { PackZip, type ManifestFile } from './pack-zip';
import { ReadinessService } from './readiness.service';

export const PACK_FORMAT = 'aimsflow-evidence-pack/1';
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';

export interface PackManifest {
  format: typeof PACK_FORMAT;
  organization: { id: string; name: string; slug: string };
  createdAt: string;
  createdBy: { id: string; name: string };
  key: PackPublicKey;
  files: ManifestFile[];
  /** The audit trail's chain heads in the exported snapshot: the trail in the pack ends exactly there. */
  auditChainHeads: Array<{ chainId: string; seq: string; hash: string }>;
}

/** What the pack will hold, known before the first byte is sent: its file count and an estimate of its size. */
export interface PackPlan {
  organization: Organization;
  registers: string[];
  documents: Array<{ docKey: string; title: string; version: number; content: unknown }>;
  evidence: Array<CitedFile & { size: number; type: string }>;
  files: number;
  estimatedBytes: number;
}

/** Rough sizes for the estimate: a register PDF, a CSV, an audit record's line once deflated. */
const PDF_BYTES = 40_000;
const CSV_BYTES = 2_000;
const AUDIT_LINE_BYTES = 250;

/**
 * The evidence pack: the SoA, every register, the documents in force, the evidence files they
 * cite, the audit trail and the readiness report, streamed as a zip while it is built, with a
 * manifest of every file's SHA-256 signed by the organisation's key (docs/evidence-pack.md).
 */
@Injectable()
export class EvidencePackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: RegisterCatalog,
    private readonly records: RegisterRecords,
    private readonly registers: RegistersService,
    private readonly documents: DocumentRegister,
    private readonly readiness: ReadinessService,
    private readonly keys: PackSigningKeys,
    @Inject(AUDIT_SIGNING_KEY) private readonly auditKey: AuditSigningKey,
  ) {}

  async plan(organizationId: string): Promise<PackPlan> {
    const organization = await this.dataSource
      .getRepository(Organization)
      .findOneByOrFail({ id: organizationId });
    // The SoA is a declared register too, but it goes in once, under soa/, with its signed-off header.
    const registers = (await this.catalog.all(this.dataSource.manager, organizationId))
      .map((r) => r.key)
      .filter((key) => key !== 'soa');
    const documents: PackPlan['documents'] = await this.dataSource.query(
      `SELECT d.doc_key AS "docKey", v.title, v.version, v.content
         FROM register_documents d
         JOIN register_document_versions v
           ON v.organization_id = d.organization_id AND v.document_id = d.id AND v.version = d.in_force_version
        WHERE d.organization_id = $1 ORDER BY d.doc_key`,
      [organizationId],
    );
    // Cited by a register record (SoA entries included) or a document in force; only files this organisation holds.
    const rows: Array<{ data: unknown }> = await this.dataSource.query(
      `SELECT data FROM register_records WHERE organization_id = $1`,
      [organizationId],
    );
    const cited = new Map<string, CitedFile>();
    for (const source of [...rows.map((r) => r.data), ...documents.map((d) => d.content)])
      for (const file of citedEvidence(source)) if (!cited.has(file.sha256)) cited.set(file.sha256, file);
    const stored: Array<{ sha256: string; size: number; type: string }> = cited.size
      ? await this.dataSource.query(
          `SELECT sha256, size, type FROM evidence_files WHERE organization_id = $1 AND sha256 = ANY($2::text[])
            ORDER BY sha256`,
          [organizationId, [...cited.keys()]],
        )
      : [];
    const evidence = stored.map((s) => ({ ...cited.get(s.sha256)!, size: s.size, type: s.type }));
    const [{ records }] = await this.dataSource.query(
      `SELECT count(*)::int AS records FROM history_records WHERE organization_id = $1`,
      [organizationId],
    );
    // SoA ×2, documents.csv, each register ×2, each document, each file, audit trail, readiness ×2, key.
    const files = 2 + 1 + registers.length * 2 + documents.length + evidence.length + 1 + 2 + 1;
    const estimatedBytes =
      (1 + registers.length) * (PDF_BYTES + CSV_BYTES) +
      documents.reduce((sum, d) => sum + JSON.stringify(d.content ?? null).length, 0) +
      evidence.reduce((sum, e) => sum + e.size, 0) +
      records * AUDIT_LINE_BYTES +
      20_000;
    return { organization, registers, documents, evidence, files, estimatedBytes };
  }

  /** Writes the pack to `out` while building it; `out` is not ended on failure (the caller destroys it). */
  async build(plan: PackPlan, user: { userId: string; name: string }, out: Writable): Promise<PackManifest> {
    const org = plan.organization;
    const zip = new PackZip(out);
    await zip.add('soa/statement-of-applicability.csv', await this.registers.soaCsv(org.id));
    await zip.add('soa/statement-of-applicability.pdf', await this.registers.soaPdf(org.id, org.name));
    await zip.add('registers/documents.csv', await this.documents.csv(org.id));
    for (const key of plan.registers) {
      await zip.add(`registers/${key}.csv`, await this.records.csv(org.id, key));
      await zip.add(`registers/${key}.pdf`, await this.records.pdf(org.id, key, org.name));
    }
    for (const doc of plan.documents)
      await zip.add(
        `documents/${safeName(doc.docKey)}-v${doc.version}.json`,
        `${JSON.stringify({ docKey: doc.docKey, title: doc.title, version: doc.version, content: doc.content }, null, 2)}\n`,
      );
    for (const file of plan.evidence) {
      // One file's bytes at a time (at most 10 MB), then pushed in pieces.
      const [row]: Array<{ content: Buffer }> = await this.dataSource.query(
        `SELECT content FROM evidence_files WHERE organization_id = $1 AND sha256 = $2`,
        [org.id, file.sha256],
      );
      await zip.add(`evidence/${file.sha256.slice(0, 12)}-${safeName(file.name)}`, row.content);
    }
    const heads: PackManifest['auditChainHeads'] = [];
    await zip.stream('audit/audit-trail.jsonl', (write) =>
      exportAuditTrail(this.dataSource, org.id, this.auditKey, async (line) => {
        if (line.startsWith('{"type":"head"')) {
          const head = JSON.parse(line);
          heads.push({ chainId: head.chainId, seq: head.seq, hash: head.hash });
        }
        await write(`${line}\n`);
      }),
    );
    const readiness = await this.readiness.report(org.id);
    await zip.add('readiness/readiness.json', `${JSON.stringify(readiness, null, 2)}\n`);
    await zip.add('readiness/readiness.csv', this.readiness.csv(readiness));
    const key = await this.keys.publicKey(org.id);
    await zip.add('public-key.pem', key.publicKeyPem);
    const manifest: PackManifest = {
      format: PACK_FORMAT,
      organization: { id: org.id, name: org.name, slug: org.slug },
      createdAt: new Date().toISOString(),
      createdBy: { id: user.userId, name: user.name },
      key,
      files: zip.files,
      auditChainHeads: heads,
    };
    const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    await zip.addUnlisted(MANIFEST, bytes);
    await zip.addUnlisted(SIGNATURE, `${await this.keys.sign(org.id, bytes)}\n`);
    await zip.finish();
    return manifest;
  }
}

/** A file name safe in any unzip tool: ASCII letters, digits, dot, dash and underscore. */
export function safeName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '');
  return (cleaned || 'file').slice(0, 100);
}
