import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { ColumnKind, RegisterDeclaration, RegisterMatrix } from '@aimsflow/engine';
import { DataSource, In } from 'typeorm';
import { User } from '../identity/user.entity';
import { toCsv } from './csv';
import { renderRegisterPdf } from './pdf-report';
import { RegisterCatalog, type CatalogEntry } from './register-catalog';

export interface PersonRef {
  id: string;
  name: string;
}

/** A record as the API returns it: its fields flattened beside its identity, people resolved to names. */
export type RecordView = Record<string, unknown> & {
  id: string;
  key: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export interface RecordQuery {
  q?: string;
  cursor?: string;
  limit?: number;
  sort?: string;
  order?: 'asc' | 'desc';
  /** Exact-value filters on declared filter fields. */
  filters: Record<string, string>;
}

interface RecordRow {
  id: string;
  record_key: string;
  data: Record<string, unknown>;
  version: number;
  created_at: Date;
  updated_at: Date;
  instance_id: string | null;
  source_task_id: string | null;
  sort_value: unknown;
}

/** What every read of `register_records` selects (a `RecordRow` without its sort value). */
const RECORD_COLUMNS = 'id, record_key, data, version, created_at, updated_at, instance_id, source_task_id';
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;
/** Fields holding a user id, shown as the person: `ownerId` → `owner`. */
const PERSON_FIELD = /^(.+)Id$/;

/** Read side of every declared register: list (filter, search, sort, keyset pages), one record with its history, CSV. */
@Injectable()
export class RegisterRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: RegisterCatalog,
  ) {}

  /** Every declared register with how many records it holds and how many per status. */
  async summaries(organizationId: string) {
    const registers = await this.catalog.all(this.dataSource.manager, organizationId);
    const withStatus = registers.filter((r) => r.status);
    // One query for every register: each one's status field picked by a CASE on its key.
    const cases = withStatus.map((_, i) => `WHEN $${i * 2 + 2}::text THEN $${i * 2 + 3}::text`).join(' ');
    const counts: Array<{ register_key: string; status: string | null; count: string }> =
      await this.dataSource.query(
        `SELECT register_key, ${cases ? `data->>(CASE register_key ${cases} ELSE '' END)` : 'NULL'} AS status,
                count(*)::int AS count
           FROM register_records WHERE organization_id = $1 GROUP BY 1, 2`,
        [organizationId, ...withStatus.flatMap((r) => [r.key, r.status!.field])],
      );
    return registers.map((register) => {
      const mine = counts.filter((c) => c.register_key === register.key);
      return {
        key: register.key,
        title: register.title,
        clause: register.clause ?? null,
        description: register.description ?? null,
        builtIn: register.builtIn,
        count: mine.reduce((sum, c) => sum + Number(c.count), 0),
        byStatus: register.status
          ? register.status.values.map((v) => ({
              ...v,
              count: Number(mine.find((c) => c.status === v.value)?.count ?? 0),
            }))
          : [],
      };
    });
  }

  /** The declaration as clients need it to render the register (projections stay server-side). */
  describe(register: RegisterDeclaration) {
    const {
      projections: _projections,
      fields,
      builtIn: _builtIn,
      version: _version,
      ...shown
    } = register as CatalogEntry;
    return { ...shown, fields: fields.properties };
  }

  async list(organizationId: string, key: string, query: RecordQuery) {
    const register = await this.catalog.get(this.dataSource.manager, organizationId, key);
    const limit = Math.min(Math.max(query.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
    const sortField = query.sort ?? register.sort?.field ?? 'updatedAt';
    const order = query.order ?? (query.sort ? 'asc' : (register.sort?.order ?? 'desc'));
    if (!(sortField in register.fields.properties) && !['updatedAt', 'createdAt'].includes(sortField))
      throw new BadRequestException({ message: `${key} cannot be sorted by ${JSON.stringify(sortField)}` });
    const params: unknown[] = [organizationId, key];
    const param = (value: unknown) => `$${params.push(value)}`;
    // jsonb has a total order (numbers numerically, strings by collation), so one keyset works for any field.
    const sortValue =
      sortField === 'updatedAt' || sortField === 'createdAt'
        ? `to_jsonb(extract(epoch FROM ${sortField === 'updatedAt' ? 'updated_at' : 'created_at'}))`
        : `COALESCE(data->(${param(sortField)}::text), 'null'::jsonb)`;
    const where = ['organization_id = $1', 'register_key = $2'];
    for (const [field, value] of Object.entries(query.filters)) {
      if (!(register.filters ?? []).includes(field))
        throw new BadRequestException({ message: `${key} cannot be filtered by ${JSON.stringify(field)}` });
      where.push(`data->>(${param(field)}::text) = ${param(value)}::text`);
    }
    if (query.q?.trim()) {
      const pattern = param(`%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const fields = register.search?.length ? register.search : register.columns.map((c) => c.field);
      where.push(`(${fields.map((f) => `data->>(${param(f)}::text) ILIKE ${pattern}::text`).join(' OR ')})`);
    }
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      where.push(
        `(${sortValue}, id) ${order === 'asc' ? '>' : '<'} (${param(JSON.stringify(cursor.v))}::jsonb, ${param(cursor.id)}::uuid)`,
      );
    }
    const rows: RecordRow[] = await this.dataSource.query(
      `SELECT ${RECORD_COLUMNS}, ${sortValue} AS sort_value
         FROM register_records WHERE ${where.join(' AND ')}
        ORDER BY ${sortValue} ${order}, id ${order} LIMIT ${limit + 1}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      register: this.describe(register),
      items: await this.views(page),
      nextCursor: rows.length > limit && last ? encodeCursor({ v: last.sort_value, id: last.id }) : null,
      ...(await this.matrices(organizationId, register)),
      ...(await this.statusCounts(organizationId, register)),
    };
  }

  /** How many records of the whole register (not only this page) stand at each status, for its chart. */
  private async statusCounts(organizationId: string, register: RegisterDeclaration) {
    if (!register.status) return {};
    const rows: Array<{ status: string | null; count: number }> = await this.dataSource.query(
      `SELECT data->>($3::text) AS status, count(*)::int AS count FROM register_records
        WHERE organization_id = $1 AND register_key = $2 GROUP BY 1`,
      [organizationId, register.key, register.status.field],
    );
    const byStatus = register.status.values.map((v) => ({
      ...v,
      count: rows.find((r) => r.status === v.value)?.count ?? 0,
    }));
    return { byStatus, total: rows.reduce((sum, r) => sum + r.count, 0) };
  }

  /** One record: its fields, every version with who changed it, and the instances and tasks that wrote it. */
  async record(organizationId: string, key: string, id: string) {
    const register = await this.catalog.get(this.dataSource.manager, organizationId, key);
    const [row]: RecordRow[] = await this.dataSource.query(
      `SELECT ${RECORD_COLUMNS}, NULL AS sort_value
         FROM register_records WHERE organization_id = $1 AND register_key = $2 AND id = $3`,
      [organizationId, key, id],
    );
    if (!row) throw new NotFoundException({ message: `Register ${key} has no record ${id}.` });
    const versions: Array<{
      version: number;
      data: Record<string, unknown>;
      changed_at: Date;
      changed_by: string | null;
      source_task_id: string | null;
      instance_id: string | null;
    }> = await this.dataSource.query(
      `SELECT version, data, changed_at, changed_by, source_task_id, instance_id FROM register_record_versions
        WHERE organization_id = $1 AND record_id = $2 ORDER BY version DESC`,
      [organizationId, id],
    );
    const instanceIds = [...new Set(versions.map((v) => v.instance_id).filter((v): v is string => !!v))];
    const taskIds = [...new Set(versions.map((v) => v.source_task_id).filter((v): v is string => !!v))];
    const instances = instanceIds.length
      ? await this.dataSource.query(
          `SELECT id, definition_key AS "definitionKey", status, created_at AS "startedAt" FROM process_instances
            WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
          [organizationId, instanceIds],
        )
      : [];
    const tasks = taskIds.length
      ? await this.dataSource.query(
          `SELECT id, title, form_key AS "formKey", status, completed_at AS "completedAt", instance_id AS "instanceId"
             FROM tasks WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
          [organizationId, taskIds],
        )
      : [];
    // The audit records of the steps that wrote a version: same instance, and the same task or the
    // same transaction time. Kind, actor and hash only: payloads are process data, not the register's.
    const audit: Array<{ seq: string; kind: string; actorId: string | null; createdAt: Date; hash: string }> =
      instanceIds.length
        ? await this.dataSource.query(
            `SELECT seq::text AS seq, kind, actor_id AS "actorId", created_at AS "createdAt", hash
               FROM history_records
              WHERE organization_id = $1 AND instance_id = ANY($2::uuid[])
                AND (payload->>'taskId' = ANY($3::text[]) OR created_at = ANY($4::timestamptz[]))
              ORDER BY seq`,
            [organizationId, instanceIds, taskIds, versions.map((v) => v.changed_at)],
          )
        : [];
    const people = await this.people([
      ...versions.map((v) => v.changed_by),
      ...versions.flatMap((v) => personIds(v.data)),
      ...audit.map((a) => a.actorId),
    ]);
    const [view] = await this.views([row]);
    return {
      register: this.describe(register),
      record: view,
      versions: versions.map((v) => ({
        version: v.version,
        data: withPeople(v.data, people),
        changedAt: v.changed_at,
        changedBy: personOf(people, v.changed_by),
        sourceTaskId: v.source_task_id,
        instanceId: v.instance_id,
      })),
      sources: { instances, tasks },
      evidence: evidenceIn(row.data),
      audit: audit.map((a) => ({ ...a, seq: Number(a.seq), actor: personOf(people, a.actorId) })),
    };
  }

  /** The whole register as CSV, columns as declared, people by name. */
  async csv(organizationId: string, key: string): Promise<string> {
    const { register, rows } = await this.table(organizationId, key);
    return toCsv(
      register.columns.map((c) => c.title),
      rows,
    );
  }

  /** The whole register as a PDF: the same cells as the CSV, under its title and clause. */
  async pdf(organizationId: string, key: string, organizationName?: string): Promise<Buffer> {
    const { register, rows } = await this.table(organizationId, key);
    return renderRegisterPdf({
      title: register.clause ? `${register.title} (ISO/IEC 42001 ${register.clause})` : register.title,
      subtitle: register.description,
      columns: register.columns.map((c) => ({ header: c.title, width: COLUMN_WEIGHT[c.kind ?? 'text'] })),
      rows,
      meta: { register: register.key, organization: organizationName },
    });
  }

  /** Every record of a register as the cells of its declared columns, walking all pages in the register's order. */
  private async table(organizationId: string, key: string) {
    const register = await this.catalog.get(this.dataSource.manager, organizationId, key);
    const rows: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list(organizationId, key, { cursor, limit: MAX_LIMIT, filters: {} });
      for (const item of page.items)
        rows.push(register.columns.map((column) => cell(item, column.field, column.kind)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { register, rows };
  }

  /** Every record of one register, unpaged: for registers that show another's (the SoA's linked risks). */
  async records(organizationId: string, key: string): Promise<RecordView[]> {
    const rows: RecordRow[] = await this.dataSource.query(
      `SELECT ${RECORD_COLUMNS}, NULL AS sort_value
         FROM register_records WHERE organization_id = $1 AND register_key = $2`,
      [organizationId, key],
    );
    return rows.map((row) => flatten(row, new Map()));
  }

  /** Every declared count grid (`matrices`); `heatmap` repeats the first, the shape the risk page first read. */
  private async matrices(organizationId: string, register: RegisterDeclaration) {
    if (!register.matrices?.length) return {};
    const matrices = [];
    for (const matrix of register.matrices)
      matrices.push({ ...matrix, counts: await this.matrix(organizationId, register.key, matrix) });
    return { matrices, heatmap: matrices[0].counts };
  }

  private async matrix(
    organizationId: string,
    registerKey: string,
    { rows, columns, size }: RegisterMatrix,
  ): Promise<number[][]> {
    const cells: Array<{ r: number; c: number; count: number }> = await this.dataSource.query(
      `SELECT (data->>($3::text))::int AS r, (data->>($4::text))::int AS c, count(*)::int AS count FROM register_records
        WHERE organization_id = $1 AND register_key = $2
          AND jsonb_typeof(data->($3::text)) = 'number' AND jsonb_typeof(data->($4::text)) = 'number' GROUP BY 1, 2`,
      [organizationId, registerKey, rows, columns],
    );
    const grid = Array.from({ length: size }, () => Array.from({ length: size }, () => 0));
    for (const cell of cells)
      if (cell.r >= 1 && cell.r <= size && cell.c >= 1 && cell.c <= size)
        grid[cell.r - 1][cell.c - 1] = cell.count;
    return grid;
  }

  private async views(rows: RecordRow[]): Promise<RecordView[]> {
    const ids = rows.flatMap((row) => personIds(row.data));
    const people = await this.people(ids);
    return rows.map((row) => flatten(row, people));
  }

  private async people(ids: Array<string | null | undefined>): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => !!id && UUID.test(id)))];
    if (unique.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).findBy({ id: In(unique) });
    return new Map(users.map((u) => [u.id, u.name]));
  }
}

/** Relative PDF column widths by kind: free text gets the room. */
const COLUMN_WEIGHT: Record<ColumnKind, number> = {
  text: 1.6,
  list: 1.6,
  person: 1.1,
  date: 0.9,
  status: 0.9,
  number: 0.6,
  boolean: 0.6,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every evidence file a record cites (`{sha256, name}` anywhere in it), once each, with its download link. */
function evidenceIn(data: unknown): Array<{ sha256: string; name: string; href: string }> {
  const found = new Map<string, { sha256: string; name: string; href: string }>();
  const walk = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || depth > 8) return;
    if (Array.isArray(value)) return value.forEach((v) => walk(v, depth + 1));
    const v = value as Record<string, unknown>;
    if (typeof v.sha256 === 'string' && /^[0-9a-f]{64}$/.test(v.sha256) && typeof v.name === 'string')
      found.set(v.sha256, { sha256: v.sha256, name: v.name, href: `/api/evidence/${v.sha256}` });
    for (const child of Object.values(v)) walk(child, depth + 1);
  };
  walk(data, 0);
  return [...found.values()];
}

function personIds(data: Record<string, unknown>): string[] {
  return Object.entries(data)
    .filter(([field, value]) => PERSON_FIELD.test(field) && typeof value === 'string')
    .map(([, value]) => value as string);
}

/** The data with each person field's person beside it: `ownerId` → `owner: {id, name}`. */
function withPeople(data: Record<string, unknown>, people: Map<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const [field, value] of Object.entries(data)) {
    const match = PERSON_FIELD.exec(field);
    if (match && (typeof value === 'string' || value === null) && !(match[1] in data))
      out[match[1]] = personOf(people, value as string | null);
  }
  return out;
}

function flatten(row: RecordRow, people: Map<string, string>): RecordView {
  return {
    ...withPeople(row.data, people),
    id: row.id,
    key: row.record_key,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    instanceId: row.instance_id,
    sourceTaskId: row.source_task_id,
  };
}

function personOf(people: Map<string, string>, id: string | null | undefined): PersonRef | null {
  return id ? { id, name: people.get(id) ?? 'Unknown user' } : null;
}

function cell(item: RecordView, field: string, kind: string | undefined): string {
  const value = item[field];
  if (kind === 'person' && PERSON_FIELD.test(field))
    return (item[PERSON_FIELD.exec(field)![1]] as PersonRef | null)?.name ?? '';
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function encodeCursor(cursor: { v: unknown; id: string }): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): { v: unknown; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      parsed &&
      typeof parsed === 'object' &&
      'v' in parsed &&
      typeof parsed.id === 'string' &&
      UUID.test(parsed.id)
    )
      return parsed;
  } catch {
    // fall through to the 400 below
  }
  throw new BadRequestException({ message: 'cursor is not one this API issued' });
}
