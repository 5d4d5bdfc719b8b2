import { Injectable } from '@nestjs/common';
import { annexAControls, controlFamilies } from '@aimsflow/iso42001';
import { DataSource, In } from 'typeorm';
import { Approval, ApprovalDecision } from '../approvals/approval.entity';
import { User } from '../identity/user.entity';
import { toCsv } from './csv';
import { DocumentRow } from './document.entity';
import { renderRegisterPdf } from './pdf-report';
import { RegisterRecords } from './register-records.service';
import { SoaRecords } from './soa-records';

export interface PersonRef {
  id: string;
  name: string;
}

export interface SoaView {
  controlId: string;
  title: string;
  family: string;
  familyTitle: string;
  applicable: boolean | null;
  justification: string | null;
  status: string;
  stage: string;
  owner: PersonRef | null;
  linkedRisks: Array<{ id: string; title: string; score: number }>;
  evidence: unknown[];
  version: number;
  updatedAt: Date | null;
}

const FAMILY_TITLES = new Map(controlFamilies.map((f) => [f.id, f.title]));

/** The SoA's own views (JSON rows, CSV, PDF) and the approvers of a document; scoped to the caller's organisation. */
@Injectable()
export class RegistersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: RegisterRecords,
    private readonly soaRecords: SoaRecords,
  ) {}

  /**
   * All 38 Annex A controls in the standard's order, whether or not anyone has decided on them yet:
   * the `soa` register's records (declared in `workflows/registers/soa.json`) in the SoA's row shape.
   */
  async soa(organizationId: string): Promise<SoaView[]> {
    const byControl = await this.soaRecords.byControl(this.dataSource.manager, organizationId);
    const rows = [...byControl.values()];
    const risks = (await this.records.records(organizationId, 'risks')) as unknown as Array<{
      id: string;
      title: string;
      score: number;
      controls?: Array<{ control?: string }>;
    }>;
    const people = await this.people(rows.map((r) => r.ownerId));
    return annexAControls.map((control) => {
      const row = byControl.get(control.id);
      return {
        controlId: control.id,
        title: control.title,
        family: control.family,
        familyTitle: FAMILY_TITLES.get(control.family) ?? control.family,
        applicable: row?.applicable ?? null,
        justification: row?.justification ?? null,
        status: row?.status ?? 'not-assessed',
        stage: row?.stage ?? 'catalogue',
        owner: personOf(people, row?.ownerId),
        linkedRisks: risks
          .filter((risk) => (risk.controls ?? []).some((c) => c.control === control.id))
          .map((risk) => ({ id: risk.id, title: risk.title, score: risk.score })),
        evidence: row?.evidence ?? [],
        version: row?.version ?? 0,
        updatedAt: row?.updatedAt ?? null,
      };
    });
  }

  async soaCsv(organizationId: string): Promise<string> {
    const rows = await this.soa(organizationId);
    return toCsv(
      [
        'Control',
        'Title',
        'Family',
        'Applicable',
        'Justification',
        'Status',
        'Owner',
        'Linked risks',
        'Evidence',
        'Updated',
      ],
      rows.map((r) => [
        r.controlId,
        r.title,
        `${r.family} ${r.familyTitle}`,
        applicability(r.applicable),
        r.justification ?? '',
        r.status,
        r.owner?.name ?? '',
        r.linkedRisks.map((risk) => risk.title).join('; '),
        evidenceNames(r.evidence).join('; '),
        r.updatedAt ? new Date(r.updatedAt).toISOString() : '',
      ]),
    );
  }

  /**
   * The SoA as a PDF: its rows, and from the SoA document (`register_documents`, `doc_key = 'soa'`)
   * its version, when it was approved and by whom (the approving decisions of the chain that signed it).
   */
  async soaPdf(organizationId: string, organizationName: string): Promise<Buffer> {
    const rows = await this.soa(organizationId);
    const applicable = rows.filter((r) => r.applicable === true).length;
    const excluded = rows.filter((r) => r.applicable === false).length;
    const doc = await this.dataSource.getRepository(DocumentRow).findOneBy({ organizationId, docKey: 'soa' });
    const approved = doc?.approvalState === 'approved' && doc.approvedAt ? doc.approvedAt : null;
    return renderRegisterPdf({
      title: `Statement of Applicability – ${organizationName}`,
      subtitle: `ISO/IEC 42001 Annex A: ${rows.length} controls, ${applicable} applicable, ${excluded} excluded, ${rows.length - applicable - excluded} undecided.`,
      columns: [
        { header: 'Control', width: 44 },
        { header: 'Title', width: 150 },
        { header: 'Applies', width: 46 },
        { header: 'Justification', width: 270 },
        { header: 'Status', width: 66 },
        { header: 'Owner', width: 90 },
        { header: 'Linked risks', width: 104 },
      ],
      rows: rows.map((r) => [
        r.controlId,
        r.title,
        applicability(r.applicable),
        r.justification ?? '',
        r.status,
        r.owner?.name ?? '',
        r.linkedRisks.map((risk) => risk.title).join('; '),
      ]),
      meta: {
        register: 'soa',
        organization: organizationName,
        version: doc
          ? doc.approvalState === 'approved'
            ? doc.version
            : `${doc.version} (${doc.approvalState})`
          : null,
        approvedAt: approved,
        approvedBy: approved && doc ? await this.approvers(doc) : null,
      },
    });
  }

  /** Who approved a document: everyone who approved in the last approved chain on its state, level by level. */
  private async approvers(doc: DocumentRow): Promise<string | null> {
    if (!doc.instanceId || !doc.stateScope) return null;
    const approval = await this.dataSource
      .getRepository(Approval)
      .createQueryBuilder('a')
      .where('a.organization_id = :org AND a.instance_id = :instance AND a.status = :status', {
        org: doc.organizationId,
        instance: doc.instanceId,
        status: 'approved',
      })
      .andWhere('starts_with(a.state_id, :scope)', { scope: `${doc.stateScope}.` })
      .orderBy('a.ended_at', 'DESC', 'NULLS LAST')
      .addOrderBy('a.created_at', 'DESC')
      .getOne();
    if (!approval) return null;
    const decisions = await this.dataSource.getRepository(ApprovalDecision).find({
      where: { approvalId: approval.id, decision: 'approve' },
      order: { level: 'ASC', decidedAt: 'ASC' },
    });
    const people = await this.people(decisions.map((d) => d.userId));
    const names = [...new Set(decisions.map((d) => people.get(d.userId) ?? 'Unknown user'))];
    return names.length ? names.join(', ') : null;
  }

  private async people(ids: Array<string | null | undefined>): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    if (unique.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).findBy({ id: In(unique) });
    return new Map(users.map((u) => [u.id, u.name]));
  }
}

function personOf(people: Map<string, string>, id: string | null | undefined): PersonRef | null {
  return id ? { id, name: people.get(id) ?? 'Unknown user' } : null;
}

function applicability(value: boolean | null): string {
  return value === true ? 'Yes' : value === false ? 'No' : 'Undecided';
}

function evidenceNames(evidence: unknown[]): string[] {
  return evidence.map((e) => (e as { file?: { name?: string } })?.file?.name).filter((n): n is string => !!n);
}
