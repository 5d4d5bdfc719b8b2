#!/usr/bin/env node
/*
 * Inbox benchmark: generates tasks in SQL into a fresh database, then times the exact SQL the API
 * runs (compiled from apps/api/src/inbox/inbox.query.ts) for random users.
 *
 *   npm run build:api
 *   DATABASE_URL=postgres://aimsflow:aimsflow@127.0.0.1:5432/aimsflow \
 *     node tools/bench/inbox/run.js --tasks 1000000 --users 5000 --orgs 20 [--samples 200] [--database-url URL] [--keep]
 *
 * Prints one JSON line: {tasks, firstPageP50Ms, firstPageP95Ms, countP50Ms, countP95Ms, plan}.
 */
const path = require('node:path');
const { Client } = require('pg');

const dist = path.resolve(__dirname, '../../../dist/apps/api/apps/api/src');
require('reflect-metadata');
const { DataSource } = require('typeorm');
const { dataSourceOptions } = require(path.join(dist, 'platform/database/data-source-options.js'));
const { buildInboxPageQuery, buildInboxCountsQuery } = require(path.join(dist, 'inbox/inbox.query.js'));

function args() {
  const out = {
    tasks: 1_000_000,
    users: 5000,
    orgs: 20,
    samples: 200,
    keep: false,
    databaseUrl: process.env.DATABASE_URL,
  };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--keep') out.keep = true;
    else if (a === '--database-url') out.databaseUrl = argv[++i];
    else if (a.startsWith('--')) out[a.slice(2)] = Number(argv[++i]);
  }
  if (!out.databaseUrl) throw new Error('give DATABASE_URL or --database-url');
  return out;
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(2));
};

async function main() {
  const o = args();
  const name = `aimsflow_bench_inbox_${Date.now()}`;
  const admin = new Client({ connectionString: o.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(o.databaseUrl);
  url.pathname = `/${name}`;
  const ds = new DataSource(dataSourceOptions(url.toString(), 'postgres', 2));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();

  const db = new Client({ connectionString: url.toString() });
  await db.connect();
  try {
    await generateAndMeasure(o, db);
  } finally {
    await db.end().catch(() => undefined);
    if (!o.keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function generateAndMeasure(o, db) {
  const log = (m) => process.stderr.write(`${new Date().toISOString()} ${m}\n`);
  const roles = ['admin', 'aims-manager', 'contributor', 'top-management', 'internal-auditor'];
  log('generating');
  await db.query(
    `INSERT INTO organizations (name, slug) SELECT 'Org ' || g, 'org-' || g FROM generate_series(1, $1) g`,
    [o.orgs],
  );
  await db.query(
    `CREATE TEMP TABLE orgs AS SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM organizations`,
  );
  // Users spread over the orgs; each holds one role (a few two).
  await db.query(
    `INSERT INTO users (organization_id, email, name, password_hash, roles, version)
     SELECT o.id, 'u' || g || '@bench.example', 'User ' || g, 'x',
            CASE WHEN g % 10 = 0 THEN ARRAY[($2::text[])[1 + g % 5], 'contributor'] ELSE ARRAY[($2::text[])[1 + g % 5]] END, 1
     FROM generate_series(0, $1 - 1) g JOIN orgs o ON o.n = g % $3`,
    [o.users, roles, o.orgs],
  );
  await db.query(
    `INSERT INTO groups (organization_id, name) SELECT o.id, 'Group ' || g FROM orgs o, generate_series(1, 10) g`,
  );
  await db.query(
    `INSERT INTO group_members (group_id, user_id, organization_id)
     SELECT DISTINCT ON (grp.id, u.id) grp.id, u.id, u.organization_id FROM users u
     JOIN LATERAL (SELECT id FROM groups g WHERE g.organization_id = u.organization_id ORDER BY md5(g.id::text || u.id::text) LIMIT 2) grp ON true`,
  );
  await db.query(
    `INSERT INTO workflow_definitions (organization_id, key, version, name, content_hash, machine) SELECT id, 'bench', 1, 'Bench', 'h', '{}' FROM orgs`,
  );
  await db.query(
    `INSERT INTO process_instances (organization_id, definition_id, definition_key, definition_version, status, state_value, snapshot)
     SELECT d.organization_id, d.id, 'bench', 1, 'active', '"work"', '{}' FROM workflow_definitions d`,
  );
  await db.query(
    `CREATE TEMP TABLE org_users AS SELECT organization_id, id, row_number() OVER (PARTITION BY organization_id ORDER BY id) - 1 AS n, count(*) OVER (PARTITION BY organization_id) AS total FROM users`,
  );
  await db.query(`CREATE INDEX ON org_users (organization_id, n)`);
  await db.query(
    `CREATE TEMP TABLE org_groups AS SELECT organization_id, id, row_number() OVER (PARTITION BY organization_id ORDER BY id) - 1 AS n FROM groups`,
  );
  await db.query(
    `CREATE TEMP TABLE org_info AS SELECT o.n, o.id, i.id AS instance_id, (SELECT count(*) FROM users u WHERE u.organization_id = o.id) AS users FROM orgs o JOIN process_instances i ON i.organization_id = o.id`,
  );
  // Tasks: 40 % open, 55 % completed, 5 % cancelled; half assigned, 40 % to a role, 10 % to a group; 10 % without a due date.
  const chunk = 250_000;
  for (let start = 0; start < o.tasks; start += chunk) {
    const end = Math.min(o.tasks, start + chunk) - 1;
    await db.query(
      `INSERT INTO tasks (organization_id, instance_id, definition_key, state_id, title, form_key, complete_event, assignee_id, candidate_role, candidate_group_id, status, priority, due_at, created_at)
       SELECT oi.id, oi.instance_id, 'bench', 'bench.work', 'Task ' || g, 'generic-task', 'SUBMIT',
              CASE WHEN r.kind < 50 THEN (SELECT id FROM org_users ou WHERE ou.organization_id = oi.id AND ou.n = (r.h % oi.users)) END,
              CASE WHEN r.kind >= 50 AND r.kind < 90 THEN ($1::text[])[1 + r.h % 5] END,
              CASE WHEN r.kind >= 90 THEN (SELECT id FROM org_groups og WHERE og.organization_id = oi.id AND og.n = r.h % 10) END,
              CASE WHEN r.st < 40 THEN 'open' WHEN r.st < 95 THEN 'completed' ELSE 'cancelled' END,
              r.h % 5,
              CASE WHEN r.h % 10 = 0 THEN NULL ELSE now() + make_interval(mins => (r.h % 86400) - 43200) END,
              now() - make_interval(mins => r.h % 100000)
       FROM generate_series($2::int, $3::int) g
       CROSS JOIN LATERAL (SELECT abs(hashint4(g)) AS h, abs(hashint4(g * 7 + 1)) % 100 AS kind, abs(hashint4(g * 13 + 5)) % 100 AS st) r
       JOIN org_info oi ON oi.n = g % $4`,
      [roles, start, end, o.orgs],
    );
    log(`tasks ${end + 1}`);
  }
  await db.query('VACUUM ANALYZE');
  log('measuring');

  const users = (
    await db.query(`SELECT u.id, u.organization_id, u.roles FROM users u ORDER BY md5(u.id::text) LIMIT $1`, [
      o.samples,
    ])
  ).rows;
  const page = [];
  const count = [];
  let plan = null;
  for (const u of users) {
    const groupIds = (
      await db.query(`SELECT group_id FROM group_members WHERE user_id = $1`, [u.id])
    ).rows.map((r) => r.group_id);
    const scope = { organizationId: u.organization_id, userId: u.id, roles: u.roles, groupIds };
    const q = buildInboxPageQuery({ ...scope, filter: 'inbox', status: 'open', sort: 'due', limit: 25 });
    const c = buildInboxCountsQuery(scope);
    let t0 = process.hrtime.bigint();
    await db.query(q.text, q.values);
    page.push(Number(process.hrtime.bigint() - t0) / 1e6);
    t0 = process.hrtime.bigint();
    await db.query(c.text, c.values);
    count.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (!plan) {
      const explained = await db.query(
        `EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF, TIMING OFF, SUMMARY ON) ${q.text}`,
        q.values,
      );
      plan = explained.rows.map((r) => r['QUERY PLAN']).join('\n');
    }
  }
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM tasks`)).rows;
  process.stdout.write(
    JSON.stringify({
      tasks: n,
      firstPageP50Ms: percentile(page, 50),
      firstPageP95Ms: percentile(page, 95),
      countP50Ms: percentile(count, 50),
      countP95Ms: percentile(count, 95),
      plan,
    }) + '\n',
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
