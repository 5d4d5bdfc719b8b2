import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: registers as data. Every declared register keeps its records in `register_records`
 * (one row per register and record key, the fields in `data`), and every change appends the whole
 * record as it then stood to `register_record_versions` (7.5.3: superseded versions stay readable).
 * The four registers that had a table each move over, keeping their row ids (AI-system pickers and
 * risk links store them); their tables go. Hand-written.
 */
export class RegisterRecords1764430000000 implements MigrationInterface {
  name = 'RegisterRecords1764430000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "register_records" (
      "organization_id" uuid NOT NULL,
      "register_key" text NOT NULL,
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "record_key" text NOT NULL,
      "data" jsonb NOT NULL DEFAULT '{}',
      "version" integer NOT NULL DEFAULT 1,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_by" uuid,
      "source_task_id" uuid,
      "instance_id" uuid,
      CONSTRAINT "register_records_pkey" PRIMARY KEY ("organization_id", "id"),
      CONSTRAINT "register_records_key" UNIQUE ("organization_id", "register_key", "record_key"))`);
    await q.query(
      `CREATE INDEX "register_records_list_idx" ON "register_records" ("organization_id", "register_key", "updated_at", "id")`,
    );
    await q.query(`CREATE TABLE "register_record_versions" (
      "organization_id" uuid NOT NULL,
      "record_id" uuid NOT NULL,
      "version" integer NOT NULL,
      "data" jsonb NOT NULL,
      "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "changed_by" uuid,
      "source_task_id" uuid,
      "instance_id" uuid,
      CONSTRAINT "register_record_versions_pkey" PRIMARY KEY ("organization_id", "record_id", "version"),
      CONSTRAINT "register_record_versions_record_fk" FOREIGN KEY ("organization_id", "record_id")
        REFERENCES "register_records" ("organization_id", "id") ON DELETE CASCADE)`);

    const move = async (register: string, table: string, recordKey: string, data: string) => {
      await q.query(`INSERT INTO register_records
          (organization_id, register_key, id, record_key, data, version, created_at, updated_at, source_task_id, instance_id)
        SELECT organization_id, '${register}', id, ${recordKey}, ${data}, version, updated_at, updated_at, source_task_id, instance_id
        FROM "${table}"`);
      await q.query(`DROP TABLE "${table}"`);
    };
    await move(
      'ai-systems',
      'register_ai_systems',
      'name_key',
      `jsonb_build_object('name', name, 'purpose', purpose, 'ownerId', owner_id, 'lifecycleStage', lifecycle_stage,
        'ourRole', our_role, 'automation', automation, 'usesPersonalData', uses_personal_data, 'details', details)`,
    );
    await move(
      'risks',
      'register_risks',
      'instance_id::text',
      `jsonb_build_object('aiSystemId', ai_system_id, 'aiSystemName', ai_system_name, 'title', title,
        'description', description, 'riskSource', risk_source, 'likelihood', likelihood, 'impact', impact,
        'score', score, 'treatment', treatment, 'controls', controls, 'residualLikelihood', residual_likelihood,
        'residualImpact', residual_impact, 'ownerId', owner_id, 'authorId', author_id, 'acceptance', acceptance)`,
    );
    await move(
      'impact-assessments',
      'register_impact_assessments',
      'instance_id::text',
      `jsonb_build_object('aiSystemId', ai_system_id, 'aiSystemName', ai_system_name, 'intendedUse', intended_use,
        'affected', affected, 'impacts', impacts, 'maxSeverity', max_severity, 'conclusion', conclusion,
        'assessedOn', assessed_on, 'ownerId', owner_id, 'status', status)`,
    );
    await move(
      'gaps',
      'register_gaps',
      'item_id',
      `jsonb_build_object('itemId', item_id, 'itemKind', item_kind, 'itemTitle', item_title, 'status', status,
        'evidence', evidence, 'note', note, 'justification', justification, 'ownerId', owner_id,
        'priority', priority, 'action', action, 'targetDate', target_date)`,
    );
    // The moved records' current state is their first kept version.
    await q.query(`INSERT INTO register_record_versions
        (organization_id, record_id, version, data, changed_at, source_task_id, instance_id)
      SELECT organization_id, id, version, data, updated_at, source_task_id, instance_id FROM register_records`);
  }

  public async down(): Promise<void> {
    throw new Error(
      'RegisterRecords cannot be reverted: the per-register tables were folded into register_records',
    );
  }
}
