import type { Browser } from 'playwright-core';
import { inNewPage, launchBrowser, saveScreenshot } from './support/browser';
import { demoUsers, loginAs } from './support/journeys';
import { ok, signIn, walkInboxes, type Actor, type InboxTask } from './support/programme-walk';
import { startServer, type RunningServer } from './support/server';

const DEPUTY = 'manager2@acme.example';
const GATE_TITLE = 'Approve: Phase 1 — Plan & Prepare (level 2 of 2)';

/** The top-management level-2 task on the Phase 1 gate: the one signature this journey makes through the UI. */
const isPhase1Gate = (task: InboxTask) =>
  task.definitionKey === 'phase-plan-prepare' && /(^|\.)gate$/.test(task.stateId);

describe('the demo organisation starts its programme and signs Phase 1 through the UI', () => {
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

  it('manager starts, contributor assesses from the inbox, CEO signs the gate, the roadmap moves to Phase 2', async () => {
    const [manager, deputy, owner, ceo] = await Promise.all(
      [demoUsers.manager, DEPUTY, demoUsers.owner, demoUsers.ceo].map((email) =>
        signIn(server.baseUrl, email),
      ),
    );
    actors = [manager, deputy, owner, ceo];
    const programme = () => ok(manager.api.get('/api/programme'), 'read the programme');

    // 1. The AIMS manager starts the programme with the roadmap page's button.
    await inNewPage(browser, server.baseUrl, 'walkthrough-start', async (page) => {
      await loginAs(page, demoUsers.manager);
      await page.getByRole('link', { name: 'Roadmap' }).click();
      await page.getByRole('heading', { name: 'The AIMS programme has not started' }).waitFor();
      await page.getByRole('button', { name: 'Start the AIMS programme' }).click();
      await page.getByTestId('phase-1-status').filter({ hasText: 'In progress' }).waitFor();
      await page
        .getByText(/Waiting on \d+ open tasks?/)
        .first()
        .waitFor();
    });
    const started = await programme();
    expect(started.phases.map((p: { status: string }) => p.status)).toEqual([
      'active',
      'not-started',
      'not-started',
      'not-started',
      'not-started',
    ]);

    // 2. The first strands of Phase 1 up to the gap analysis, worked through the API.
    const gapOpen = async () =>
      (
        await ok(
          owner.api.get('/api/inbox', { params: { filter: 'available', formKey: 'gap-assessment-item' } }),
          'gap tasks',
        )
      ).items.length > 0;
    await walkInboxes(actors, { until: gapOpen });

    // 3. The contributor opens a gap-assessment task from the inbox, claims it and submits the rendered form.
    let assessed = '';
    await inNewPage(browser, server.baseUrl, 'walkthrough-gap-assessment', async (page) => {
      await loginAs(page, demoUsers.owner);
      await page.getByTestId('inbox-filter-available').click();
      await page.getByLabel('Search tasks').fill('Gap assessment');
      const row = page.getByTestId('inbox-row').filter({ hasText: 'Gap assessment:' }).first();
      await row.waitFor();
      await row.click();
      const heading = page.getByRole('heading', { level: 1, name: /^Gap assessment: / });
      await heading.waitFor();
      assessed = ((await heading.textContent()) ?? '').split(' ')[2];
      expect(assessed).toMatch(/^(\d+|A)(\.\d+)+$/);
      await page.getByRole('button', { name: 'Claim' }).click();
      await page.getByTestId('task-holder').filter({ hasText: 'You' }).waitFor();
      await page.getByLabel(/Clause or control/).fill(assessed);
      await page.getByLabel(/Current status/).selectOption({ label: 'Partially in place' });
      await page.getByLabel(/^Note/).fill('Practice exists but is not written down yet.');
      await page.getByRole('button', { name: 'Submit' }).click();
      await page.waitForURL('**/inbox**');
      await page
        .getByRole('status')
        .filter({ hasText: /^Completed “Gap assessment: / })
        .waitFor();
    });
    const gaps = await ok(manager.api.get('/api/registers/gaps'), 'read the gap list');
    expect(gaps.items).toEqual([
      expect.objectContaining({
        itemId: assessed,
        status: 'partial',
        note: 'Practice exists but is not written down yet.',
      }),
    ]);

    // 4. Everything else of Phase 1 through the API, up to the CEO's signature on the gate.
    const gateWaitsOnCeo = async () =>
      (await ok(ceo.api.get('/api/inbox'), 'CEO inbox')).items.some(isPhase1Gate);
    await walkInboxes(actors, {
      until: gateWaitsOnCeo,
      skip: (actor, task) => actor === ceo && isPhase1Gate(task),
    });
    const atGate = await programme();
    expect(atGate.phases[0]).toMatchObject({ status: 'active', gate: { status: 'pending' } });

    // 5. The CEO signs the Phase 1 gate with the task page's Approve button.
    await inNewPage(browser, server.baseUrl, 'walkthrough-ceo-gate', async (page) => {
      await loginAs(page, demoUsers.ceo);
      // A sign-off offered to top management is in the CEO's own list.
      await page.getByTestId('inbox-filter-mine').click();
      await page.getByTestId('inbox-row').filter({ hasText: GATE_TITLE }).first().click();
      await page.getByRole('heading', { name: GATE_TITLE, level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'What is being approved' }).waitFor();
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'The chain is complete' }).waitFor();
    });

    const after = await programme();
    expect(after.phases[0]).toMatchObject({ status: 'done', gate: { status: 'approved' } });
    expect(after.phases[1].status).toBe('active');
    const gate = await ok(
      manager.api.get(`/api/approvals/${after.phases[0].gate.approvalId}`),
      'read the gate',
    );
    expect(gate.levels[1].decisions).toEqual([
      expect.objectContaining({ userId: ceo.id, decision: 'approve' }),
    ]);

    // 6. The roadmap shows Phase 1 done and Phase 2 in progress.
    await inNewPage(browser, server.baseUrl, 'walkthrough-roadmap', async (page) => {
      await loginAs(page, demoUsers.ceo);
      await page.getByRole('link', { name: 'Roadmap' }).click();
      await page.getByTestId('phase-1-status').filter({ hasText: 'Done' }).waitFor();
      await page.getByTestId('phase-2-status').filter({ hasText: 'In progress' }).waitFor();
      await page.getByTestId('phase-3-status').filter({ hasText: 'Not started' }).waitFor();
      await saveScreenshot(page, 'walkthrough-roadmap-phase2');
    });
  }, 240_000);
});
