import { Injectable } from '@nestjs/common';
import { annexAControls, controlFamilies } from '@aimsflow/iso42001';
import { DataSource, In } from 'typeorm';
import { User } from '../identity/user.entity';
import { toCsv } from './csv';
import { DocumentRow } from './document.entity';
import { renderPdfTable } from './pdf-writer';
import { RegisterRecords } from './register-records.service';
import { SoaRow } from './soa-row.entity';

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

/** Read side of the two registers that are still code (SoA, documents); scoped to the caller's organisation. */
@Injectable()
export class RegistersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: RegisterRecords,
  ) {}

  /** All 38 Annex A controls in the standard's order, whether or not anyone has decided on them yet. */
  async soa(organizationId: string): Promise<SoaView[]> {
    const rows = await this.dataSource.getRepository(SoaRow).findBy({ organizationId });
    const risks = (await this.records.records(organizationId, 'risks')) as unknown as Array<{
      id: string;
      title: string;
      score: number;
      controls?: Array<{ control?: string }>;
    }>;
    const people = await this.people(rows.map((r) => r.ownerId));
    const byControl = new Map(rows.map((r) => [r.controlId, r]));
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

  async soaPdf(organizationId: string, organizationName: string): Promise<Buffer> {
    const rows = await this.soa(organizationId);
    const applicable = rows.filter((r) => r.applicable === true).length;
    const excluded = rows.filter((r) => r.applicable === false).length;
    return renderPdfTable({
      title: `Statement of Applicability - ${organizationName}`,
      subtitle: `ISO/IEC 42001 Annex A: ${rows.length} controls, ${applicable} applicable, ${excluded} excluded, ${rows.length - applicable - excluded} undecided. Generated ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
      columns: [
        { header: 'Control', width: 48 },
        { header: 'Title', width: 170 },
        { header: 'Applies', width: 50 },
        { header: 'Justification', width: 250 },
        { header: 'Status', width: 70 },
        { header: 'Owner', width: 90 },
        { header: 'Linked risks', width: 92 },
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
    });
  }

  async documents(organizationId: string) {
    const rows = await this.dataSource
      .getRepository(DocumentRow)
      .find({ where: { organizationId }, order: { title: 'ASC' } });
    const people = await this.people(rows.map((r) => r.ownerId));
    return rows.map(({ organizationId: _org, ownerId, stateScope: _scope, ...row }) => ({
      ...row,
      owner: personOf(people, ownerId),
    }));
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
