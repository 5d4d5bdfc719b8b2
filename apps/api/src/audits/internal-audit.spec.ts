import { addPerson, openTasks, personOf, type Person } from '../programme/programme-driver';
import { RegisterAreaOwners } from '../registers/register-area-owners';
import { startTestApp, type TestApp } from '../testing/test-app';

/**
 * The internal audit through HTTP on a real database: the checklist generated from the catalogue and
 * the SoA, independence refused (and recorded) on claim, assignment and completion, a major finding
 * starting a nonconformity (the programme: audit-programme.spec.ts).
 */
describe('internal audit (integration)', () => {
  let t: TestApp;
  let admin: Person;
  let manager: Person;
  let auditor: Person;
  let conflicted: Person;
  let auditee: Person;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await personOf(t, 'admin@acme.example');
    manager = await personOf(t, 'manager@acme.example');
    auditor = await personOf(t, 'auditor@acme.example');
    auditee = await personOf(t, 'owner@acme.example');
    conflicted = await addPerson(t, 'risk.owner.auditor@acme.example', ['internal-auditor', 'contributor']);
  });
  afterAll(() => t.close());

  const start = async (definitionKey: string, input?: Record<string, unknown>) => {
    const res = await manager.api.post('/api/process-instances', { definitionKey, input });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const taskOf = async (instanceId: string, form: string) => {
    const task = (await openTasks(t.dataSource, instanceId)).find((candidate) => candidate.form_key === form);
    if (!task) throw new Error(`no open ${form} task`);
    return task;
  };
  const claimAndComplete = async (person: Person, taskId: string, data: unknown) => {
    expect((await person.api.post(`/api/tasks/${taskId}/claim`)).status).toBe(200);
    const res = await person.api.post(`/api/tasks/${taskId}/complete`, { data });
    expect(res.status).toBe(200);
  };
  const history = async (instanceId: string) =>
    (await manager.api.get(`/api/process-instances/${instanceId}/history`)).body.items as Array<{
      kind: string;
      actorId: string;
      payload: Record<string, unknown>;
    }>;

  it('runs an audit: generated checklist, independence refusals, a major finding and its nonconformity', async () => {
    // The SoA keeps A.6.2.4 and excludes A.6.2.5; the conflicted auditor assessed the gap of 6.1.2.
    const keep = await start('soa-entry-review', { item: { id: 'A.6.2.4', title: 'Verification' } });
    await claimAndComplete(manager, (await taskOf(keep, 'soa-entry')).id, {
      control: 'A.6.2.4',
      applicable: true,
      inclusionReason: 'Every model release is verified and validated.',
      implementation: 'implemented',
    });
    const exclude = await start('soa-entry-review', { item: { id: 'A.6.2.5', title: 'Deployment' } });
    await claimAndComplete(manager, (await taskOf(exclude, 'soa-entry')).id, {
      control: 'A.6.2.5',
      applicable: false,
      exclusionReason: 'We deploy no AI system ourselves.',
    });
    const gap = await start('gap-assessment-item-review', {
      item: { id: '6.1.2', kind: 'clause', title: 'AI risk assessment' },
    });
    await claimAndComplete(conflicted, (await taskOf(gap, 'gap-assessment-item')).id, {
      requirement: '6.1.2',
      status: 'partial',
    });

    const audit = await start('internal-audit');
    const plan = {
      reference: 'IA-T-1',
      title: 'Risk management',
      clauses: ['6.1'],
      controls: ['A.6.2'],
      criteria: 'ISO/IEC 42001 and the AI risk method.',
      startDate: '2027-03-01',
      endDate: '2027-03-02',
      leadAuditor: conflicted.id,
      auditors: [{ person: auditor.id }],
      auditees: [{ person: auditee.id }],
    };
    await claimAndComplete(auditor, (await taskOf(audit, 'internal-audit-plan')).id, plan);

    // The checklist task opens for the lead auditor with its lines drafted by the server.
    const checking = await taskOf(audit, 'audit-checklist');
    expect(checking.assignee_id).toBe(conflicted.id);
    const drafted = await auditor.api.get(`/api/tasks/${checking.id}`);
    const lines = drafted.body.data.lines as Array<{ requirement: string; kind: string }>;
    expect(lines.map((line) => line.requirement)).toEqual(
      expect.arrayContaining(['6.1.1', '6.1.2', '6.1.3', '6.1.4', 'A.6.2.2', 'A.6.2.4', 'A.6.2.6']),
    );
    expect(lines.map((line) => line.requirement)).not.toContain('A.6.2.5');
    expect(lines.map((line) => line.requirement)).not.toContain('6.2');

    // The lead auditor assessed 6.1.2: not independent. The task says so, completing is refused and recorded.
    const asConflicted = await conflicted.api.get(`/api/tasks/${checking.id}`);
    expect(asConflicted.body.allowedActions).toContainEqual({
      action: 'complete',
      allowed: false,
      reason: expect.stringContaining('6.1.2'),
    });
    const refused = await conflicted.api.post(`/api/tasks/${checking.id}/complete`, {
      data: drafted.body.data,
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 403, code: 'not-independent' });
    expect(refused.body.detail).toContain('6.1.2 (owner in the gaps register)');
    // Assigning it to them again is refused too; an independent auditor takes it.
    const toConflicted = await manager.api.post(`/api/tasks/${checking.id}/assign`, {
      userId: conflicted.id,
    });
    expect(toConflicted.status).toBe(403);
    expect((await manager.api.post(`/api/tasks/${checking.id}/assign`, { userId: auditor.id })).status).toBe(
      200,
    );

    const results = lines.map((line) =>
      line.requirement === '6.1.2'
        ? { ...line, result: 'nonconform', evidence: 'Two AI systems have no risk assessment.' }
        : { ...line, result: 'conform', evidence: 'Sampled records.' },
    );
    // A checklist that drops a generated line is refused.
    const short = await auditor.api.post(`/api/tasks/${checking.id}/complete`, {
      data: { lines: results.slice(1) },
    });
    expect(short.status).toBe(422);
    expect(short.body.detail).toContain('6.1.1');
    expect(
      (await auditor.api.post(`/api/tasks/${checking.id}/complete`, { data: { lines: results } })).status,
    ).toBe(200);

    // The report task is drafted from the nonconform line; the conflicted auditor may not claim it.
    const reporting = await taskOf(audit, 'audit-report');
    const claim = await conflicted.api.post(`/api/tasks/${reporting.id}/claim`);
    expect(claim.status).toBe(403);
    expect(claim.body.detail).toContain('nobody may audit their own work');
    const draft = (await auditor.api.get(`/api/tasks/${reporting.id}`)).body.data;
    expect(draft.nonconformities).toEqual([
      expect.objectContaining({ ref: 'IA-T-1-F1', clause: '6.1.2', grade: 'minor' }),
    ]);
    const major = {
      ...draft.nonconformities[0],
      grade: 'major',
      title: 'AI risk assessment missing for two systems',
      description: 'Two AI systems in scope have no AI risk assessment.',
    };
    const opportunity = {
      ref: 'IA-T-1-F2',
      grade: 'opportunity',
      title: 'Link validation reports',
      control: 'A.6.2.4',
      description: 'Validation reports are kept apart from the SoA entry.',
    };
    await claimAndComplete(auditor, reporting.id, {
      summary: 'The risk process misses two systems.',
      conclusion: 'effective-with-findings',
      nonconformities: [major],
      otherFindings: [opportunity],
    });

    // The lead auditor named in the plan approves the report: not them, an independent auditor.
    const approving = await taskOf(audit, 'audit-report-approval');
    expect(
      (await conflicted.api.post(`/api/tasks/${approving.id}/complete`, { data: { decision: 'approve' } }))
        .status,
    ).toBe(403);
    expect((await manager.api.post(`/api/tasks/${approving.id}/assign`, { userId: auditor.id })).status).toBe(
      200,
    );
    expect(
      (await auditor.api.post(`/api/tasks/${approving.id}/complete`, { data: { decision: 'approve' } }))
        .status,
    ).toBe(200);

    // The auditee acknowledges; the major finding starts a nonconformity with the agreed input.
    const acknowledging = await taskOf(audit, 'audit-acknowledgement');
    expect(acknowledging.assignee_id).toBe(auditee.id);
    expect(
      (await auditee.api.post(`/api/tasks/${acknowledging.id}/complete`, { data: { acknowledged: true } }))
        .status,
    ).toBe(200);
    const children = await t.dataSource.query(
      `SELECT definition_key, input FROM process_instances WHERE parent_id = $1`,
      [audit],
    );
    expect(children).toEqual([
      {
        definition_key: 'nonconformity',
        input: { source: 'internal-audit', sourceTitle: 'Risk management', ownerId: auditee.id, item: major },
      },
    ]);
    // The audit stays open until its nonconformities are closed (the real `nonconformity` runs).
    const [row] = await t.dataSource.query(`SELECT status FROM process_instances WHERE id = $1`, [audit]);
    expect(row.status).toBe('active');

    // Every refusal is in the audit trail, with who asked, for whom and why.
    const refusals = (await history(audit)).filter((h) => h.kind === 'task.refused');
    expect(refusals.map((h) => h.payload.action)).toEqual(['complete', 'assign', 'claim', 'complete']);
    expect(refusals[2]).toMatchObject({ actorId: conflicted.id, payload: { personId: conflicted.id } });
    expect(refusals[1]).toMatchObject({ actorId: manager.id, payload: { personId: conflicted.id } });

    // The registers: the audit and one record per finding.
    const findings = (await manager.api.get(`/api/registers/audit-findings?auditId=${audit}`)).body.items;
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ref: 'IA-T-1-F1',
          grade: 'major',
          clause: '6.1.2',
          status: 'nonconformity-raised',
        }),
        expect.objectContaining({
          ref: 'IA-T-1-F2',
          grade: 'opportunity',
          control: 'A.6.2.4',
          status: 'acknowledged',
        }),
      ]),
    );
    const audits = (await manager.api.get('/api/registers/audits?q=IA-T-1')).body.items;
    expect(audits).toEqual([
      expect.objectContaining({
        reference: 'IA-T-1',
        status: 'nonconformities-open',
        conclusion: 'effective-with-findings',
      }),
    ]);
  });

  it('keeps the auditees out, refuses a delegation to someone not independent, and checks the options at deploy', async () => {
    const audit = await start('internal-audit');
    await claimAndComplete(auditor, (await taskOf(audit, 'internal-audit-plan')).id, {
      reference: 'IA-T-2',
      title: 'Governance',
      clauses: ['5'],
      criteria: 'ISO/IEC 42001 clause 5.',
      startDate: '2027-04-01',
      endDate: '2027-04-01',
      leadAuditor: auditor.id,
      auditees: [{ person: conflicted.id }],
    });
    const checking = await taskOf(audit, 'audit-checklist');
    expect(checking.assignee_id).toBe(auditor.id);
    const delegated = await auditor.api.post(`/api/tasks/${checking.id}/delegate`, { userId: conflicted.id });
    expect(delegated.status).toBe(403);
    expect(delegated.body.detail).toBe(
      'This person is named as an auditee of this audit; nobody may audit their own area.',
    );
    const refusals = (await history(audit)).filter((h) => h.kind === 'task.refused');
    expect(refusals).toEqual([
      expect.objectContaining({
        actorId: auditor.id,
        payload: expect.objectContaining({ action: 'delegate', personId: conflicted.id }),
      }),
    ]);

    // The SoA rows of A.6.2.4 and A.6.2.5 (first test) were decided by the AIMS manager, no owner named: they own them.
    const owners = t.app.get(RegisterAreaOwners);
    const organizationId = (
      await t.dataSource.query(`SELECT organization_id FROM users WHERE id = $1`, [manager.id])
    )[0].organization_id;
    expect(await owners.owned(t.dataSource.manager, organizationId, ['A.6.2'], manager.id)).toEqual([
      { area: 'A.6.2.4', as: 'owner in the SoA' },
      { area: 'A.6.2.5', as: 'owner in the SoA' },
    ]);
    expect(await owners.owned(t.dataSource.manager, organizationId, ['A.6.2.4'], auditor.id)).toEqual([]);
    // The author of the AI policy owns 5.2 (a document row as the policy approval leaves it).
    await t.dataSource.query(
      `INSERT INTO register_documents (organization_id, doc_key, title, owner_id) VALUES ($1, 'ai-policy', 'AI policy', $2)`,
      [organizationId, auditor.id],
    );
    expect(await owners.owned(t.dataSource.manager, organizationId, ['5'], auditor.id)).toEqual([
      { area: '5.2', as: 'author of the document ai-policy' },
    ]);
    expect(await owners.owned(t.dataSource.manager, organizationId, ['4', '6'], auditor.id)).toEqual([]);

    const task = (extra: Record<string, unknown>) => ({
      key: 'independence-probe',
      name: 'Probe',
      machine: {
        id: 'independence-probe',
        initial: 'work',
        states: {
          work: {
            meta: { task: { form: 'generic-task', candidateRole: 'internal-auditor', ...extra } },
            on: { SUBMIT: 'done' },
          },
          done: { type: 'final' },
        },
      },
    });
    const badIndependence = await admin.api.post(
      '/api/workflow-definitions',
      task({ independence: { people: ['plan.auditees'] } }),
    );
    expect(badIndependence.status).toBe(422);
    expect(badIndependence.body.detail).toContain('meta.task.independence must be');
    const badPrefill = await admin.api.post(
      '/api/workflow-definitions',
      task({ prefill: 'nothing-like-it' }),
    );
    expect(badPrefill.status).toBe(422);
    expect(badPrefill.body.detail).toContain('meta.task.prefill "nothing-like-it" is not a known provider');
    const wait = task({});
    (wait.machine.states.work as Record<string, any>).meta.waitUntil = {
      date: 'context.when',
      event: 'NEVER_HANDLED',
    };
    const badWait = await admin.api.post('/api/workflow-definitions', wait);
    expect(badWait.status).toBe(422);
    expect(badWait.body.detail).toContain('meta.waitUntil.event NEVER_HANDLED has no transition');
  });
});
