import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  request as playwrightRequest,
  type APIRequestContext,
  type Browser,
  type Page,
} from 'playwright-core';
import { inNewPage, launchBrowser } from './support/browser';
import { DEMO_PASSWORD, demoUsers, inviteUser, loginAs, NEW_USER_PASSWORD } from './support/journeys';
import { repoRoot, startServer, type RunningServer } from './support/server';
import { realiseExample } from '@aimsflow/forms';
import { uploadEvidence } from './support/programme-walk';

/** A small gap analysis: two requirement areas and two controls. */
const GAP_ITEMS = ['4.1', '6.1.2', 'A.2.2', 'A.10.4'];
const DEPUTY = 'deputy@acme.example';

interface Actor {
  email: string;
  id: string;
  roles: string[];
  api: APIRequestContext;
}

interface WaitingTask {
  taskId: string;
  title: string;
}

/** The first valid example of a built-in form, as a submission to start from. */
function example(formKey: string): Record<string, unknown> {
  const dir = path.join(repoRoot, 'forms', formKey, 'examples');
  const file = readdirSync(dir)
    .filter((f) => f.startsWith('valid-'))
    .sort()[0];
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
}

async function signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<Actor> {
  const api = await playwrightRequest.newContext({
    baseURL: baseUrl,
    extraHTTPHeaders: { 'X-Requested-With': 'aimsflow' },
  });
  const res = await api.post('/api/auth/login', { data: { email, password } });
  if (!res.ok()) throw new Error(`login ${email}: ${res.status()}`);
  const { user } = await res.json();
  return { email, id: user.id, roles: user.roles, api };
}

async function ok(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<any> {
  if (!response.ok()) throw new Error(`${what}: ${response.status()} ${await response.text()}`);
  return response.json();
}

describe('Phase 1 of the roadmap, walked by the manager, contributors and the CEO', () => {
  let server: RunningServer;
  let browser: Browser;
  let actors: Actor[] = [];

  beforeAll(async () => {
    // Start from an empty roadmap: the demo programme is not started automatically here.
    server = await startServer({ env: { AIMSFLOW_DEMO_PROGRAMME: 'false' } });
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    for (const actor of actors) await actor.api.dispose();
    await browser?.close();
    await server?.stop();
  });

  /** Works one open task or approval as the person it is for (claiming it first when it is offered to a role). */
  async function work(task: WaitingTask, manager: Actor) {
    const detail = await ok(await manager.api.get(`/api/tasks/${task.taskId}`), `read ${task.title}`);
    if (detail.status !== 'open') return;
    if (detail.approvalId) {
      const approval = await ok(
        await manager.api.get(`/api/approvals/${detail.approvalId}`),
        'read approval',
      );
      const decided = approval.levels.flatMap((l: { decisions: Array<{ userId: string }> }) =>
        l.decisions.map((d) => d.userId),
      );
      const level = approval.levels[approval.currentLevel - 1];
      const approver = actors.find(
        (a) => a.roles.includes(level.role) && a.id !== approval.authorId && !decided.includes(a.id),
      );
      if (!approver) throw new Error(`nobody may decide ${task.title}`);
      await ok(
        await approver.api.post(`/api/approvals/${detail.approvalId}/decisions`, {
          data: { decision: 'approve' },
        }),
        `${approver.email} approves ${task.title}`,
      );
      return;
    }
    const worker = actors.find((a) =>
      detail.assigneeId ? a.id === detail.assigneeId : a.roles.includes(detail.candidateRole),
    );
    if (!worker) throw new Error(`nobody works on ${task.title}`);
    if (!detail.assigneeId)
      await ok(
        await worker.api.post(`/api/tasks/${task.taskId}/claim`),
        `${worker.email} claims ${task.title}`,
      );
    let data: Record<string, unknown> = example(detail.formKey);
    if (detail.formKey === 'gap-assessment-item') {
      const requirement = task.title.split(' ')[2];
      data =
        requirement === 'A.10.4'
          ? { requirement, status: 'not-applicable', justification: 'We have no external customers for AI.' }
          : { requirement, status: 'partial', note: 'Partly in place' };
    }
    data = realiseExample(data, {
      personId: worker.id,
      evidence: await uploadEvidence({ ...worker, name: worker.email }),
    }) as Record<string, unknown>;
    await ok(
      await worker.api.post(`/api/tasks/${task.taskId}/complete`, { data: { data } }),
      `${worker.email} completes ${task.title}`,
    );
  }

  async function programme(actor: Actor) {
    return ok(await actor.api.get('/api/programme'), 'read the programme');
  }

  async function roadmapShows(page: Page, phase: number, status: string) {
    await page.goto('/roadmap');
    await page.getByTestId(`phase-${phase}-status`).filter({ hasText: status }).waitFor();
  }

  it('starts the programme, works Phase 1 to its gate and shows Phase 2 in progress', async () => {
    const admin = await signIn(server.baseUrl, demoUsers.admin);
    // Invited as a real admin does; the deputy then chooses their own password.
    await inviteUser(admin.api, server.baseUrl, {
      email: DEPUTY,
      name: 'Dana Deputy',
      roles: ['aims-manager'],
    });
    const manager = await signIn(server.baseUrl, demoUsers.manager);
    actors = [
      admin,
      manager,
      await signIn(server.baseUrl, DEPUTY, NEW_USER_PASSWORD),
      await signIn(server.baseUrl, demoUsers.owner),
      await signIn(server.baseUrl, demoUsers.ceo),
    ];

    // The manager sees the empty roadmap with the start button.
    await inNewPage(browser, server.baseUrl, 'roadmap-empty', async (page) => {
      await loginAs(page, demoUsers.manager);
      await page.getByRole('link', { name: 'Roadmap' }).click();
      await page.getByRole('heading', { name: 'The AIMS programme has not started' }).waitFor();
      await page.getByRole('button', { name: 'Start the AIMS programme' }).waitFor();
    });
    // Started through the API to keep the gap analysis to a handful of items.
    const started = await ok(
      await manager.api.post('/api/programme', { data: { gapItems: GAP_ITEMS } }),
      'start the programme',
    );
    expect(started.phases[0].status).toBe('active');

    // The contributor sees Phase 1 in progress and what it waits on.
    await inNewPage(browser, server.baseUrl, 'roadmap-phase1-active', async (page) => {
      await loginAs(page, demoUsers.owner);
      await roadmapShows(page, 1, 'In progress');
      await page
        .getByRole('link', { name: 'Work through the ISO/IEC 42001 orientation checklist' })
        .waitFor({ state: 'attached' });
    });

    let sawGapItems = 0;
    for (let round = 0; round < 30; round++) {
      const view = await programme(manager);
      if (view.phases[1].status === 'active') break;
      const waiting: WaitingTask[] = view.phases[0].waitingOn;
      sawGapItems = Math.max(
        sawGapItems,
        waiting.filter((t) => t.title.startsWith('Gap assessment:')).length,
      );
      if (waiting.length === 0) throw new Error('Phase 1 waits on nothing but is not done');
      for (const task of waiting) await work(task, manager);
    }
    expect(sawGapItems).toBe(GAP_ITEMS.length);

    const view = await programme(manager);
    expect(view.phases[0]).toMatchObject({ status: 'done', gate: { status: 'approved' } });
    expect(view.phases[1].status).toBe('active');
    const soa = await ok(await manager.api.get('/api/registers/soa'), 'read the SoA');
    expect(soa.items).toHaveLength(38);
    expect(soa.items.find((r: { controlId: string }) => r.controlId === 'A.10.4')).toMatchObject({
      applicable: false,
    });

    await inNewPage(browser, server.baseUrl, 'roadmap-phase2-active', async (page) => {
      await loginAs(page, demoUsers.ceo);
      await roadmapShows(page, 1, 'Done');
      await roadmapShows(page, 2, 'In progress');
      await page.getByRole('link', { name: 'Registers' }).click();
      await page.getByRole('link', { name: 'Annex A controls & Statement of Applicability' }).click();
      await page.getByRole('link', { name: 'Download CSV' }).waitFor();
      await page.getByRole('cell', { name: 'A.10.4', exact: true }).waitFor();
      expect(await page.locator('tbody tr').count()).toBe(38);
    });
  });
});
