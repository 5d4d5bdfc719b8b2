import { Injectable } from '@nestjs/common';
import { clauses } from '@aimsflow/iso42001';
import { DocumentRegister, type DocumentView } from '../registers/document-register.service';
import { toCsv } from '../registers/csv';
import { RegisterRecords, type RecordView } from '../registers/register-records.service';
import { RegistersService, type SoaView } from '../registers/registers.service';
import { citedEvidence } from './cited-evidence';

export type Readiness = 'ready' | 'gap' | 'no-evidence';

export interface ReadinessItem {
  id: string;
  kind: 'clause' | 'control';
  title: string;
  /** The top-level clause (4–10) or `A` for Annex A: the chart's bar. */
  group: string;
  status: Readiness;
  /** Why it is a gap (empty unless `gap`). */
  gaps: string[];
  /** What counts as its evidence: cited files, documents in force, register records. */
  evidence: string[];
}

export interface ReadinessReport {
  generatedAt: string;
  rule: string;
  items: ReadinessItem[];
  groups: Array<{ group: string; title: string } & Record<Readiness, number>>;
  totals: Record<Readiness, number>;
  /** Annex A controls whose applicability the SoA has not decided: not counted either way. */
  undecidedControls: number;
}

/** The rule, as the report states it (docs/evidence-pack.md says the same). */
export const READINESS_RULE =
  'gap: the gap analysis says not started or partly in place (a clause cannot be not applicable), the SoA says ' +
  'not started, planned or partial, a document the clause requires is not in force, or an open nonconformity ' +
  'names it. ready: not a gap, assessed as in place (or, for a clause with no assessment, served by a document ' +
  'in force or completed register records) and with at least one piece of evidence. no-evidence: anything else.';

/** The controlled documents a clause needs in force. */
const DOCUMENTS: Record<string, string[]> = {
  '4.3': ['aims-scope'],
  '5.1': ['leadership-commitment'],
  '5.2': ['ai-policy'],
  '6.1.3': ['soa'],
  '6.2': ['ai-objectives'],
};

/** Register records that evidence a clause, and the statuses at which they count (all when empty). */
const REGISTERS: Record<string, { register: string; statuses: string[] }> = {
  '4.3': { register: 'ai-systems', statuses: [] },
  '6.1.2': { register: 'risks', statuses: ['treating', 'awaiting-acceptance', 'accepted', 'avoided'] },
  '6.1.3': { register: 'risks', statuses: ['accepted', 'avoided'] },
  '6.1.4': { register: 'impact-assessments', statuses: ['approved'] },
  '6.2': { register: 'objectives', statuses: ['approved'] },
  '8.2': { register: 'risks', statuses: ['treating', 'awaiting-acceptance', 'accepted', 'avoided'] },
  '8.3': { register: 'risks', statuses: ['accepted', 'avoided'] },
  '8.4': { register: 'impact-assessments', statuses: ['approved'] },
  '9.1': { register: 'measurements', statuses: [] },
  '9.2.1': { register: 'audits', statuses: ['completed'] },
  '9.2.2': { register: 'audit-programmes', statuses: ['approved', 'completed'] },
  '9.3.1': { register: 'management-reviews', statuses: ['signed', 'closed'] },
  '9.3.2': { register: 'management-reviews', statuses: ['signed', 'closed'] },
  '9.3.3': { register: 'management-reviews', statuses: ['signed', 'closed'] },
  '10.2': { register: 'corrective-actions', statuses: ['effective'] },
};

const GROUP_TITLES = [
  ...clauses.filter((c) => c.parent === null).map((c) => ({ group: c.id, title: c.title })),
  { group: 'A', title: 'Annex A controls (applicable)' },
];

/**
 * Where the organisation stands against each requirement area of clauses 4–10 and each applicable
 * Annex A control, from the registers only (gaps, SoA, documents, risks and the other process
 * registers, open nonconformities). READINESS_RULE says how.
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly records: RegisterRecords,
    private readonly registers: RegistersService,
    private readonly documents: DocumentRegister,
  ) {}

  async report(organizationId: string): Promise<ReadinessReport> {
    const [gaps, soa, documents, nonconformities] = await Promise.all([
      this.records.records(organizationId, 'gaps'),
      this.registers.soa(organizationId),
      this.documents.list(organizationId),
      this.records.records(organizationId, 'nonconformities'),
    ]);
    const used = [...new Set(Object.values(REGISTERS).map((r) => r.register))];
    const byRegister = new Map<string, RecordView[]>();
    for (const key of used) byRegister.set(key, await this.records.records(organizationId, key));
    const gapOf = new Map(gaps.map((g) => [String(g.itemId), g]));
    const openNcs = nonconformities.filter((nc) => nc.status !== 'closed');

    const parents = new Set(clauses.map((c) => c.parent));
    const areas = clauses.filter((c) => c.parent !== null && !parents.has(c.id));
    const items: ReadinessItem[] = [
      ...areas.map((c) => clauseItem(c.id, c.title, gapOf.get(c.id), documents, byRegister, openNcs)),
      ...soa
        .filter((row) => row.applicable === true)
        .map((row) => controlItem(row, gapOf.get(row.controlId), openNcs)),
    ];
    const count = (list: ReadinessItem[]) => ({
      ready: list.filter((i) => i.status === 'ready').length,
      gap: list.filter((i) => i.status === 'gap').length,
      'no-evidence': list.filter((i) => i.status === 'no-evidence').length,
    });
    return {
      generatedAt: new Date().toISOString(),
      rule: READINESS_RULE,
      items,
      groups: GROUP_TITLES.map((g) => ({ ...g, ...count(items.filter((i) => i.group === g.group)) })),
      totals: count(items),
      undecidedControls: soa.filter((row) => row.applicable === null).length,
    };
  }

  csv(report: ReadinessReport): string {
    return toCsv(
      ['Requirement', 'Kind', 'Title', 'Readiness', 'Gaps', 'Evidence'],
      report.items.map((i) => [i.id, i.kind, i.title, i.status, i.gaps.join('; '), i.evidence.join('; ')]),
    );
  }
}

function clauseItem(
  id: string,
  title: string,
  gap: RecordView | undefined,
  documents: DocumentView[],
  byRegister: Map<string, RecordView[]>,
  openNcs: RecordView[],
): ReadinessItem {
  const gaps: string[] = [];
  const evidence = files(gap);
  if (gap?.status === 'not-started' || gap?.status === 'partial') gaps.push(`gap analysis: ${gap.status}`);
  if (gap?.status === 'not-applicable') gaps.push('marked not applicable, but every clause applies');
  for (const docKey of DOCUMENTS[id] ?? []) {
    const doc = documents.find((d) => d.docKey === docKey);
    if (doc?.inForce) evidence.push(`document ${doc.title} v${doc.inForce.version} in force`);
    else gaps.push(`document ${doc?.title ?? docKey} not in force`);
  }
  const source = REGISTERS[id];
  if (source) {
    const done = (byRegister.get(source.register) ?? []).filter(
      (r) => source.statuses.length === 0 || source.statuses.includes(String(r.status)),
    );
    if (done.length) evidence.push(`${done.length} ${source.register} record${done.length === 1 ? '' : 's'}`);
  }
  gaps.push(...ncs(openNcs, (nc) => covers(id, nc.clause)));
  const served = evidence.length > files(gap).length; // a document in force or register records
  const claimed = gap ? gap.status === 'implemented' : served;
  return {
    id,
    kind: 'clause',
    title,
    group: id.split('.')[0],
    status: gaps.length ? 'gap' : claimed && evidence.length ? 'ready' : 'no-evidence',
    gaps,
    evidence,
  };
}

function controlItem(row: SoaView, gap: RecordView | undefined, openNcs: RecordView[]): ReadinessItem {
  const gaps: string[] = [];
  // The SoA's status is the later decision; the gap analysis speaks only while the SoA has not.
  const status = row.status !== 'not-assessed' ? row.status : String(gap?.status ?? 'not-assessed');
  if (['not-started', 'planned', 'partial'].includes(status)) gaps.push(`implementation: ${status}`);
  gaps.push(...ncs(openNcs, (nc) => nc.control === row.controlId));
  const evidence = [...new Set([...citedEvidence(row.evidence).map((e) => `file ${e.name}`), ...files(gap)])];
  return {
    id: row.controlId,
    kind: 'control',
    title: row.title,
    group: 'A',
    status: gaps.length ? 'gap' : status === 'implemented' && evidence.length ? 'ready' : 'no-evidence',
    gaps,
    evidence,
  };
}

function files(gap: RecordView | undefined): string[] {
  return gap ? citedEvidence(gap.evidence).map((e) => `file ${e.name}`) : [];
}

function ncs(open: RecordView[], about: (nc: RecordView) => boolean): string[] {
  return open.filter(about).map((nc) => `open nonconformity: ${String(nc.title ?? nc.key)}`);
}

/** `5` covers `5.2`; a nonconformity against 6.1 is about 6.1.2 too, one against 6.1.2 is not about 6.1.3. */
function covers(area: string, clause: unknown): boolean {
  if (typeof clause !== 'string' || !clause) return false;
  return area === clause || area.startsWith(`${clause}.`);
}
