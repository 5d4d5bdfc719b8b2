import { MigrationInterface, QueryRunner } from 'typeorm';

/** The 38 Annex A controls in the standard's order (fixed by the standard, so written out here). */
export const SOA_CONTROLS = (
  'A.2.2 A.2.3 A.2.4 A.3.2 A.3.3 A.4.2 A.4.3 A.4.4 A.4.5 A.4.6 A.5.2 A.5.3 A.5.4 A.5.5 A.6.1.2 A.6.1.3 A.6.2.2 A.6.2.3 A.6.2.4 ' +
  'A.6.2.5 A.6.2.6 A.6.2.7 A.6.2.8 A.7.2 A.7.3 A.7.4 A.7.5 A.7.6 A.8.2 A.8.3 A.8.4 A.8.5 A.9.2 A.9.3 A.9.4 A.10.2 A.10.3 A.10.4'
).split(' ');

/**
 * Issue 12: the Statement of Applicability becomes a declared register (`workflows/registers/soa.json`).
 * Its rows move from `register_soa` into `register_records` (register `soa`, keyed by control id),
 * keeping their ids and versions, each with its current state as its first kept version; the table
 * goes. `position` is the control's place in the standard's order, as the seeded records have it.
 * Hand-written.
 */
export class SoaRecords1764530000000 implements MigrationInterface {
  name = 'SoaRecords1764530000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO register_records
        (organization_id, register_key, id, record_key, data, version, created_at, updated_at, source_task_id, instance_id)
      SELECT organization_id, 'soa', id, control_id,
             jsonb_build_object('controlId', control_id, 'title', title, 'family', family, 'applicable', applicable,
               'justification', justification, 'status', status, 'stage', stage, 'evidence', evidence,
               'ownerId', owner_id, 'position', array_position($1::text[], control_id) - 1),
             version, updated_at, updated_at, source_task_id, instance_id
        FROM "register_soa"
      ON CONFLICT (organization_id, register_key, record_key) DO NOTHING`,
      [SOA_CONTROLS],
    );
    await q.query(`INSERT INTO register_record_versions
        (organization_id, record_id, version, data, changed_at, source_task_id, instance_id)
      SELECT r.organization_id, r.id, r.version, r.data, r.updated_at, r.source_task_id, r.instance_id
        FROM register_records r JOIN "register_soa" s ON s.id = r.id AND s.organization_id = r.organization_id
      ON CONFLICT DO NOTHING`);
    await q.query(`DROP TABLE "register_soa"`);
  }

  public async down(): Promise<void> {
    throw new Error('SoaRecords cannot be reverted: register_soa was folded into register_records');
  }
}
