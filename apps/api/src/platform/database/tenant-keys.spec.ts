import { startTestApp, type TestApp } from '../../testing/test-app';

/**
 * Every table is either a tenant table, whose rows belong to one organisation (an
 * `organization_id NOT NULL` column, so it can be distributed by organisation), or one of the
 * global tables named here on purpose. A new table that is neither fails this test. See
 * docs/scale-out.md.
 */
const GLOBAL_TABLES: Record<string, string> = {
  organizations: 'the tenants themselves (a Citus reference table)',
  users: 'login by email must find the user before the organisation is known (global lookup)',
  sessions: 'a session token is resolved before the organisation is known (global lookup)',
  login_failures: 'counted per email and address before sign-in',
  api_request_counts: 'counted per user across API processes',
  schema_migrations: 'the migrations applied',
};

/**
 * Tenant tables whose primary key does not lead with `organization_id` yet (a distributed table's
 * keys must include the distribution column). Changing one is a migration of its own; this list
 * only shrinks: a new tenant table must lead its primary key with `organization_id`.
 */
const PK_WITHOUT_ORGANISATION = new Set([
  'approval_decisions',
  'approvals',
  'audit_chain_heads',
  'child_batches',
  'evidence_files',
  'form_definitions',
  'form_versions',
  'group_members',
  'groups',
  'history_records',
  'inbox_views',
  'notification_preferences',
  'notifications',
  'outbox_messages',
  'process_instances',
  'register_documents',
  'task_comments',
  'tasks',
  'timers',
  'workflow_definitions',
]);

describe('tables are keyed for sharding by organisation (schema)', () => {
  let t: TestApp;
  let tables: { table: string; pk: string | null; org_not_null: boolean | null }[];

  beforeAll(async () => {
    t = await startTestApp();
    tables = await t.dataSource.query(`
      SELECT c.relname AS table,
             (SELECT string_agg(a.attname, ',' ORDER BY k.ord)
                FROM pg_index i
               CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
               WHERE i.indrelid = c.oid AND i.indisprimary) AS pk,
             (SELECT a.attnotnull FROM pg_attribute a
               WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped) AS org_not_null
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
       ORDER BY 1`);
  });
  afterAll(() => t?.close());

  it('gives every table but the named global ones a NOT NULL organization_id', () => {
    const tenant = tables.filter((row) => !(row.table in GLOBAL_TABLES));
    expect(tenant.length).toBeGreaterThan(20);
    expect(tenant.filter((row) => row.org_not_null !== true).map((row) => row.table)).toEqual([]);
  });

  it('leads every new tenant table’s primary key with organization_id', () => {
    const lagging = tables
      .filter((row) => !(row.table in GLOBAL_TABLES))
      .filter((row) => !row.pk?.startsWith('organization_id'))
      .map((row) => row.table);
    expect(lagging.filter((table) => !PK_WITHOUT_ORGANISATION.has(table))).toEqual([]);
    // Keep the list honest: a table migrated to a leading organisation key leaves it.
    expect([...PK_WITHOUT_ORGANISATION].filter((table) => !lagging.includes(table))).toEqual([]);
  });
});
