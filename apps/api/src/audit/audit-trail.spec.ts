import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { createOrganization, startTestApp, type TestApp } from '../testing/test-app';
import { chainBodyOfRow, chainHash } from './audit-chain';
import { AuditTrailService } from './audit-trail.service';

// A loop of plain events: each one history record on the instance's chain.
const loopMachine = {
  id: 'loop',
  initial: 'a',
  states: { a: { on: { NEXT: 'b', STOP: 'end' } }, b: { on: { NEXT: 'a' } }, end: { type: 'final' } },
};

// A task with a due date (in the demo organisation, which has the built-in forms).
const dueMachine = {
  id: 'due',
  initial: 'work',
  states: {
    work: {
      meta: { task: { form: 'generic-task', title: 'Do it', candidateRole: 'aims-manager', dueIn: 'P7D' } },
      on: { SUBMIT: 'done' },
    },
    done: { type: 'final' },
  },
};

/**
 * The audit trail's promise: whatever someone with full database access does to stored records,
 * checkpoints or heads is reported by the verifier. Each tampering happens in an organisation of
 * its own, so the others stay intact and show that one break does not hide the rest.
 */
describe('audit trail: chains per instance, signed checkpoints, verification and export', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** A new organisation with an admin and a manager, the loop definition, and one instance stepped `steps` times. */
  async function organisationWithInstance(slug: string, steps = 4) {
    const { organization } = await createOrganization(t.dataSource, slug, [
      { email: `admin@${slug}.example`, roles: ['admin'] },
      { email: `manager@${slug}.example`, roles: ['aims-manager'] },
    ]);
    const admin = await t.login(`admin@${slug}.example`);
    const manager = await t.login(`manager@${slug}.example`);
    const deployed = await admin.post('/api/workflow-definitions', {
      key: 'loop',
      name: 'Loop',
      machine: loopMachine,
    });
    if (deployed.status !== 201) throw new Error(JSON.stringify(deployed.body));
    const instance = (await manager.post('/api/process-instances', { definitionKey: 'loop' })).body;
    for (let i = 0; i < steps; i++)
      expect(
        (await manager.post(`/api/process-instances/${instance.id}/events`, { type: 'NEXT' })).status,
      ).toBe(200);
    // A record outside any instance, on the organisation's own chain.
    await t.dataSource.transaction((tx) =>
      t.app
        .get(AuditTrailService)
        .append(tx, [{ organizationId: organization.id, kind: 'test.note', payload: { n: 1 } }]),
    );
    return { organizationId: organization.id, instanceId: instance.id as string, admin, manager };
  }

  async function reportOf(organizationId: string) {
    return (await t.verifyAudit()).find((r) => r.organizationId === organizationId)!;
  }

  /** What an attacker with the owner's rights can do: switch the append-only triggers off for one change. */
  async function tamper(work: (tx: EntityManager) => Promise<unknown>) {
    await t.dataSource.transaction(async (tx) => {
      await tx.query('ALTER TABLE history_records DISABLE TRIGGER history_records_no_update_delete');
      await tx.query('ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_no_update_delete');
      await work(tx);
      await tx.query('ALTER TABLE history_records ENABLE TRIGGER history_records_no_update_delete');
      await tx.query('ALTER TABLE audit_checkpoints ENABLE TRIGGER audit_checkpoints_no_update_delete');
    });
  }

  const records = (instanceId: string) =>
    t.dataSource.query(
      `SELECT id, seq::text AS seq, hash, prev_hash FROM history_records WHERE chain_id = $1 ORDER BY seq`,
      [instanceId],
    );

  it('gives each instance its own chain from seq 1 and the organisation a chain for the rest', async () => {
    const { organizationId, instanceId } = await organisationWithInstance('chains');
    const rows = await records(instanceId);
    expect(rows.map((r: { seq: string }) => r.seq)).toEqual(['1', '2', '3', '4', '5']);
    expect(rows[0].prev_hash).toBe('0'.repeat(64));
    const [org] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM history_records WHERE chain_id = $1 AND instance_id IS NULL`,
      [organizationId],
    );
    expect(org.n).toBeGreaterThanOrEqual(1);
    expect(await reportOf(organizationId)).toMatchObject({
      ok: true,
      records: expect.any(Number),
      chains: 2,
    });
  });

  it('verifies chains of more than nine records and more than nine checkpoints (numbers, not text, order them)', async () => {
    const { organizationId, instanceId, manager } = await organisationWithInstance('long', 11);
    for (let i = 0; i < 11; i++) {
      expect(
        (await manager.post(`/api/process-instances/${instanceId}/events`, { type: 'NEXT' })).status,
      ).toBe(200);
      await t.checkpoint();
    }
    const report = await reportOf(organizationId);
    expect(report).toMatchObject({ ok: true, chains: 2 });
    expect(report.records).toBeGreaterThanOrEqual(23);
    expect(report.checkpoints).toBeGreaterThanOrEqual(11);
  });

  it('V7: a due-date change (a Date in the payload) verifies, because what is hashed is what is stored', async () => {
    const admin = await t.login('admin@acme.example');
    const manager = await t.login('manager@acme.example');
    expect(
      (await admin.post('/api/workflow-definitions', { key: 'due', name: 'Due', machine: dueMachine }))
        .status,
    ).toBe(201);
    const instance = (await manager.post('/api/process-instances', { definitionKey: 'due' })).body;
    const instanceId = instance.id;
    const [{ organization_id: organizationId }] = await t.dataSource.query(
      'SELECT organization_id FROM process_instances WHERE id = $1',
      [instanceId],
    );
    const task = (await manager.get(`/api/process-instances/${instanceId}`)).body.openTasks[0];
    const due = await manager.put(`/api/tasks/${task.id}/due`, { dueAt: '2027-01-15T09:30:00.000Z' });
    expect(due.status).toBe(200);
    const [record] = await t.dataSource.query(
      `SELECT payload FROM history_records WHERE chain_id = $1 ORDER BY seq DESC LIMIT 1`,
      [instanceId],
    );
    expect(JSON.stringify(record.payload)).toContain('2027-01-15T09:30:00.000Z');
    expect(await reportOf(organizationId)).toMatchObject({ ok: true });
  });

  it('answers GET /api/audit/verify to admins and auditors only, for their own organisation', async () => {
    await t.checkpoint();
    for (const email of ['admin@acme.example', 'auditor@acme.example', 'external@acme.example']) {
      const res = await (await t.login(email)).get('/api/audit/verify');
      expect([email, res.status]).toEqual([email, 200]);
      expect(res.body).toMatchObject({
        ok: true,
        records: expect.any(Number),
        chains: expect.any(Number),
        checkpoints: expect.any(Number),
      });
      expect(res.body.checkpoints).toBeGreaterThanOrEqual(1);
      expect(res.body.organizationId).toBeUndefined();
    }
    for (const email of ['manager@acme.example', 'owner@acme.example', 'ceo@acme.example'])
      expect((await (await t.login(email)).get('/api/audit/verify')).status).toBe(403);
  });

  it('exports JSON Lines that an outsider re-verifies with the documented rule alone', async () => {
    const { admin, instanceId } = await organisationWithInstance('export');
    await t.checkpoint();
    const res = await fetch(`${t.baseUrl}/api/audit/export`, { headers: { cookie: admin.cookie! } });
    expect(res.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const [header, ...rest] = lines;
    expect(header).toMatchObject({ type: 'export', publicKeys: [{ keyId: expect.any(String) }] });
    // The README's rule, in a few lines: per chain, hash = sha256(prev + "\n" + seq + "\n" + body).
    const last = new Map<string, string>();
    let checked = 0;
    for (const r of rest.filter((l) => l.type === 'record')) {
      const prev = last.get(r.chainId) ?? '0'.repeat(64);
      expect(r.prevHash).toBe(prev);
      expect(createHash('sha256').update(`${prev}\n${r.seq}\n${r.body}`).digest('hex')).toBe(r.hash);
      last.set(r.chainId, r.hash);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(6);
    expect(last.has(instanceId)).toBe(true);
    const publicKey = createPublicKey(header.publicKeys[0].pem);
    const checkpoints = rest.filter((l) => l.type === 'checkpoint');
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
    for (const c of checkpoints) {
      expect(verify(null, Buffer.from(c.body), publicKey, Buffer.from(c.signature, 'base64'))).toBe(true);
      for (const h of JSON.parse(c.body).heads) if (last.has(h.chainId)) expect(typeof h.hash).toBe('string');
    }
    // Anyone other than admins and auditors is refused.
    expect((await (await t.login('manager@acme.example')).get('/api/audit/export')).status).toBe(403);
  });

  describe('tampering, each detected', () => {
    it('edit: a record changed behind the trigger', async () => {
      const { organizationId, instanceId } = await organisationWithInstance('edit');
      const [, victim] = await records(instanceId);
      await tamper((tx) =>
        tx.query(`UPDATE history_records SET payload = '{"forged":true}' WHERE id = $1`, [victim.id]),
      );
      expect((await reportOf(organizationId)).firstBroken).toMatchObject({
        chainId: instanceId,
        seq: '2',
        reason: expect.stringMatching(/altered/),
      });
    });

    it('reorder: two records swap places', async () => {
      const { organizationId, instanceId } = await organisationWithInstance('reorder');
      const rows = await records(instanceId);
      await tamper(async (tx) => {
        await tx.query(`UPDATE history_records SET seq = 1000 WHERE id = $1`, [rows[1].id]);
        await tx.query(`UPDATE history_records SET seq = 2 WHERE id = $1`, [rows[2].id]);
        await tx.query(`UPDATE history_records SET seq = 3 WHERE id = $1`, [rows[1].id]);
      });
      const report = await reportOf(organizationId);
      expect(report.ok).toBe(false);
      expect(report.firstBroken).toMatchObject({ chainId: instanceId, seq: '2' });
    });

    it('delete middle: a record is removed', async () => {
      const { organizationId, instanceId } = await organisationWithInstance('delete-middle');
      const rows = await records(instanceId);
      await tamper((tx) => tx.query(`DELETE FROM history_records WHERE id = $1`, [rows[2].id]));
      expect((await reportOf(organizationId)).firstBroken).toMatchObject({
        chainId: instanceId,
        reason: expect.stringMatching(/missing/),
      });
    });

    it('delete tail and rewind the head: found against the signed checkpoint', async () => {
      const { organizationId, instanceId } = await organisationWithInstance('tail');
      await t.checkpoint();
      const rows = await records(instanceId);
      const [last, beforeLast] = [rows.at(-1), rows.at(-2)];
      await tamper(async (tx) => {
        await tx.query(`DELETE FROM history_records WHERE id = $1`, [last.id]);
        await tx.query(`UPDATE audit_chain_heads SET seq = $2, hash = $3 WHERE chain_id = $1`, [
          instanceId,
          beforeLast.seq,
          beforeLast.hash,
        ]);
      });
      expect((await reportOf(organizationId)).firstBroken).toMatchObject({
        chainId: instanceId,
        reason: expect.stringMatching(/cut back/),
      });
      // And when the checkpointer later seals the shorter chain, the rewind itself shows.
      await t.dataSource.query(`UPDATE audit_chain_heads SET dirty = true WHERE chain_id = $1`, [instanceId]);
      await t.checkpoint();
      expect((await reportOf(organizationId)).firstBroken).toMatchObject({
        reason: expect.stringMatching(/rewound/),
      });
    });

    it("delete an organisation's head", async () => {
      const { organizationId } = await organisationWithInstance('org-head');
      await tamper((tx) => tx.query(`DELETE FROM audit_chain_heads WHERE chain_id = $1`, [organizationId]));
      expect((await reportOf(organizationId)).firstBroken).toMatchObject({
        chainId: organizationId,
        reason: expect.stringMatching(/head is missing/),
      });
    });

    it("delete an instance's whole chain and its head", async () => {
      const { organizationId, instanceId } = await organisationWithInstance('whole-chain');
      await tamper(async (tx) => {
        await tx.query(`DELETE FROM history_records WHERE chain_id = $1`, [instanceId]);
        await tx.query(`DELETE FROM audit_chain_heads WHERE chain_id = $1`, [instanceId]);
      });
      // Without a checkpoint the instance row still gives it away …
      expect((await reportOf(organizationId)).firstBroken).toMatchObject({
        chainId: instanceId,
        reason: expect.stringMatching(/no audit records/),
      });
    });

    it('forge and re-chain: records rewritten with valid hashes and a matching head', async () => {
      const { organizationId, instanceId } = await organisationWithInstance('forge');
      await t.checkpoint();
      const rows = await t.dataSource.query(
        `SELECT * FROM history_records WHERE chain_id = $1 ORDER BY seq`,
        [instanceId],
      );
      // The attacker knows the rule: rewrite record 2 and re-hash it and every record after it.
      await tamper(async (tx) => {
        let prev = rows[0].hash;
        for (const r of rows.slice(1)) {
          const payload = r.seq === '2' ? { forged: true } : r.payload;
          const body = chainBodyOfRow({ ...r, payload });
          const hash = chainHash(prev, r.seq, body);
          await tx.query(`UPDATE history_records SET payload = $2, prev_hash = $3, hash = $4 WHERE id = $1`, [
            r.id,
            JSON.stringify(payload),
            prev,
            hash,
          ]);
          prev = hash;
        }
        await tx.query(`UPDATE audit_chain_heads SET hash = $2 WHERE chain_id = $1`, [instanceId, prev]);
      });
      expect((await reportOf(organizationId)).firstBroken).toMatchObject({
        chainId: instanceId,
        reason: expect.stringMatching(
          /checkpoint .* sealed \(the chain was re-written\)|differs from what checkpoint/,
        ),
      });
    });

    it('forge a checkpoint: signed with a key the verifier does not trust, or edited', async () => {
      const { organizationId } = await organisationWithInstance('checkpoint');
      await t.checkpoint();
      const [c] = await t.dataSource.query(
        `SELECT seq::text AS seq, body FROM audit_checkpoints WHERE organization_id = $1 ORDER BY seq DESC LIMIT 1`,
        [organizationId],
      );
      const attacker = generateKeyPairSync('ed25519');
      const body = JSON.parse(c.body);
      const forged = JSON.stringify({ ...body, heads: [] });
      await tamper((tx) =>
        tx.query(
          `UPDATE audit_checkpoints SET body = $3, hash = $4, signature = $5 WHERE organization_id = $1 AND seq = $2`,
          [
            organizationId,
            c.seq,
            forged,
            createHash('sha256').update(forged).digest('hex'),
            sign(null, Buffer.from(forged), attacker.privateKey).toString('base64'),
          ],
        ),
      );
      expect((await reportOf(organizationId)).firstBroken).toMatchObject({
        reason: expect.stringMatching(/signature is not valid/),
      });
    });

    it('one broken organisation leaves the others verifiable', async () => {
      const reports = await t.verifyAudit();
      const acme = reports.find((r) => r.ok && r.records > 0);
      expect(acme).toBeDefined();
      expect(reports.filter((r) => !r.ok).length).toBeGreaterThanOrEqual(7);
    });
  });
});
