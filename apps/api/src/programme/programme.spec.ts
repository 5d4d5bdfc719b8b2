import { annexAControls, clauses } from '@aimsflow/iso42001';
import { gapAnalysisItems } from '@aimsflow/workflows';
import { havePdftotext, pdfText } from '../testing/pdf-text';
import { createOrganization, startTestApp, type ApiClient, type TestApp } from '../testing/test-app';
import {
  addPerson,
  drive,
  exampleData,
  openTasks,
  personOf,
  type OpenTask,
  type Person,
} from './programme-driver';

/** Requirement areas of clauses 4–10: the most specific sub-clauses. */
const requirementAreas = () => {
  const parents = new Set(clauses.map((c) => c.parent));
  return clauses.filter((c) => c.parent !== null && !parents.has(c.id)).map((c) => c.id);
};
const EXCLUDED = new Set(['A.10.4', 'A.8.5']);

/** What a contributor records for one item: two controls do not apply, odd ones are partial. */
function gapAnswer(task: OpenTask, person: Person) {
  const requirement = task.title.split(' ')[2];
  if (EXCLUDED.has(requirement)) {
    return {
      requirement,
      status: 'not-applicable',
      justification: `We do not do this, so ${requirement} does not apply.`,
      owner: person.id,
    };
  }
  const partial = Number(requirement.split('.').pop()) % 2 === 1;
  return {
    requirement,
    status: partial ? 'partial' : 'implemented',
    note: `Checked ${requirement}, see the handbook`,
    owner: person.id,
  };
}

describe('the programme and its registers (integration)', () => {
  let t: TestApp;
  let manager: Person;
  let deputy: Person;
  let owner: Person;
  let ceo: Person;
  let external: ApiClient;
  let people: Person[];

  beforeAll(async () => {
    t = await startTestApp();
    manager = await personOf(t, 'manager@acme.example');
    owner = await personOf(t, 'owner@acme.example');
    ceo = await personOf(t, 'ceo@acme.example');
    // A second AIMS manager: the author of a draft may not approve it, so chains that start with
    // the AIMS manager need another one.
    deputy = await addPerson(t, 'deputy@acme.example', ['aims-manager']);
    external = await t.login('external@acme.example');
    people = [manager, deputy, owner, ceo];
  });
  afterAll(() => t.close());

  const programme = async () => (await manager.api.get('/api/programme')).body;

  it('GET /api/programme shows five phases not started before the programme is started', async () => {
    const res = await external.get('/api/programme');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ instanceId: null, status: 'not-started' });
    expect(res.body.phases.map((p: { number: number; status: string }) => [p.number, p.status])).toEqual([
      [1, 'not-started'],
      [2, 'not-started'],
      [3, 'not-started'],
      [4, 'not-started'],
      [5, 'not-started'],
    ]);
    expect(res.body.phases[0].steps.total).toBeGreaterThan(5);
  });

  it('POST /api/programme is for admins and AIMS managers only', async () => {
    expect((await owner.api.post('/api/programme', {})).status).toBe(403);
    expect((await external.post('/api/programme', {})).status).toBe(403);
  });

  it('POST /api/programme rejects gap items that are neither requirement areas nor controls', async () => {
    expect((await manager.api.post('/api/programme', { gapItems: ['A.99.1'] })).status).toBe(422);
    expect((await manager.api.post('/api/programme', { gapItems: ['=1+1'] })).status).toBe(400);
  });

  describe('phase 1, walked through the API by the people who do it', () => {
    let phase1: string;

    it('starts the programme once; a second start is 409', async () => {
      const res = await manager.api.post('/api/programme', {});
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('active');
      expect(res.body.phases[0]).toMatchObject({
        number: 1,
        status: 'active',
        gate: { status: 'not-reached' },
      });
      phase1 = res.body.phases[0].instanceId;
      expect(phase1).toEqual(expect.any(String));
      expect(res.body.phases[0].waitingOn.length).toBeGreaterThan(0);
      const again = await manager.api.post('/api/programme', {});
      expect(again.status).toBe(409);
    });

    it('runs a gap analysis over every clause 4–10 requirement area and all 38 Annex A controls', async () => {
      await drive(
        t,
        people,
        phase1,
        async () =>
          (await openTasks(t.dataSource, phase1)).some((task) => task.form_key === 'gap-assessment-item'),
        {
          skip: (task) => task.form_key === 'gap-assessment-item',
        },
      );
      const items: string[] = (
        await t.dataSource.query(
          `SELECT c.input->'item'->>'id' AS id FROM process_instances c JOIN process_instances g ON c.parent_id = g.id
            WHERE g.parent_id = $1 AND g.definition_key = 'gap-analysis' AND c.definition_key = 'gap-assessment-item-review'`,
          [phase1],
        )
      ).map((r: { id: string }) => r.id);
      expect(items).toHaveLength(gapAnalysisItems().length);
      expect(annexAControls).toHaveLength(38);
      for (const control of annexAControls) expect(items).toContain(control.id);
      for (const area of requirementAreas()) expect(items).toContain(area);
      const view = await programme();
      expect(view.phases[0].waitingCount).toBe(items.length);
    });

    it('fills the gap list and drafts the SoA from the contributors’ answers', async () => {
      await drive(
        t,
        people,
        phase1,
        async () =>
          (await openTasks(t.dataSource, phase1)).every((task) => task.form_key !== 'gap-assessment-item'),
        {
          data: (task, person) =>
            task.form_key === 'gap-assessment-item' ? gapAnswer(task, person) : undefined,
          skip: (task) => task.form_key !== 'gap-assessment-item',
        },
      );
      const gaps = await external.get('/api/registers/gaps');
      expect(gaps.status).toBe(200);
      expect(gaps.body.items).toHaveLength(gapAnalysisItems().length);
      expect(gaps.body.items[0]).toMatchObject({
        itemId: '4.1',
        itemKind: 'clause',
        owner: { id: owner.id },
        sourceTaskId: expect.any(String),
        version: 1,
      });
      const soa = (await external.get('/api/registers/soa')).body.items;
      expect(soa).toHaveLength(38);
      expect(soa.map((r: { controlId: string }) => r.controlId)).toEqual(annexAControls.map((c) => c.id));
      expect(soa.find((r: { controlId: string }) => r.controlId === 'A.10.4')).toMatchObject({
        applicable: false,
        status: 'not-applicable',
        stage: 'draft',
      });
      expect(soa.find((r: { controlId: string }) => r.controlId === 'A.2.2')).toMatchObject({
        applicable: true,
        status: 'implemented',
        owner: { id: owner.id },
      });
    });

    it('exports the SoA as JSON, CSV and PDF with the 38 rows and their applicability', async () => {
      const csv = await external.get('/api/registers/soa.csv');
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const lines = (csv.body as string).trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'Control,Title,Family,Applicable,Justification,Status,Owner,Linked risks,Evidence,Updated',
      );
      expect(lines).toHaveLength(39);
      expect(lines.find((l) => l.startsWith('A.10.4,'))).toContain(
        ',No,"We do not do this, so A.10.4 does not apply.",not-applicable,',
      );
      expect(lines.find((l) => l.startsWith('A.2.2,'))).toContain(',Yes,');

      const res = await fetch(`${t.baseUrl}/api/registers/soa.pdf`, {
        headers: { cookie: external.cookie! },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(pdf.toString('latin1', 0, 5)).toBe('%PDF-');
      expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
      if (havePdftotext) {
        const text = pdfText(pdf);
        for (const control of annexAControls) expect(text).toContain(control.id);
        expect(text).toMatch(/A\.10\.4 [\s\S]*?No\s+We do not do this, so A\.10\.4 does not apply\./);
        expect(text).toContain('Not yet approved');
      }
    });

    it('passes the gate and moves the programme to phase 2', async () => {
      const roadmapId = (await programme()).instanceId;
      await drive(t, people, phase1, async () => (await programme()).phases[1].status === 'active');
      const view = await programme();
      expect(view.instanceId).toBe(roadmapId);
      expect(view.phases[0]).toMatchObject({ status: 'done', gate: { status: 'approved' } });
      expect(view.phases[0].steps.done).toBe(view.phases[0].steps.total);
      expect(view.phases[1]).toMatchObject({ status: 'active', steps: { done: 0 } });
      const documents = (await external.get('/api/registers/documents')).body.items;
      const byKey = Object.fromEntries(documents.map((d: { docKey: string }) => [d.docKey, d]));
      for (const key of ['aims-scope', 'leadership-commitment', 'gap-consolidation', 'project-plan']) {
        expect(byKey[key]).toMatchObject({
          approvalState: 'approved',
          version: 1,
          owner: { id: manager.id },
          reviewDate: expect.any(String),
        });
      }
    });
  });

  it('does not let the risk owner accept the residual risk of their own assessment', async () => {
    // A top manager who owns the risk: eligible to sign level 2 of the chain, except as its author.
    const riskOwner = await addPerson(t, 'risk.owner@acme.example', ['contributor', 'top-management']);
    people.push(riskOwner);
    const everyone = people;
    const started = await manager.api.post('/api/process-instances', {
      definitionKey: 'ai-risk-assessment',
      input: { item: { name: 'Credit scorer', owner: riskOwner.id } },
    });
    expect(started.status).toBe(201);
    const id = started.body.id;
    const acceptanceAt = async (level: number) =>
      (await openTasks(t.dataSource, id)).some((task) => task.approval_id && task.approval_level === level);
    await drive(t, everyone, id, () => acceptanceAt(2), {
      data: (task, person) =>
        task.form_key === 'ai-risk-assessment'
          ? { ...exampleData('ai-risk-assessment'), riskOwner: person.id }
          : undefined,
    });
    const risk = (await external.get('/api/registers/risks')).body;
    expect(risk.items).toHaveLength(1);
    expect(risk.items[0]).toMatchObject({
      aiSystemName: 'Credit scorer',
      title: 'Biased credit scores',
      score: 16,
      acceptance: 'awaiting-acceptance',
      owner: { id: riskOwner.id },
      author: { id: riskOwner.id },
    });
    expect(risk.heatmap[3][3]).toBe(1);

    const [task] = (await openTasks(t.dataSource, id)).filter((x) => x.approval_id);
    const refused = await riskOwner.api.post(`/api/approvals/${task.approval_id}/decisions`, {
      decision: 'approve',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/author/i);
    const accepted = await ceo.api.post(`/api/approvals/${task.approval_id}/decisions`, {
      decision: 'approve',
    });
    expect(accepted.status).toBe(200);
    expect((await external.get('/api/registers/risks')).body.items[0].acceptance).toBe('accepted');
    // The SoA links the risk to the controls that treat it.
    const soa = (await external.get('/api/registers/soa')).body.items;
    expect(soa.find((r: { controlId: string }) => r.controlId === 'A.7.4').linkedRisks).toEqual([
      expect.objectContaining({ title: 'Biased credit scores' }),
    ]);
  });

  it('returns a rejected SoA to its author and keeps the decided rows', async () => {
    const started = await manager.api.post('/api/process-instances', {
      definitionKey: 'phase-build-implement',
    });
    expect(started.status).toBe(201);
    const phase2 = started.body.id;
    const atSigning = async () => {
      const open = await openTasks(t.dataSource, phase2);
      // One system is enough: the AIMS manager closes the inventory.
      if (registered && open.some((task) => task.form_key === 'ai-system-registration')) {
        expect(
          (await manager.api.post(`/api/process-instances/${phase2}/events`, { type: 'INVENTORY_COMPLETE' }))
            .status,
        ).toBe(200);
      }
      return open.some(
        (task) => task.state_id.endsWith('statementOfApplicability.signing') && task.approval_level === 2,
      );
    };
    await drive(t, people, phase2, atSigning, {
      skip: (task) => task.form_key === 'ai-system-registration' && registered,
      data: (task, person) => {
        if (task.form_key === 'ai-system-registration') {
          registered = true;
          return { ...exampleData('ai-system-registration'), owner: person.id };
        }
        if (task.form_key !== 'soa-entry') return undefined;
        const control = task.title.split(' ')[1];
        return EXCLUDED.has(control)
          ? { control, applicable: false, exclusionReason: 'Outside the scope of our AIMS.' }
          : {
              control,
              applicable: true,
              inclusionReason: 'Needed to treat our AI risks.',
              implementation: 'planned',
              owner: person.id,
            };
      },
      maxRounds: 80,
    });
    const soa = (await external.get('/api/registers/soa')).body.items;
    expect(soa.filter((r: { stage: string }) => r.stage === 'decided')).toHaveLength(38);
    expect(soa.find((r: { controlId: string }) => r.controlId === 'A.8.5')).toMatchObject({
      applicable: false,
      justification: 'Outside the scope of our AIMS.',
    });
    let docs = (await external.get('/api/registers/documents')).body.items;
    expect(docs.find((d: { docKey: string }) => d.docKey === 'soa')).toMatchObject({
      approvalState: 'in-approval',
      version: 1,
    });

    const [signing] = (await openTasks(t.dataSource, phase2)).filter((task) =>
      task.state_id.endsWith('statementOfApplicability.signing'),
    );
    const [approval] = await t.dataSource.query(`SELECT author_id FROM approvals WHERE id = $1`, [
      signing.approval_id,
    ]);
    expect(approval.author_id).toBe(manager.id);
    const rejected = await ceo.api.post(`/api/approvals/${signing.approval_id}/decisions`, {
      decision: 'reject',
      comment: 'A.8.5 must apply to us.',
    });
    expect(rejected.status).toBe(200);
    const rework = (await openTasks(t.dataSource, phase2)).find((task) =>
      task.state_id.endsWith('statementOfApplicability.revising'),
    );
    expect(rework).toMatchObject({ candidate_role: 'aims-manager', assignee_id: null });
    const inbox = await manager.api.get('/api/inbox');
    expect(JSON.stringify(inbox.body)).toContain(rework!.id);
    docs = (await external.get('/api/registers/documents')).body.items;
    expect(docs.find((d: { docKey: string }) => d.docKey === 'soa')).toMatchObject({
      approvalState: 'changes-requested',
    });
    expect(
      (await external.get('/api/registers/soa')).body.items.find(
        (r: { controlId: string }) => r.controlId === 'A.8.5',
      ),
    ).toMatchObject({ applicable: false, stage: 'decided' });
    expect((await external.get('/api/registers/ai-systems')).body.items).toEqual([
      expect.objectContaining({ name: 'Support chatbot', owner: { id: manager.id, name: 'Maya Manager' } }),
    ]);
    expect((await external.get('/api/registers/impact-assessments')).body.items).toHaveLength(1);
  });

  it('a second organisation starts from zero and sees only its own registers', async () => {
    await createOrganization(t.dataSource, 'globex', [
      { email: 'boss@globex.example', roles: ['aims-manager'] },
    ]);
    const boss = await t.login('boss@globex.example');
    expect((await boss.get('/api/programme')).body).toMatchObject({
      instanceId: null,
      status: 'not-started',
    });
    const soa = (await boss.get('/api/registers/soa')).body.items;
    expect(soa).toHaveLength(38);
    expect(
      soa.every(
        (r: { applicable: unknown; status: string }) => r.applicable === null && r.status === 'not-assessed',
      ),
    ).toBe(true);
    expect((await boss.get('/api/registers/gaps')).body.items).toEqual([]);
    expect((await boss.get('/api/registers/risks')).body.items).toEqual([]);
    // Two managers press start at the same moment: the database lets exactly one programme run.
    const [first, second] = await Promise.all([
      boss.post('/api/programme', { gapItems: ['4.1', 'A.2.2'] }),
      boss.post('/api/programme', { gapItems: ['4.1', 'A.2.2'] }),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    const started = first.status === 201 ? first : second;
    expect(started.body.phases[0].status).toBe('active');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM process_instances WHERE definition_key = 'roadmap' AND status = 'active'
          AND organization_id = (SELECT organization_id FROM users WHERE email = 'boss@globex.example')`,
    );
    expect(n).toBe(1);
  });
});

let registered = false;
