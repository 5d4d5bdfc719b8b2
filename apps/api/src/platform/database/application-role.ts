import type { DataSource } from 'typeorm';

/** The audit trail's tables: the application role may read them and append only through `audit_append`. */
const AUDIT_TABLES = ['history_records', 'audit_chain_heads', 'audit_checkpoints'];

/**
 * Run as the owner after migrations: the application role gets ordinary rights on every table
 * except the audit trail, where it may read, append through the owner's `audit_append`
 * (SECURITY DEFINER), add checkpoints, and clear a head's "moved" flag, and nothing else. It owns
 * nothing, so it can neither ALTER a table nor disable a trigger. Idempotent: it runs at every start.
 */
export async function grantApplicationRole(owner: DataSource, role: string): Promise<void> {
  const r = quoteIdent(role);
  const audit = AUDIT_TABLES.join(', ');
  await owner.transaction(async (tx) => {
    for (const sql of [
      `GRANT USAGE ON SCHEMA public TO ${r}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
      `REVOKE ALL ON ${audit} FROM ${r}`,
      `REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ${r}`,
      // A register record's past versions are kept as they were (7.5.3).
      `REVOKE UPDATE, DELETE ON register_record_versions FROM ${r}`,
      // A document's kept drafts too; only the moment one was approved is written later.
      `REVOKE UPDATE, DELETE ON register_document_versions FROM ${r}`,
      `GRANT UPDATE (approved_at) ON register_document_versions TO ${r}`,
      `GRANT SELECT ON ${audit} TO ${r}`,
      `GRANT INSERT ON audit_checkpoints TO ${r}`,
      `GRANT UPDATE (dirty) ON audit_chain_heads TO ${r}`,
      `REVOKE ALL ON FUNCTION audit_append(uuid, jsonb) FROM PUBLIC`,
      `GRANT EXECUTE ON FUNCTION audit_append(uuid, jsonb) TO ${r}`,
    ])
      await tx.query(sql);
  });
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
