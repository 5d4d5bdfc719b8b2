// The inbox's SQL, kept free of Nest and TypeORM so `tools/bench/inbox/run.js` measures exactly it.

import { keysetTimestamp } from '../platform/pagination/keyset-sql';

export type InboxFilter = 'mine' | 'available' | 'all' | 'inbox';
export type InboxSort = 'due' | 'priority' | 'created';

export interface InboxQueryParams {
  organizationId: string;
  userId: string;
  roles: string[];
  groupIds: string[];
  /** `inbox` (the default): mine and available together. */
  filter: InboxFilter;
  status: 'open' | 'completed' | 'cancelled';
  dueBefore?: string;
  dueAfter?: string;
  overdue?: boolean;
  definitionKey?: string;
  formKey?: string;
  q?: string;
  sort: InboxSort;
  /** The sort key and id of the last row of the previous page. */
  after?: { key: string | number; id: string };
  limit: number;
}

export interface SqlQuery {
  text: string;
  values: unknown[];
}

// Nulls last for due: the expression is the one the tasks_inbox_* indexes are built on.
const SORTS: Record<InboxSort, { key: string; dir: 'ASC' | 'DESC'; cmp: '>' | '<'; cast: string }> = {
  due: { key: `COALESCE(t.due_at, 'infinity'::timestamptz)`, dir: 'ASC', cmp: '>', cast: 'timestamptz' },
  priority: { key: 't.priority', dir: 'DESC', cmp: '<', cast: 'int' },
  created: { key: 't.created_at', dir: 'DESC', cmp: '<', cast: 'timestamptz' },
};

/**
 * The first (or next) page of a user's inbox. Each way a task can reach the user (assigned,
 * delegated, one branch per candidate role and group) is its own index-ordered, limited scan on
 * one of the tasks_inbox_* indexes; the small union is then sorted and cut. That keeps the cost
 * proportional to the page size, not to the number of tasks.
 */
export function buildInboxPageQuery(p: InboxQueryParams): SqlQuery {
  const values: unknown[] = [];
  const v = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const sort = SORTS[p.sort];
  const org = v(p.organizationId);
  const status = v(p.status);
  let meRef: string | undefined;
  const me = () => (meRef ??= `${v(p.userId)}::uuid`);
  const common: string[] = [`t.organization_id = ${org}`, `t.status = ${status}`];
  if (p.dueBefore) common.push(`t.due_at < ${v(p.dueBefore)}::timestamptz`);
  if (p.dueAfter) common.push(`t.due_at >= ${v(p.dueAfter)}::timestamptz`);
  if (p.overdue) common.push(`t.due_at < now()`);
  if (p.definitionKey) common.push(`t.definition_key = ${v(p.definitionKey)}`);
  if (p.formKey) common.push(`t.form_key = ${v(p.formKey)}`);
  if (p.q) common.push(`t.title ILIKE ${v(`%${p.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  if (p.after)
    common.push(`(${sort.key}, t.id) ${sort.cmp} (${v(p.after.key)}::${sort.cast}, ${v(p.after.id)}::uuid)`);
  const limit = v(p.limit + 1);

  const branches: string[] = [];
  if (p.filter === 'all') branches.push('TRUE');
  if (p.filter === 'mine' || p.filter === 'inbox') {
    branches.push(`t.assignee_id = ${me()}`);
    branches.push(`t.delegate_id = ${me()} AND t.assignee_id <> ${me()}`);
  }
  // An approval offered to a role or group is never claimed: each candidate decides, so it is theirs
  // (Mine), not work to pick up (Available).
  const offered = (kind: 'approval' | 'work') =>
    kind === 'approval' ? 't.approval_id IS NOT NULL' : 't.approval_id IS NULL';
  const offers = (kind: 'approval' | 'work') => {
    for (const role of p.roles)
      branches.push(`t.assignee_id IS NULL AND t.candidate_role = ${v(role)} AND ${offered(kind)}`);
    for (const group of p.groupIds)
      branches.push(
        `t.assignee_id IS NULL AND t.candidate_group_id = ${v(group)}::uuid AND ${offered(kind)}`,
      );
  };
  if (p.filter === 'mine') offers('approval');
  if (p.filter === 'available') offers('work');
  if (p.filter === 'inbox') {
    for (const role of p.roles) branches.push(`t.assignee_id IS NULL AND t.candidate_role = ${v(role)}`);
    for (const group of p.groupIds)
      branches.push(`t.assignee_id IS NULL AND t.candidate_group_id = ${v(group)}::uuid`);
  }
  if (branches.length === 0) branches.push('FALSE');
  const scans = branches.map(
    (b) =>
      `(SELECT t.id, ${sort.key} AS k FROM tasks t WHERE ${[...common, b].join(' AND ')} ORDER BY ${sort.key} ${sort.dir}, t.id ${sort.dir} LIMIT ${limit})`,
  );
  const text = `SELECT t.id, t.title, t.status, t.form_key, t.form_version, t.instance_id, t.definition_key, t.state_id,
      t.assignee_id, a.name AS assignee_name, t.candidate_role, t.candidate_group_id, g.name AS candidate_group_name,
      t.delegate_id, d.name AS delegate_name, t.approval_id, t.due_at, t.priority, t.created_at, t.completed_at,
      ${sort.cast === 'timestamptz' ? keysetTimestamp('b.k') : 'b.k'} AS sort_key
    FROM (${scans.join(' UNION ')}) b
    JOIN tasks t ON t.id = b.id
    LEFT JOIN users a ON a.id = t.assignee_id
    LEFT JOIN users d ON d.id = t.delegate_id
    LEFT JOIN groups g ON g.id = t.candidate_group_id
    ORDER BY b.k ${sort.dir}, b.id ${sort.dir}
    LIMIT ${limit}`;
  return { text, values };
}

/** The badge counts of a user's open tasks: mine (with approvals offered to them), available to claim, and overdue among both. */
export function buildInboxCountsQuery(
  p: Pick<InboxQueryParams, 'organizationId' | 'userId' | 'roles' | 'groupIds'>,
): SqlQuery {
  const text = `SELECT count(*) FILTER (WHERE x.mine)::int AS mine,
      count(*) FILTER (WHERE NOT x.mine)::int AS available,
      count(*) FILTER (WHERE x.due_at < now())::int AS overdue
    FROM (
      SELECT t.due_at, TRUE AS mine FROM tasks t WHERE t.organization_id = $1 AND t.status = 'open' AND t.assignee_id = $2
      UNION ALL
      SELECT t.due_at, TRUE FROM tasks t WHERE t.organization_id = $1 AND t.status = 'open' AND t.delegate_id = $2 AND t.assignee_id <> $2
      UNION ALL
      SELECT t.due_at, t.approval_id IS NOT NULL FROM tasks t WHERE t.organization_id = $1 AND t.status = 'open' AND t.assignee_id IS NULL
        AND (t.candidate_role = ANY($3::text[]) OR t.candidate_group_id = ANY($4::uuid[]))
    ) x`;
  return { text, values: [p.organizationId, p.userId, p.roles, p.groupIds] };
}

export interface InboxRow {
  id: string;
  title: string;
  status: string;
  form_key: string;
  form_version: number | null;
  instance_id: string;
  definition_key: string | null;
  state_id: string;
  assignee_id: string | null;
  assignee_name: string | null;
  candidate_role: string | null;
  candidate_group_id: string | null;
  candidate_group_name: string | null;
  delegate_id: string | null;
  delegate_name: string | null;
  approval_id: string | null;
  due_at: Date | null;
  priority: number;
  created_at: Date;
  completed_at: Date | null;
  /** The sort key for the cursor: timestamps as exact text (keysetTimestamp), priorities as numbers. */
  sort_key: number | string;
}
