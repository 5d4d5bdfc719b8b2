// The issue's "done when": the seeded demo organisation runs through Phase 1 and Phase 2 by using
// the product — only HTTP, only the demo people, each working their own inbox — with the gates signed.
import { realiseExample } from '@aimsflow/forms';
import { startTestApp, type ApiClient, type TestApp } from '../testing/test-app';
import { exampleData, uploadEvidence } from './programme-driver';

/** A handful of gap items: two requirement areas and three controls (one of them not applicable). */
const GAP_ITEMS = ['4.1', '6.1.2', 'A.2.2', 'A.6.2.4', 'A.10.4'];
const NOT_APPLICABLE = new Set(['A.10.4', 'A.8.5']);
const MAX_ROUNDS = 400;

interface Person {
  email: string;
  id: string;
  name: string;
  roles: string[];
  api: ApiClient;
}

interface InboxItem {
  id: string;
  title: string;
  formKey: string;
  instanceId: string;
  definitionKey: string | null;
  stateId: string;
  assigneeId: string | null;
  candidateRole: string | null;
}

interface ApprovalView {
  id: string;
  instanceId: string;
  stateId: string;
  status: string;
  currentLevel: number;
  authorId: string | null;
  levels: Array<{
    level: number;
    role: string | null;
    status: string;
    decisions: Array<{ userId: string; userName: string | null; decision: string }>;
  }>;
}

const ok = <T = any>(res: { status: number; body: T }, what: string, status = 200): T => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

describe('the demo organisation walks Phase 1 and Phase 2 through the product (integration)', () => {
  let t: TestApp;
  let manager: Person;
  let deputy: Person;
  let owner: Person;
  let ceo: Person;
  let external: ApiClient;
  /** In inbox order: the CEO last, so a round ends with the gate signatures. */
  let people: Person[];

  async function signIn(email: string): Promise<Person> {
    const api = await t.login(email);
    const { user } = ok(await api.get('/api/auth/me'), `who is ${email}`);
    return { email, id: user.id, name: user.name, roles: user.roles, api };
  }

  beforeAll(async () => {
    t = await startTestApp();
    manager = await signIn('manager@acme.example');
    deputy = await signIn('manager2@acme.example');
    owner = await signIn('owner@acme.example');
    ceo = await signIn('ceo@acme.example');
    external = await t.login('external@acme.example');
    people = [manager, owner, deputy, ceo];
  });
  afterAll(() => t?.close());

  const programme = async () => ok(await manager.api.get('/api/programme'), 'read the programme');

  /** Everything in a person's inbox: what they hold and what they may claim, every page. */
  async function inbox(person: Person): Promise<InboxItem[]> {
    const items: InboxItem[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/inbox?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = ok(await person.api.get(query), `${person.email}'s inbox`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  it('starts the programme with a handful of gap items and walks both phases to their signed gates', async () => {
    expect((await programme()).status).toBe('not-started');
    const started = ok(
      await manager.api.post('/api/programme', { gapItems: GAP_ITEMS }),
      'start the programme',
      201,
    );
    expect(started.phases[0].status).toBe('active');

    let systemId: string | null = null;
    let inventoryClosed = false;
    const done = { tasks: 0, decisions: 0, forms: new Set<string>() };

    /** The registered system's id, once the inventory has one. */
    async function registeredSystem(): Promise<string | null> {
      const systems = ok(await external.get('/api/registers/ai-systems'), 'read the inventory').items;
      return systems[0]?.id ?? null;
    }

    /** What `person` submits for `task`: the form's first valid example, fitted to the task's subject. */
    async function submission(person: Person, task: InboxItem): Promise<Record<string, unknown>> {
      const data = realiseExample(exampleData(task.formKey), {
        personId: person.id,
        systemId,
        evidence: await uploadEvidence(person),
      }) as Record<string, unknown>;
      if (task.formKey === 'gap-assessment-item' || task.formKey === 'soa-entry') {
        // The item under review is in the child process's context.
        const instance = ok(await person.api.get(`/api/process-instances/${task.instanceId}`), 'read item');
        const itemId: string = instance.context.item.id;
        if (task.formKey === 'gap-assessment-item') {
          return NOT_APPLICABLE.has(itemId)
            ? {
                requirement: itemId,
                status: 'not-applicable',
                justification: 'We supply no AI to customers.',
              }
            : { ...data, requirement: itemId };
        }
        return NOT_APPLICABLE.has(itemId)
          ? { control: itemId, applicable: false, exclusionReason: 'Outside the scope of our AIMS.' }
          : { ...data, control: itemId };
      }
      // The inventory: the system belongs to the contributor, who then assesses its risk and impact.
      if (task.formKey === 'ai-system-registration') return { ...data, owner: owner.id };
      return data;
    }

    /** Works one inbox item as `person`; false when it is not theirs to do (someone else will). */
    async function work(person: Person, task: InboxItem): Promise<boolean> {
      const detail = ok(await person.api.get(`/api/tasks/${task.id}`), `read "${task.title}"`);
      if (detail.status !== 'open') return false;
      if (detail.approvalId) {
        const approval: ApprovalView = ok(
          await person.api.get(`/api/approvals/${detail.approvalId}`),
          'read the approval',
        );
        const decided = approval.levels.flatMap((l) => l.decisions.map((d) => d.userId));
        if (approval.authorId === person.id || decided.includes(person.id)) return false;
        ok(
          await person.api.post(`/api/approvals/${detail.approvalId}/decisions`, { decision: 'approve' }),
          `${person.email} approves "${task.title}" (${task.stateId})`,
        );
        done.decisions++;
        return true;
      }
      if (task.formKey === 'ai-system-registration' && systemId) {
        // One system is the inventory: the AIMS manager closes it instead of registering another.
        if (!person.roles.includes('aims-manager') || inventoryClosed) return false;
        ok(
          await person.api.post(`/api/process-instances/${task.instanceId}/events`, {
            type: 'INVENTORY_COMPLETE',
          }),
          'close the inventory',
        );
        inventoryClosed = true;
        return true;
      }
      if (!detail.assigneeId) {
        if (!person.roles.includes(detail.candidateRole)) return false;
        ok(await person.api.post(`/api/tasks/${task.id}/claim`), `${person.email} claims "${task.title}"`);
      } else if (detail.assigneeId !== person.id) return false;
      const data = await submission(person, task);
      ok(
        await person.api.post(`/api/tasks/${task.id}/complete`, { data }),
        `${person.email} completes "${task.title}"`,
      );
      done.tasks++;
      done.forms.add(task.formKey);
      if (task.formKey === 'ai-system-registration') systemId = await registeredSystem();
      return true;
    }

    /** Why the walk stopped: every open task and every pending approval chain, with who decided. */
    async function stuck(reason: string): Promise<Error> {
      const all = ok(await manager.api.get('/api/inbox?filter=all&limit=100'), 'all open tasks').items;
      const lines = [reason, 'Open tasks:'];
      for (const task of all as InboxItem[]) {
        const detail = ok(await manager.api.get(`/api/tasks/${task.id}`), 'read task');
        let chain = '';
        if (detail.approvalId) {
          const a: ApprovalView = ok(
            await manager.api.get(`/api/approvals/${detail.approvalId}`),
            'approval',
          );
          chain = ` approval ${a.status} at level ${a.currentLevel}, author ${a.authorId}, decided ${JSON.stringify(
            a.levels.map((l) => l.decisions.map((d) => `${d.userName}:${d.decision}`)),
          )}`;
        }
        lines.push(
          `  - "${task.title}" [${task.formKey}] ${task.definitionKey}/${task.stateId} role=${task.candidateRole} assignee=${task.assigneeId}${chain}`,
        );
      }
      const view = await programme();
      lines.push(`Phases: ${view.phases.map((p: { status: string }) => p.status).join(', ')}`);
      lines.push(`People: ${people.map((p) => `${p.email}=${p.id}`).join(', ')}`);
      return new Error(lines.join('\n'));
    }

    let rounds = 0;
    for (; ; rounds++) {
      const view = await programme();
      if (view.phases[1].status === 'done' && view.phases[2].status === 'active') break;
      if (rounds >= MAX_ROUNDS) throw await stuck(`Still not through Phase 2 after ${rounds} rounds.`);
      let progressed = false;
      for (const person of people) {
        for (const task of await inbox(person)) if (await work(person, task)) progressed = true;
      }
      if (!progressed) throw await stuck('Nobody could do anything in the last round.');
    }

    // Both phases done, the programme moved on to phase 3.
    const view = await programme();
    expect(view.status).toBe('active');
    expect(view.phases.map((p: { status: string }) => p.status)).toEqual([
      'done',
      'done',
      'active',
      'not-started',
      'not-started',
    ]);
    for (const phase of view.phases.slice(0, 2)) {
      expect(phase.gate.status).toBe('approved');
      expect(phase.steps.done).toBe(phase.steps.total);
    }
    // Every form of both phases was used, each task completed by the person it was for.
    expect([...done.forms].sort()).toEqual(
      [
        'ai-impact-assessment',
        'ai-objectives',
        'ai-policy',
        'ai-risk-assessment',
        'ai-system-registration',
        'aims-scope',
        'approval-decision',
        'awareness-acknowledgement',
        'context-issues',
        'gap-assessment-item',
        'gap-consolidation',
        'generic-task',
        'interested-parties',
        'leadership-commitment',
        'orientation-checklist',
        'project-plan',
        'soa-entry',
      ].sort(),
    );
    expect(rounds).toBeLessThan(60);

    // The gates: nobody who worked on a phase or its processes checks it; the CEO signs each.
    for (const phase of view.phases.slice(0, 2)) {
      const approvals: ApprovalView[] = ok(
        await external.get(`/api/process-instances/${phase.instanceId}/approvals`),
        'read the phase approvals',
      ).items;
      const gate = approvals.find((a) => a.id === phase.gate.approvalId)!;
      expect(gate).toMatchObject({ status: 'approved', stateId: expect.stringMatching(/\.gate$/) });
      // Phase 1: both managers worked in it, so its AIMS-manager level is skipped (and recorded);
      // phase 2: the deputy did not, and checks it.
      const managerLevel = phase.key === 'phase-plan-prepare' ? 'skipped' : 'approved';
      expect([phase.key, gate.levels.map((l) => [l.role, l.status])]).toEqual([
        phase.key,
        [
          ['aims-manager', managerLevel],
          ['top-management', 'approved'],
        ],
      ]);
      expect(gate.levels[1].decisions).toEqual([
        expect.objectContaining({ userId: ceo.id, userName: ceo.name, decision: 'approve' }),
      ]);
      const deciders = gate.levels.flatMap((l) => l.decisions.map((d) => d.userId));
      expect(deciders).not.toContain(gate.authorId);
      expect(new Set(deciders).size).toBe(deciders.length);
    }

    // The registers the two phases filled.
    const gaps = ok(await external.get('/api/registers/gaps'), 'gaps').items;
    expect(gaps.map((g: { itemId: string }) => g.itemId).sort()).toEqual([...GAP_ITEMS].sort());
    const soa = ok(await external.get('/api/registers/soa'), 'SoA').items;
    expect(soa).toHaveLength(38);
    expect(soa.filter((r: { stage: string }) => r.stage !== 'approved')).toEqual([]);
    expect(soa.find((r: { controlId: string }) => r.controlId === 'A.8.5')).toMatchObject({
      applicable: false,
      justification: 'Outside the scope of our AIMS.',
    });
    expect(soa.find((r: { controlId: string }) => r.controlId === 'A.2.2')).toMatchObject({
      applicable: true,
      owner: expect.objectContaining({ id: manager.id }),
    });

    const systems = ok(await external.get('/api/registers/ai-systems'), 'inventory').items;
    expect(systems).toEqual([
      expect.objectContaining({ id: systemId, owner: expect.objectContaining({ id: owner.id }) }),
    ]);
    const risks = ok(await external.get('/api/registers/risks'), 'risks').items;
    expect(risks.length).toBeGreaterThanOrEqual(1);
    expect(risks[0]).toMatchObject({
      aiSystemId: systemId,
      acceptance: 'accepted',
      owner: expect.objectContaining({ id: owner.id }),
    });
    expect(risks[0].residualLikelihood).toEqual(expect.any(Number));
    const impacts = ok(await external.get('/api/registers/impact-assessments'), 'impacts').items;
    expect(impacts).toEqual([expect.objectContaining({ aiSystemId: systemId, status: 'approved' })]);

    const documents = ok(await external.get('/api/registers/documents'), 'documents').items;
    const byKey = Object.fromEntries(documents.map((d: { docKey: string }) => [d.docKey, d]));
    for (const key of [
      'aims-scope',
      'leadership-commitment',
      'gap-consolidation',
      'project-plan',
      'ai-policy',
      'ai-objectives',
      'soa',
    ]) {
      expect([key, byKey[key]?.approvalState]).toEqual([key, 'approved']);
    }

    // Every step left a record, and the organisation's hash chain verifies end to end.
    const reports = await t.verifyAudit();
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) expect(report).toMatchObject({ ok: true });
    expect(reports.reduce((n, r) => n + r.records, 0)).toBeGreaterThan(done.tasks + done.decisions);
  }, 90_000);
});
