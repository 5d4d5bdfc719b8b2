import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TaskIndependence, type AreaOwnership } from '../workflow/task-independence';

/** An id covers itself and the ids below it: `5` covers `5.2`. */
const covers = (scopeId: string, id: string) => id === scopeId || id.startsWith(`${scopeId}.`);

/** The audit's own records say who audited, not who owns the area: they never make an auditor dependent. */
const AUDIT_REGISTERS = ['audit-programmes', 'audits', 'audit-findings'];

// A record is about an area when one of these fields names it, or its `controls` list does.
const SOURCES = `
  SELECT DISTINCT r.register_key AS register, a.area, p.field
    FROM register_records r
   CROSS JOIN LATERAL (VALUES ('ownerId', r.data->>'ownerId'), ('authorId', r.data->>'authorId')) p(field, person)
   CROSS JOIN LATERAL (
     SELECT r.data->>k AS area FROM unnest(ARRAY['itemId', 'requirement', 'clause', 'control', 'controlId']) k
     UNION ALL
     SELECT COALESCE(c->>'control', c->>'id', CASE WHEN jsonb_typeof(c) = 'string' THEN c #>> '{}' END)
       FROM jsonb_array_elements(CASE WHEN jsonb_typeof(r.data->'controls') = 'array' THEN r.data->'controls' ELSE '[]'::jsonb END) c
   ) a
   WHERE r.organization_id = $1 AND p.person = $3 AND NOT (r.register_key = ANY($4::text[]))
     AND a.area IS NOT NULL
     AND EXISTS (SELECT 1 FROM unnest($2::text[]) s WHERE a.area = s OR a.area LIKE s || '.%')
  ORDER BY 2, 1
  LIMIT 20`;

/** The clause each controlled document of the programme serves (its author owns that area). */
const DOCUMENT_CLAUSES: Record<string, string> = {
  'aims-scope': '4.3',
  'leadership-commitment': '5.1',
  'ai-policy': '5.2',
  'ai-objectives': '6.2',
  'project-plan': '6.3',
  'gap-consolidation': '6.1',
};

/**
 * Tells the independence rule who owns or authored an area: the `ownerId` and `authorId` of register
 * records about a clause or control in scope (gaps, risks through their controls, and any declared
 * register with such fields), the owner of each SoA row, and the author of each controlled document
 * (the AI policy for 5.2, the scope for 4.3, …).
 */
@Injectable()
export class RegisterAreaOwners implements OnModuleInit {
  constructor(private readonly independence: TaskIndependence) {}

  onModuleInit(): void {
    this.independence.addOwnershipSource((tx, org, scope, person) => this.owned(tx, org, scope, person));
  }

  async owned(
    tx: EntityManager,
    organizationId: string,
    scope: string[],
    personId: string,
  ): Promise<AreaOwnership[]> {
    const rows: Array<{ register: string; area: string; field: string }> = await tx.query(SOURCES, [
      organizationId,
      scope,
      personId,
      AUDIT_REGISTERS,
    ]);
    const documents: Array<{ doc_key: string }> = await tx.query(
      `SELECT doc_key FROM register_documents WHERE organization_id = $1 AND owner_id::text = $2 ORDER BY doc_key`,
      [organizationId, personId],
    );
    return [
      ...rows.map((row) => ({
        area: row.area,
        as: `${row.field === 'authorId' ? 'author' : 'owner'} in the ${row.register === 'soa' ? 'SoA' : `${row.register} register`}`,
      })),
      ...documents
        .map((d) => ({ doc: d.doc_key, area: DOCUMENT_CLAUSES[d.doc_key] }))
        .filter((d) => d.area && scope.some((s) => covers(s, d.area)))
        .map((d) => ({ area: d.area, as: `author of the document ${d.doc}` })),
    ];
  }
}
