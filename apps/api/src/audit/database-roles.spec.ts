import { startTestApp, type TestApp } from '../testing/test-app';

const onServer = process.env.DATABASE_URL ? describe : describe.skip;

/**
 * V8: on PostgreSQL the running API connects as an application role that can append to the audit
 * trail and read it, and can do nothing else to it. (The embedded database has one superuser and
 * cannot enforce this; the signed checkpoints still detect what it does not prevent.)
 */
onServer('database roles: the application role cannot change the audit trail', () => {
  let t: TestApp;
  let instanceId: string;

  beforeAll(async () => {
    t = await startTestApp({ applicationRole: true });
    const admin = await t.login('admin@acme.example');
    const manager = await t.login('manager@acme.example');
    const machine = { id: 'm', initial: 'a', states: { a: { on: { GO: 'b' } }, b: { type: 'final' } } };
    expect((await admin.post('/api/workflow-definitions', { key: 'm', name: 'M', machine })).status).toBe(
      201,
    );
    instanceId = (await manager.post('/api/process-instances', { definitionKey: 'm' })).body.id;
    expect((await manager.post(`/api/process-instances/${instanceId}/events`, { type: 'GO' })).status).toBe(
      200,
    );
  });
  afterAll(() => t.close());

  it('runs as a role that is not the owner, and the API works: steps append, checkpoints seal, the trail verifies', async () => {
    const [{ current_user, owner }] = await t.dataSource.query(
      `SELECT current_user, (SELECT tableowner FROM pg_tables WHERE tablename = 'history_records') AS owner`,
    );
    expect(current_user).not.toBe(owner);
    expect(await t.checkpoint()).toBeGreaterThanOrEqual(1);
    const report = await (await t.login('auditor@acme.example')).get('/api/audit/verify');
    expect(report.body).toMatchObject({ ok: true, checkpoints: expect.any(Number) });
    expect(report.body.records).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['UPDATE a record', `UPDATE history_records SET kind = 'forged'`],
    ['DELETE a record', `DELETE FROM history_records`],
    ['TRUNCATE the records', `TRUNCATE history_records`],
    [
      'INSERT a record directly',
      `INSERT INTO history_records (organization_id, chain_id, seq, kind, created_at, prev_hash, hash) SELECT organization_id, chain_id, 999, 'forged', now(), '', '' FROM history_records LIMIT 1`,
    ],
    [
      'disable the append-only trigger',
      `ALTER TABLE history_records DISABLE TRIGGER history_records_no_update_delete`,
    ],
    ['ALTER the records table', `ALTER TABLE history_records ADD COLUMN x int`],
    ['drop the records table', `DROP TABLE history_records`],
    ['rewind a chain head', `UPDATE audit_chain_heads SET seq = 0`],
    ['move a head to a forged hash', `UPDATE audit_chain_heads SET hash = 'x'`],
    ['DELETE a chain head', `DELETE FROM audit_chain_heads`],
    [
      'INSERT a chain head',
      `INSERT INTO audit_chain_heads (chain_id, organization_id, seq, hash) VALUES (gen_random_uuid(), gen_random_uuid(), 0, '')`,
    ],
    ['UPDATE a checkpoint', `UPDATE audit_checkpoints SET body = '{}'`],
    ['DELETE a checkpoint', `DELETE FROM audit_checkpoints`],
    ['TRUNCATE the checkpoints', `TRUNCATE audit_checkpoints`],
    [
      'replace the append function',
      `CREATE OR REPLACE FUNCTION audit_append(p_org uuid, p_rows jsonb) RETURNS void LANGUAGE sql AS 'SELECT 1'`,
    ],
    ['drop the append function', `DROP FUNCTION audit_append(uuid, jsonb)`],
    [
      'replace the trigger function',
      `CREATE OR REPLACE FUNCTION history_records_append_only() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'`,
    ],
    ['record a migration', `DELETE FROM schema_migrations`],
    ['rewrite a kept register record version', `UPDATE register_record_versions SET data = '{}'`],
    ['rewrite a kept document version', `UPDATE register_document_versions SET content = '{}'`],
    ['DELETE a kept document version', `DELETE FROM register_document_versions`],
  ])('cannot %s', async (_what, sql) => {
    await expect(t.dataSource.query(sql)).rejects.toThrow(/permission denied|must be owner/);
  });

  it('still has ordinary rights elsewhere (it runs the product)', async () => {
    await expect(t.dataSource.query(`UPDATE users SET name = name WHERE false`)).resolves.toBeDefined();
    // The moment a kept document version was approved is written once, later.
    await expect(
      t.dataSource.query(`UPDATE register_document_versions SET approved_at = now() WHERE false`),
    ).resolves.toBeDefined();
  });
});
