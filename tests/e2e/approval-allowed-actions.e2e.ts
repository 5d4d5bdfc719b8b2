import type { APIResponse, Browser, Locator, Page } from 'playwright-core';
import { inNewPage, launchBrowser, saveScreenshot } from './support/browser';
import { demoUsers, loginAs } from './support/journeys';
import { startServer, type RunningServer } from './support/server';

const DEFINITION_KEY = 'own-draft-approval';
const DRAFT_TITLE = 'Draft the AI risk criteria';
const APPROVAL_TITLE = 'Approve: Own draft approval';
const PUBLISH_TITLE = 'Publish the AI risk criteria';
const AUTHOR_REASON = 'The author of the content may not decide on its approval.';
const MANAGER_TWO = 'manager2@acme.example';

/** Draft (by the given user) → one level of any AIMS manager → a publishing step. */
const machine = {
  id: DEFINITION_KEY,
  initial: 'drafting',
  context: { authorId: null, doc: null },
  states: {
    drafting: {
      meta: { task: { form: 'generic-task', title: DRAFT_TITLE, assignee: '{{context.authorId}}' } },
      on: { SUBMIT: { target: 'inApproval', actions: [{ type: 'assignFromForm', params: { to: 'doc' } }] } },
    },
    inApproval: {
      meta: {
        approval: { levels: [{ role: 'aims-manager', rule: 'any' }], subject: 'context.doc' },
      },
      on: { APPROVED: 'publishing', REJECTED: 'drafting' },
    },
    publishing: {
      meta: { task: { form: 'generic-task', title: PUBLISH_TITLE, candidateRole: 'aims-manager' } },
      on: { SUBMIT: 'published' },
    },
    published: { type: 'final' },
  },
};

async function ok<T>(label: string, response: Promise<APIResponse>): Promise<T> {
  const res = await response;
  if (!res.ok()) throw new Error(`${label}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The approval task's inbox row (Mine tab: approvals offered to a role are each candidate's own) for this definition. */
function approvalRow(page: Page): Locator {
  return page
    .getByTestId('inbox-row')
    .filter({ hasText: APPROVAL_TITLE })
    .filter({ hasText: DEFINITION_KEY });
}

async function openApproval(page: Page): Promise<void> {
  await page.goto('/inbox?filter=mine');
  await approvalRow(page).click();
  await page.getByRole('heading', { name: APPROVAL_TITLE, level: 1 }).waitFor();
}

/** The text of the elements a control's aria-describedby points at. */
function describedBy(control: Locator): Promise<string> {
  return control.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .join(' '),
  );
}

describe('an approval task says who may not decide, before the click', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  function asUser(email: string, name: string, journey: (page: Page) => Promise<void>) {
    return inNewPage(browser, server.baseUrl, `approval-allowed-actions-${name}`, async (page) => {
      await loginAs(page, email);
      await journey(page);
    });
  }

  it('shows the author they cannot approve their own draft; a second AIMS manager approves and the process moves on', async () => {
    let instanceId = '';
    // Deploying is admin only; the draft is the AIMS manager's.
    await asUser(demoUsers.admin, 'setup', async (page) => {
      const found = await ok<{ items: { id: string; email: string }[] }>(
        'find manager',
        page.request.get('/api/users', { params: { search: demoUsers.manager } }),
      );
      const managerId = found.items.find((u) => u.email === demoUsers.manager)!.id;
      await ok(
        'deploy',
        page.request.post('/api/workflow-definitions', {
          data: { key: DEFINITION_KEY, name: 'Own draft approval', machine },
        }),
      );
      const started = await ok<{ id: string }>(
        'start',
        page.request.post('/api/process-instances', {
          data: { definitionKey: DEFINITION_KEY, businessKey: 'RISK-001', input: { authorId: managerId } },
        }),
      );
      instanceId = started.id;
    });

    // The manager drafts and submits, then opens the approval of their own draft.
    await asUser(demoUsers.manager, 'author', async (page) => {
      await page.goto('/inbox?filter=mine');
      await page.getByTestId('inbox-row').filter({ hasText: DRAFT_TITLE }).click();
      await page.getByRole('heading', { name: DRAFT_TITLE, level: 1 }).waitFor();
      await page.getByLabel('Done').check();
      await page
        .getByLabel(/Note/)
        .fill('Risk criteria v1: likelihood × impact, accepted by top management.');
      await page.getByRole('button', { name: 'Submit' }).click();
      await page.waitForURL('**/inbox');

      // The inbox already hints that they cannot decide, with the reason as its tooltip.
      await page.goto('/inbox?filter=mine');
      const hint = approvalRow(page).getByTestId('inbox-cannot-decide');
      await hint.waitFor();
      expect(await hint.getAttribute('title')).toBe(AUTHOR_REASON);

      await openApproval(page);
      const note = page.getByRole('note').filter({ hasText: 'You cannot decide on this approval' });
      await note.waitFor();
      expect((await note.textContent())?.trim()).toBe(`You cannot decide on this approval: ${AUTHOR_REASON}`);
      const approve = page.getByRole('button', { name: 'Approve', exact: true });
      expect(await approve.isDisabled()).toBe(true);
      expect(await approve.getAttribute('aria-disabled')).toBe('true');
      expect(await describedBy(approve)).toBe(AUTHOR_REASON);
      for (const name of ['Reject', 'Request changes'])
        expect(await page.getByRole('button', { name, exact: true }).isDisabled()).toBe(true);
      // Nothing was refused by the server: the page said so before any click.
      expect(await page.getByTestId('decision-refused').count()).toBe(0);
      await saveScreenshot(page, 'approval-allowed-actions-author');
    });

    // A second AIMS manager may decide: no notice, and the approval goes through.
    await asUser(MANAGER_TWO, 'second-manager', async (page) => {
      await page.goto('/inbox?filter=mine');
      await approvalRow(page).waitFor();
      expect(await approvalRow(page).getByTestId('inbox-cannot-decide').count()).toBe(0);
      await openApproval(page);
      await page.getByText(/Risk criteria v1/).waitFor();
      const approve = page.getByRole('button', { name: 'Approve', exact: true });
      expect(await approve.isEnabled()).toBe(true);
      expect(await page.getByTestId('decision-not-allowed').count()).toBe(0);
      await approve.click();
      await page.getByRole('status').filter({ hasText: 'The chain is complete' }).waitFor();

      // The instance moved on to publishing.
      await page.goto(`/processes/${instanceId}`);
      await page
        .getByTestId('instance-state')
        .filter({ hasText: /^publishing$/ })
        .waitFor();
      const instance = await ok<{ state: unknown; openTasks: { title: string }[] }>(
        'instance',
        page.request.get(`/api/process-instances/${instanceId}`),
      );
      expect(instance.state).toBe('publishing');
      expect(instance.openTasks.map((t) => t.title)).toEqual([PUBLISH_TITLE]);
      await saveScreenshot(page, 'approval-allowed-actions-approved');
    });
  }, 180_000);
});
