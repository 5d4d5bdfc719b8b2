import { managementReviewInputs_9_3_2 } from '@aimsflow/iso42001';
import type { RegisterDeclaration } from '@aimsflow/engine';
import type { EntityManager } from 'typeorm';
import type { RegisterCatalog } from '../registers/register-catalog';

/** Where one part of the pack reads from: a declared register (optionally a subset), or the latest submission of a form. */
type SourceSpec =
  | { register: string; where?: { field: string; values: unknown[]; title: string } }
  | { form: string; title: string; list: string };

/**
 * Which registers answer each 9.3.2 input. Registers other processes add (nonconformities, audits)
 * are read by key when they exist; until then the pack says the register is not there yet.
 */
const SOURCES: Record<string, SourceSpec[]> = {
  '9.3.2.a': [{ register: 'review-actions' }],
  '9.3.2.b': [{ form: 'context-issues', title: 'Context issues', list: 'issues' }],
  '9.3.2.c': [{ form: 'interested-parties', title: 'Interested parties', list: 'parties' }],
  '9.3.2.d.1': [{ register: 'nonconformities' }, { register: 'corrective-actions' }],
  '9.3.2.d.2': [{ register: 'measurements' }, { register: 'metrics' }, { register: 'objectives' }],
  '9.3.2.d.3': [{ register: 'audits' }, { register: 'audit-findings' }],
  '9.3.2.e': [
    {
      register: 'audit-findings',
      where: {
        field: 'grade',
        values: ['opportunity', 'ofi', 'improvement'],
        title: 'Opportunities for improvement the audits found',
      },
    },
    { register: 'measurements', where: { field: 'targetMet', values: [false], title: 'Targets missed' } },
    {
      register: 'gaps',
      where: { field: 'status', values: ['not-started', 'partial'], title: 'Gaps not yet closed' },
    },
  ],
};

/** How many records of a register the pack lists (the counts cover them all). */
const ITEMS_SHOWN = 25;

export interface PackItem {
  id: string;
  label: string;
  status: string | null;
  updatedAt: string;
  changedSinceLastReview: boolean;
  /** The register's declared columns (people as their ids). */
  fields: Record<string, unknown>;
}

export interface PackSource {
  /** The register key, or `form:<key>` for a form's latest submission. */
  source: string;
  title: string;
  available: boolean;
  /** Why it has nothing, e.g. "no register yet". */
  note?: string;
  total?: number;
  byStatus?: Array<{ value: string; title: string; count: number }>;
  /** For registers with a `grade` (findings, nonconformities): how many of each grade. */
  byGrade?: Array<{ value: string; count: number }>;
  newSinceLastReview?: number;
  changedSinceLastReview?: number;
  /** The total the previous review's frozen pack showed, for the trend. */
  totalAtLastReview?: number | null;
  items?: PackItem[];
}

export interface InputPack {
  reviewId: string;
  compiledAt: string;
  lastReview: { id: string; title: string | null; heldOn: string | null; frozenAt: string } | null;
  inputs: Array<{ id: string; title: string; sources: PackSource[] }>;
}

interface Row {
  id: string;
  data: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

/** The previous review this one follows: the latest other review whose pack was frozen. */
async function lastReview(tx: EntityManager, organizationId: string, reviewId: string) {
  const [row]: Array<{ id: string; data: Record<string, unknown> }> = await tx.query(
    `SELECT record_key AS id, data FROM register_records
      WHERE organization_id = $1 AND register_key = 'management-reviews' AND record_key <> $2
        AND data->>'inputPackFrozenAt' IS NOT NULL
      ORDER BY data->>'inputPackFrozenAt' DESC LIMIT 1`,
    [organizationId, reviewId],
  );
  return row ?? null;
}

/**
 * The management review's input pack as the registers stand now: for each 9.3.2 input, each
 * source's counts by status, what is new or changed since the last review, the total that review
 * saw (the trend), and the most recently changed records. Reads through `tx`, so it can run in the
 * step that freezes it.
 */
export async function compileInputPack(
  tx: EntityManager,
  catalog: RegisterCatalog,
  organizationId: string,
  reviewId: string,
  now: Date,
): Promise<InputPack> {
  const previous = await lastReview(tx, organizationId, reviewId);
  const since = previous ? new Date(String(previous.data.inputPackFrozenAt)) : null;
  const previousPack = (previous?.data.inputPack ?? null) as InputPack | null;
  const inputs: InputPack['inputs'] = [];
  for (const input of managementReviewInputs_9_3_2) {
    const sources: PackSource[] = [];
    for (const spec of SOURCES[input.id] ?? []) {
      const source =
        'register' in spec
          ? await registerSource(tx, catalog, organizationId, spec, since)
          : await formSource(tx, organizationId, spec, since);
      const before = previousPack?.inputs
        .find((i) => i.id === input.id)
        ?.sources.find((s) => s.source === source.source);
      if (source.available) source.totalAtLastReview = before?.total ?? null;
      sources.push(source);
    }
    inputs.push({ id: input.id, title: input.title, sources });
  }
  return {
    reviewId,
    compiledAt: now.toISOString(),
    lastReview: previous
      ? {
          id: previous.id,
          title: (previous.data.title as string | undefined) ?? null,
          heldOn: (previous.data.heldOn as string | undefined) ?? null,
          frozenAt: String(previous.data.inputPackFrozenAt),
        }
      : null,
    inputs,
  };
}

async function registerSource(
  tx: EntityManager,
  catalog: RegisterCatalog,
  organizationId: string,
  spec: Extract<SourceSpec, { register: string }>,
  since: Date | null,
): Promise<PackSource> {
  const register = await catalog.find(tx, organizationId, spec.register);
  const key = spec.where ? `${spec.register}?${spec.where.field}` : spec.register;
  if (!register) return { source: key, title: spec.register, available: false, note: 'no register yet' };
  const title = spec.where
    ? `${register.title}: ${spec.where.field} ${spec.where.values.join(' / ')}`
    : register.title;
  if (spec.where && !(spec.where.field in register.fields.properties))
    return { source: key, title, available: false, note: `the register has no field ${spec.where.field}` };
  const params: unknown[] = [organizationId, spec.register];
  let where = 'organization_id = $1 AND register_key = $2';
  if (spec.where) {
    params.push(spec.where.field, JSON.stringify(spec.where.values));
    where += ` AND $4::jsonb @> jsonb_build_array(data->($3::text))`;
  }
  const rows: Row[] = await tx.query(
    `SELECT id, data, created_at, updated_at FROM register_records WHERE ${where} ORDER BY updated_at DESC, id`,
    params,
  );
  const after = (d: Date) => !since || new Date(d) > since;
  return {
    source: key,
    title,
    available: true,
    total: rows.length,
    byStatus: statusCounts(register, rows),
    ...('grade' in register.fields.properties ? { byGrade: gradeCounts(rows) } : {}),
    newSinceLastReview: rows.filter((r) => after(r.created_at)).length,
    changedSinceLastReview: rows.filter((r) => after(r.updated_at)).length,
    items: rows.slice(0, ITEMS_SHOWN).map((row) => ({
      id: row.id,
      label: String(row.data[register.columns[0]?.field ?? ''] ?? row.id),
      status: register.status ? text(row.data[register.status.field]) : null,
      updatedAt: new Date(row.updated_at).toISOString(),
      changedSinceLastReview: after(row.updated_at),
      fields: Object.fromEntries(register.columns.map((c) => [c.field, row.data[c.field] ?? null])),
    })),
  };
}

function statusCounts(register: RegisterDeclaration, rows: Row[]) {
  if (!register.status) return undefined;
  const field = register.status.field;
  return register.status.values.map((v) => ({
    ...v,
    count: rows.filter((r) => text(r.data[field]) === v.value).length,
  }));
}

function gradeCounts(rows: Row[]) {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const grade = text(row.data.grade);
    if (grade) counts.set(grade, (counts.get(grade) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([value, count]) => ({ value, count }));
}

/** Context issues and interested parties are kept as the submissions of their forms: the latest one, and whether it is newer than the last review. */
async function formSource(
  tx: EntityManager,
  organizationId: string,
  spec: Extract<SourceSpec, { form: string }>,
  since: Date | null,
): Promise<PackSource> {
  const [row]: Array<{ id: string; data: Record<string, unknown>; completed_at: Date }> = await tx.query(
    `SELECT id, data, completed_at FROM tasks
      WHERE organization_id = $1 AND form_key = $2 AND status = 'completed'
      ORDER BY completed_at DESC LIMIT 1`,
    [organizationId, spec.form],
  );
  const source = `form:${spec.form}`;
  if (!row) return { source, title: spec.title, available: false, note: 'not recorded yet' };
  const list = Array.isArray(row.data?.[spec.list]) ? (row.data[spec.list] as unknown[]) : [];
  const changed = !since || new Date(row.completed_at) > since;
  return {
    source,
    title: spec.title,
    available: true,
    total: list.length,
    changedSinceLastReview: changed ? 1 : 0,
    items: [
      {
        id: row.id,
        label: `${spec.title} as last recorded`,
        status: changed ? 'changed' : 'unchanged',
        updatedAt: new Date(row.completed_at).toISOString(),
        changedSinceLastReview: changed,
        fields: { entries: list.length },
      },
    ],
  };
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
