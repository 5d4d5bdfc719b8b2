import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { User } from '../identity/user.entity';
import { toCsv } from './csv';
import { DocumentRow } from './document.entity';
import { renderRegisterPdf } from './pdf-report';

interface PersonRef {
  id: string;
  name: string;
}

/** A document as the register lists it: its newest version, and the version in force when they differ. */
export interface DocumentView {
  id: string;
  docKey: string;
  title: string;
  version: number;
  approvalState: string;
  approvedAt: Date | null;
  reviewDate: string | null;
  owner: PersonRef | null;
  instanceId: string | null;
  updatedAt: Date;
  /** The version last approved; `null` before any approval. Equal to `version` when the newest is approved. */
  inForce: { version: number; approvedAt: Date | null; reviewDate: string | null } | null;
}

interface VersionRow {
  version: number;
  title: string;
  content: unknown;
  owner_id: string | null;
  instance_id: string | null;
  recorded_at: Date;
  approved_at: Date | null;
}

/**
 * Read side of documented information (7.5): each controlled document, the version in force while
 * a revision is in approval, and every kept version (superseded ones stay readable, 7.5.3).
 */
@Injectable()
export class DocumentRegister {
  constructor(private readonly dataSource: DataSource) {}

  async list(organizationId: string): Promise<DocumentView[]> {
    const rows = await this.dataSource
      .getRepository(DocumentRow)
      .find({ where: { organizationId }, order: { title: 'ASC' } });
    const people = await this.people(rows.map((r) => r.ownerId));
    return rows.map((row) => view(row, people));
  }

  /** One document with every kept version, newest first; each says whether it is in force or superseded. */
  async one(organizationId: string, id: string) {
    const row = await this.dataSource.getRepository(DocumentRow).findOneBy({ organizationId, id });
    if (!row) throw new NotFoundException('No such document in this organisation');
    const versions: VersionRow[] = await this.dataSource.query(
      `SELECT version, title, content, owner_id, instance_id, recorded_at, approved_at
         FROM register_document_versions
        WHERE organization_id = $1 AND document_id = $2
        ORDER BY version DESC`,
      [organizationId, id],
    );
    const people = await this.people([row.ownerId, ...versions.map((v) => v.owner_id)]);
    return {
      document: view(row, people),
      versions: versions.map((v) => ({
        version: v.version,
        title: v.title,
        content: v.content,
        owner: personOf(people, v.owner_id),
        instanceId: v.instance_id,
        recordedAt: v.recorded_at,
        approvedAt: v.approved_at,
        standing: standing(row, v),
      })),
    };
  }

  async csv(organizationId: string): Promise<string> {
    const docs = await this.list(organizationId);
    return toCsv(
      ['Document', 'Newest version', 'Approval', 'In force', 'Approved', 'Next review', 'Owner', 'Updated'],
      docs.map((d) => [
        d.title,
        d.version,
        d.approvalState,
        d.inForce ? d.inForce.version : '',
        d.inForce?.approvedAt ? new Date(d.inForce.approvedAt).toISOString() : '',
        d.inForce?.reviewDate ?? '',
        d.owner?.name ?? '',
        new Date(d.updatedAt).toISOString(),
      ]),
    );
  }

  /** The register as a PDF for auditors: the same columns as the CSV, headed like every register PDF. */
  async pdf(organizationId: string, organizationName: string): Promise<Buffer> {
    const docs = await this.list(organizationId);
    const inForce = docs.filter((d) => d.inForce).length;
    return renderRegisterPdf({
      title: `Documented information (ISO/IEC 42001 7.5) – ${organizationName}`,
      subtitle: `${docs.length} controlled documents, ${inForce} with a version in force.`,
      columns: [
        { header: 'Document', width: 170 },
        { header: 'Newest version', width: 60 },
        { header: 'Approval', width: 80 },
        { header: 'In force', width: 50 },
        { header: 'Approved', width: 90 },
        { header: 'Next review', width: 70 },
        { header: 'Owner', width: 110 },
      ],
      rows: docs.map((d) => [
        d.title,
        String(d.version),
        d.approvalState,
        d.inForce ? String(d.inForce.version) : '',
        d.inForce?.approvedAt ? utc(d.inForce.approvedAt) : '',
        d.inForce?.reviewDate ?? '',
        d.owner?.name ?? '',
      ]),
      meta: { register: 'documents', organization: organizationName },
    });
  }

  private async people(ids: Array<string | null | undefined>): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    if (unique.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).findBy({ id: In(unique) });
    return new Map(users.map((u) => [u.id, u.name]));
  }
}

function view(row: DocumentRow, people: Map<string, string>): DocumentView {
  return {
    id: row.id,
    docKey: row.docKey,
    title: row.title,
    version: row.version,
    approvalState: row.approvalState,
    approvedAt: row.approvedAt,
    reviewDate: row.reviewDate,
    owner: personOf(people, row.ownerId),
    instanceId: row.instanceId,
    updatedAt: row.updatedAt,
    inForce:
      row.inForceVersion === null
        ? null
        : {
            version: row.inForceVersion,
            approvedAt: row.inForceApprovedAt,
            reviewDate: row.inForceReviewDate,
          },
  };
}

/** in-force: the version last approved; superseded: approved once, replaced since; else a draft (newest or not taken). */
function standing(row: DocumentRow, v: VersionRow): 'in-force' | 'superseded' | 'draft' | 'in-approval' {
  if (v.version === row.inForceVersion) return 'in-force';
  if (v.approved_at) return 'superseded';
  return v.version === row.version && row.approvalState === 'in-approval' ? 'in-approval' : 'draft';
}

function utc(date: Date): string {
  return `${new Date(date).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function personOf(people: Map<string, string>, id: string | null | undefined): PersonRef | null {
  return id ? { id, name: people.get(id) ?? 'Unknown user' } : null;
}
