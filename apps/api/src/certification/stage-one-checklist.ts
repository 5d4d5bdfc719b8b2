import { requiredDocumentedInformation } from '@aimsflow/iso42001';
import type { EntityManager } from 'typeorm';

/** Where Aimsflow keeps each item of documented information: controlled documents, then registers. */
const SOURCES: Record<string, { documents?: string[]; registers?: string[]; soa?: boolean }> = {
  '4.3': { documents: ['aims-scope'] },
  '5.2': { documents: ['ai-policy'] },
  '6.1.2': { registers: ['risks'] },
  '6.1.3': { soa: true, registers: ['risks'] },
  '6.1.4': { registers: ['impact-assessments'] },
  '6.2': { documents: ['ai-objectives'], registers: ['objectives'] },
  '7.5.1': { documents: [] },
  '8.1': { registers: ['ai-systems'] },
  '8.2': { registers: ['risks'] },
  '8.3': { registers: ['risks'], soa: true },
  '8.4': { registers: ['impact-assessments'] },
  '9.1': { registers: ['measurements', 'metrics'] },
  '9.2.2': { registers: ['audit-programmes', 'audits', 'audit-findings'] },
  '9.3.3': { registers: ['management-reviews', 'review-actions'] },
  '10.2': { registers: ['nonconformities', 'corrective-actions'] },
};

export interface StageOneLine {
  clause: string;
  what: string;
  link?: string;
  found: boolean;
  result: 'not-reviewed';
}

/**
 * The stage 1 document review: one line per documented information the catalogue lists, linked to
 * the page where Aimsflow keeps it and marked found when there is something there (an approved or
 * in-force document, a record in the register, an SoA row). Nothing found keeps the first place it
 * belongs as the link, so the AIMS manager sees where it is missing.
 */
export async function stageOneLines(tx: EntityManager, organizationId: string): Promise<StageOneLine[]> {
  const documents: Array<{ id: string; doc_key: string; ready: boolean }> = await tx.query(
    `SELECT id, doc_key, (approval_state = 'approved' OR in_force_version IS NOT NULL) AS ready
       FROM register_documents WHERE organization_id = $1`,
    [organizationId],
  );
  const counts: Array<{ register_key: string; count: number }> = await tx.query(
    `SELECT register_key, count(*)::int AS count FROM register_records WHERE organization_id = $1 GROUP BY 1`,
    [organizationId],
  );
  const records = new Map(counts.map((c) => [c.register_key, Number(c.count)]));
  // The SoA is the declared register `soa` (its records seeded with the Annex A controls).
  const soaRows = records.get('soa') ?? 0;
  return requiredDocumentedInformation.map(({ clause, what }) => {
    const source = SOURCES[clause] ?? {};
    const places: Array<{ link: string; found: boolean }> = [];
    for (const key of source.documents ?? []) {
      const doc = documents.find((d) => d.doc_key === key);
      places.push(
        doc
          ? { link: `/registers/documents/${doc.id}`, found: doc.ready }
          : { link: '/registers/documents', found: false },
      );
    }
    if (source.documents?.length === 0)
      places.push({ link: '/registers/documents', found: documents.some((d) => d.ready) });
    if (source.soa) places.push({ link: '/registers/soa', found: Number(soaRows) > 0 });
    for (const key of source.registers ?? [])
      places.push({ link: `/registers/${key}`, found: (records.get(key) ?? 0) > 0 });
    const place = places.find((p) => p.found) ?? places[0];
    return {
      clause,
      what,
      ...(place ? { link: place.link } : {}),
      found: place?.found ?? false,
      result: 'not-reviewed' as const,
    };
  });
}
