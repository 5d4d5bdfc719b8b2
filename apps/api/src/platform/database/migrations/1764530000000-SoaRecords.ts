import { MigrationInterface, QueryRunner } from 'typeorm';

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
    await q.query(`INSERT INTO register_records
        (organization_id, register_key, id, record_key, data, version, created_at, updated_at, source_task_id, instance_id)
      SELECT organization_id, 'soa', id, control_id,
             jsonb_build_object('controlId', control_id, 'title', title, 'family', family, 'applicable', applicable,
               'justification', justification, 'status', status, 'stage', stage, 'evidence', evidence,
               'ownerId', owner_id, 'position', position),
             version, updated_at, updated_at, source_task_id, instance_id
        FROM (SELECT s.*, (row_number() OVER (PARTITION BY organization_id ORDER BY
                (string_to_array(substr(control_id, 3), '.'))::int[]) - 1)::int AS position
                FROM "register_soa" s) s
      ON CONFLICT (organization_id, register_key, record_key) DO NOTHING`);
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
