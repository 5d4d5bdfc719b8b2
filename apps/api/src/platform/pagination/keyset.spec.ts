import { startTestApp, type ApiClient, type ApiResponse, type TestApp } from '../../testing/test-app';

/**
 * V15: keyset pages return every row exactly once, also when many rows share a millisecond
 * (PostgreSQL keeps microseconds; a cursor holding a JavaScript Date kept only milliseconds).
 */
describe('keyset pagination with rows created in the same millisecond (V15)', () => {
  let t: TestApp;
  let manager: ApiClient;
  let seeded: string;

  // 500 copies: 100 distinct microseconds within one millisecond, 5 rows on each, plus the originals.
  const COPIES = 500;
  const copies = (table: string, where: string) => `
    INSERT INTO ${table}
    SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(x) || jsonb_build_object(
              'id', gen_random_uuid(),
              'created_at', to_jsonb(TIMESTAMPTZ '2026-12-02 05:47:49.475000+00' + (g % 100) * INTERVAL '1 microsecond')
              ${table === 'tasks' ? `, 'status', 'completed'` : ''}))).*
      FROM (SELECT * FROM ${table} WHERE ${where} LIMIT 1) x, generate_series(1, ${COPIES}) g`;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.login('manager@acme.example');
    const owner = (await (await t.login('admin@acme.example')).get('/api/users?search=owner@acme')).body
      .items[0];
    const started = await manager.post('/api/process-instances', {
      definitionKey: 'document-approval',
      input: { ownerId: owner.id, title: 'Seed' },
    });
    expect(started.status).toBe(201);
    seeded = started.body.id;
    await t.dataSource.query(copies('process_instances', `id = '${seeded}'`));
    await t.dataSource.query(copies('tasks', `instance_id = '${seeded}'`));
  });
  afterAll(() => t.close());

  async function walk(path: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const sep = path.includes('?') ? '&' : '?';
      const res: ApiResponse = await manager.get(
        `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      ids.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    return ids;
  }

  function expectEachOnce(ids: string[], expected: string[]) {
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...expected].sort());
  }

  it.each([1, 7, 50])('lists every process instance exactly once with pages of %i', async (limit) => {
    const rows: { id: string }[] = await t.dataSource.query('SELECT id FROM process_instances');
    expect(rows.length).toBeGreaterThan(COPIES);
    expectEachOnce(
      await walk('/api/process-instances', limit),
      rows.map((r) => r.id),
    );
  });

  it.each([3, 25])(
    'lists every completed task of the inbox, newest first, exactly once with pages of %i',
    async (limit) => {
      const rows: { id: string }[] = await t.dataSource.query(
        `SELECT id FROM tasks WHERE status = 'completed'`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(COPIES);
      expectEachOnce(
        await walk('/api/inbox?filter=all&status=completed&sort=created', limit),
        rows.map((r) => r.id),
      );
    },
  );
});
