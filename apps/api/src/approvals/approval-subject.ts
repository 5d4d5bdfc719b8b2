import type { EntityManager } from 'typeorm';
import type { NewHistoryEntry } from '../audit/audit-trail.service';

const APPROVAL_FORM = 'approval-decision';

/** The form a chain's subject was submitted with, when the subject is exactly that submission. */
export interface SubjectForm {
  key: string;
  version: number;
  title: string;
}

interface FormRow {
  key: string;
  version: number;
  title: string;
  schema: { properties?: Record<string, unknown> };
}

/** A subject is a form's submission when every one of its fields is a field of that form. */
function isSubmissionOf(subject: unknown, schema: FormRow['schema']): boolean {
  if (!subject || typeof subject !== 'object' || Array.isArray(subject)) return false;
  const fields = schema.properties ?? {};
  const keys = Object.keys(subject);
  return keys.length > 0 && keys.every((k) => Object.hasOwn(fields, k));
}

async function formRow(
  tx: EntityManager,
  organizationId: string,
  key: string,
  version: number | null,
): Promise<FormRow | undefined> {
  const [row] = await tx.query(
    `SELECT key, version, title, schema FROM form_versions WHERE organization_id = $1 AND key = $2
      AND ($3::int IS NULL OR version = $3) ORDER BY version DESC LIMIT 1`,
    [organizationId, key, version],
  );
  return row;
}

function parseSource(payload: unknown): { formKey: string; formVersion: number | null } | null {
  const p = payload as { formKey?: unknown; formVersion?: unknown } | null;
  if (typeof p?.formKey !== 'string' || p.formKey === APPROVAL_FORM) return null;
  return { formKey: p.formKey, formVersion: typeof p.formVersion === 'number' ? p.formVersion : null };
}

/**
 * The form of the step completed last before the chain started, if the subject is its submission
 * (a phase gate's subject, the whole context, is not). `pending`: the step's uncommitted history.
 */
export async function subjectFormAtStart(
  tx: EntityManager,
  organizationId: string,
  instanceId: string,
  subject: unknown,
  pending: NewHistoryEntry[],
): Promise<SubjectForm | null> {
  const own = [...pending]
    .reverse()
    .find((h) => h.instanceId === instanceId && h.kind === 'task.completed' && parseSource(h.payload));
  let source = own ? parseSource(own.payload) : null;
  if (!source) {
    const [row] = await tx.query(
      `SELECT payload FROM history_records WHERE instance_id = $1 AND kind = 'task.completed'
        AND coalesce(payload->>'formKey', '') <> $2 ORDER BY seq DESC LIMIT 1`,
      [instanceId, APPROVAL_FORM],
    );
    source = row ? parseSource(row.payload) : null;
  }
  return source ? matching(tx, organizationId, source, subject) : null;
}

/** The same, read back later: the last step completed before the chain's `approval.requested` record. */
export async function subjectFormOf(
  tx: EntityManager,
  approval: { id: string; organizationId: string; instanceId: string; subject: unknown },
): Promise<SubjectForm | null> {
  const [row] = await tx.query(
    `SELECT c.payload FROM history_records c
      WHERE c.instance_id = $1 AND c.kind = 'task.completed' AND coalesce(c.payload->>'formKey', '') <> $3
        AND c.seq < (SELECT r.seq FROM history_records r WHERE r.instance_id = $1
                      AND r.kind = 'approval.requested' AND r.payload->>'approvalId' = $2 LIMIT 1)
      ORDER BY c.seq DESC LIMIT 1`,
    [approval.instanceId, approval.id, APPROVAL_FORM],
  );
  const source = row ? parseSource(row.payload) : null;
  return source ? matching(tx, approval.organizationId, source, approval.subject) : null;
}

async function matching(
  tx: EntityManager,
  organizationId: string,
  source: { formKey: string; formVersion: number | null },
  subject: unknown,
): Promise<SubjectForm | null> {
  const form = await formRow(tx, organizationId, source.formKey, source.formVersion);
  if (!form || !isSubmissionOf(subject, form.schema)) return null;
  return { key: form.key, version: form.version, title: form.title };
}

/**
 * An approval task's title names what is decided: "Approve: AI policy v1.2" from the subject's form
 * and version, else the process's name ("Approve: Phase 1 — Plan & Prepare"); the level when there are several.
 */
export async function approvalTitle(
  tx: EntityManager,
  approval: { organizationId: string; instanceId: string; subject: unknown },
  form: SubjectForm | null,
  levelNo: number,
  levels: number,
): Promise<string> {
  // The generic task form ("Task") says nothing about what is signed: the process's name does.
  let what = form && form.key !== 'generic-task' ? form.title : null;
  if (!what) {
    const [row] = await tx.query(
      `SELECT d.name FROM process_instances i JOIN workflow_definitions d ON d.id = i.definition_id WHERE i.id = $1`,
      [approval.instanceId],
    );
    what = typeof row?.name === 'string' && row.name.trim() ? row.name.trim() : null;
  }
  const version = (approval.subject as { version?: unknown } | null)?.version;
  const suffix =
    what && form && (typeof version === 'string' || typeof version === 'number') && String(version).trim()
      ? ` v${String(version).trim().replace(/^v/i, '')}`
      : '';
  const level = levels > 1 ? ` (level ${levelNo} of ${levels})` : '';
  return `${what ? `Approve: ${what}${suffix}` : 'Approve'}${level}`.slice(0, 500);
}
