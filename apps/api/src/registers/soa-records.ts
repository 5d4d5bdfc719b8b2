import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { annexAControls } from '@aimsflow/iso42001';
import { DataSource, type EntityManager } from 'typeorm';
import { Organization } from '../identity/organization.entity';

/** One SoA record as `register_records` keeps it (register `soa`, keyed by control id). */
export interface SoaRecord {
  id: string;
  controlId: string;
  applicable: boolean | null;
  justification: string | null;
  status: string;
  stage: string;
  evidence: unknown[];
  ownerId: string | null;
  version: number;
  updatedAt: Date;
}

// The catalogue rows an organisation's SoA starts from, each with its first kept version.
const SEED = `
  WITH inserted AS (
    INSERT INTO register_records AS r (organization_id, register_key, record_key, data, created_at, updated_at)
    SELECT $1, 'soa', e->>'controlId', e, now(), now() FROM jsonb_array_elements($2::jsonb) e
    ON CONFLICT (organization_id, register_key, record_key) DO NOTHING
    RETURNING organization_id, id, version, data, created_at)
  INSERT INTO register_record_versions (organization_id, record_id, version, data, changed_at)
  SELECT organization_id, id, version, data, created_at FROM inserted`;
const CATALOGUE = JSON.stringify(
  annexAControls.map((c, position) => ({
    controlId: c.id,
    title: c.title,
    family: c.family,
    applicable: null,
    justification: null,
    status: 'not-assessed',
    stage: 'catalogue',
    evidence: [],
    ownerId: null,
    position,
  })),
);

/**
 * The Statement of Applicability is a declared register (`workflows/registers/soa.json`): its
 * projections draft, decide and approve entries. This seeds every organisation's SoA with all
 * Annex A controls, and reads it for the SoA's own views (JSON, CSV, PDF, the signed snapshot).
 */
@Injectable()
export class SoaRecords implements OnApplicationBootstrap {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const org of await this.dataSource.getRepository(Organization).find())
      await this.ensure(this.dataSource.manager, org.id);
  }

  async ensure(tx: EntityManager, organizationId: string): Promise<void> {
    const [{ count }] = await tx.query(
      `SELECT count(*)::int AS count FROM register_records WHERE organization_id = $1 AND register_key = 'soa'`,
      [organizationId],
    );
    if (Number(count) >= annexAControls.length) return;
    await tx.query(SEED, [organizationId, CATALOGUE]);
  }

  /** The organisation's SoA records by control id (controls nobody has written yet are absent). */
  async byControl(tx: EntityManager, organizationId: string): Promise<Map<string, SoaRecord>> {
    const rows: Array<{
      id: string;
      record_key: string;
      data: Record<string, unknown>;
      version: number;
      updated_at: Date;
    }> = await tx.query(
      `SELECT id, record_key, data, version, updated_at FROM register_records
          WHERE organization_id = $1 AND register_key = 'soa'`,
      [organizationId],
    );
    return new Map(
      rows.map((row) => {
        const d = row.data;
        const record: SoaRecord = {
          id: row.id,
          controlId: row.record_key,
          applicable: typeof d.applicable === 'boolean' ? d.applicable : null,
          justification: typeof d.justification === 'string' ? d.justification : null,
          status: typeof d.status === 'string' ? d.status : 'not-assessed',
          stage: typeof d.stage === 'string' ? d.stage : 'catalogue',
          evidence: Array.isArray(d.evidence) ? d.evidence : [],
          ownerId: typeof d.ownerId === 'string' ? d.ownerId : null,
          version: row.version,
          updatedAt: row.updated_at,
        };
        return [row.record_key, record];
      }),
    );
  }
}

/** The controls the SoA excludes (not applicable); undecided ones are not excluded. */
export async function excludedSoaControls(tx: EntityManager, organizationId: string): Promise<Set<string>> {
  const rows: Array<{ record_key: string }> = await tx.query(
    `SELECT record_key FROM register_records
      WHERE organization_id = $1 AND register_key = 'soa' AND data->'applicable' = 'false'::jsonb`,
    [organizationId],
  );
  return new Set(rows.map((r) => r.record_key));
}
