import type { APIRequestContext, APIResponse, Browser, Page } from 'playwright-core';
import { inNewPage, launchBrowser, saveScreenshot } from './support/browser';
import { demoUsers, inviteUser, loginAs, NEW_USER_PASSWORD } from './support/journeys';
import { startServer, type RunningServer } from './support/server';

const DEFINITION_KEY = 'ai-policy-approval';
const DRAFT_TITLE = 'Draft the AI policy';
const PROCESS_OWNERS = 'Policy process owners';
const AUTHOR_REFUSAL = 'The author of the content may not decide on its approval.';
const REJECTION = 'Risk criteria are missing: say how residual risk is accepted.';

const people = {
  processOwner: { email: 'pia.po@acme.example', name: 'Pia Process-Owner', roles: ['contributor'] },
  managerTwo: { email: 'max.m2@acme.example', name: 'Max Manager-Two', roles: ['aims-manager'] },
  managerThree: { email: 'mina.m3@acme.example', name: 'Mina Manager-Three', roles: ['aims-manager'] },
} as const;

/** Draft → process owner (group) → 2 of 3 AIMS managers → top management; a rejection goes back to the draft. */
const policyMachine = {
  id: DEFINITION_KEY,
  initial: 'drafting',
  context: { contributorId: null, doc: null, reviews: [] },
  states: {
    drafting: {
      meta: { task: { form: 'generic-task', title: DRAFT_TITLE, assignee: '{{context.contributorId}}' } },
      on: { SUBMIT: { target: 'inApproval', actions: [{ type: 'assignFromForm', params: { to: 'doc' } }] } },
    },
    inApproval: {
      meta: {
        approval: {
          levels: [
            { group: PROCESS_OWNERS, rule: 'any' },
            { role: 'aims-manager', rule: { quorum: 2 } },
            { role: 'top-management', rule: 'any' },
          ],
          subject: 'context.doc',
        },
      },
      on: {
        APPROVED: 'approved',
        REJECTED: { target: 'drafting', actions: [{ type: 'appendToContext', params: { to: 'reviews' } }] },
      },
    },
    approved: { type: 'final', meta: { outcome: 'approved' } },
  },
};

async function ok<T>(label: string, response: Promise<APIResponse>): Promise<T> {
  const res = await response;
  if (!res.ok()) throw new Error(`${label}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * As admin: two more AIMS managers (3 in all), a process owner, and the process-owner group (which
 * the author is in too). Each new person has set their own password (NEW_USER_PASSWORD).
 */
async function setUpPeople(request: APIRequestContext, baseUrl: string): Promise<{ ownerId: string }> {
  const ids: Record<string, string> = {};
  for (const [key, person] of Object.entries(people)) {
    ids[key] = (await inviteUser(request, baseUrl, person)).id;
  }
  const found = await ok<{ items: { id: string; email: string }[] }>(
    'find owner',
    request.get('/api/users', { params: { search: demoUsers.owner } }),
  );
  const ownerId = found.items.find((u) => u.email === demoUsers.owner)!.id;
  const group = await ok<{ id: string }>(
    'create group',
    request.post('/api/groups', { data: { name: PROCESS_OWNERS } }),
  );
  await ok(
    'set members',
    request.put(`/api/groups/${group.id}/members`, { data: { userIds: [ids.processOwner, ownerId] } }),
  );
  return { ownerId };
}

/** Opens the first inbox row with `title` in the given tab and waits for the task page. */
async function openTask(page: Page, title: string, filter: 'mine' | 'available'): Promise<void> {
  await page.goto(`/inbox?filter=${filter}`);
  await page.getByTestId('inbox-row').filter({ hasText: title }).first().click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
}

/** Makes one decision with the task page's buttons; `expected` is the confirmation it must show. */
async function decide(
  page: Page,
  button: 'Approve' | 'Reject' | 'Request changes',
  expected: string | RegExp,
  comment?: string,
): Promise<void> {
  if (comment) await page.getByRole('textbox', { name: 'Comment', exact: true }).fill(comment);
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByRole('status').filter({ hasText: expected }).waitFor();
}

async function fillDraft(page: Page, note: string): Promise<void> {
  await page.getByLabel('Done').check();
  await page.getByLabel(/Note/).fill(note);
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.waitForURL('**/inbox');
}

describe('a submission goes through a 3-level approval chain', () => {
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

  /** One decision by `email` in their own browser session. */
  function asUser(email: string, name: string, journey: (page: Page) => Promise<void>) {
    return inNewPage(browser, server.baseUrl, `approval-chain-${name}`, async (page) => {
      const invited = Object.values(people).some((person) => person.email === email);
      await loginAs(page, email, invited ? NEW_USER_PASSWORD : undefined);
      await journey(page);
    });
  }

  it('refuses the author, sends a level-2 rejection back, restarts at level 1 and ends signed off with every decision hashed', async () => {
    let instanceId = '';
    await asUser(demoUsers.admin, 'setup-people', async (page) => {
      const { ownerId } = await setUpPeople(page.request, server.baseUrl);
      await ok(
        'deploy',
        page.request.post('/api/workflow-definitions', {
          data: { key: DEFINITION_KEY, name: 'AI policy approval', machine: policyMachine },
        }),
      );
      const started = await ok<{ id: string }>(
        'start',
        page.request.post('/api/process-instances', {
          data: { definitionKey: DEFINITION_KEY, businessKey: 'POL-001', input: { contributorId: ownerId } },
        }),
      );
      instanceId = started.id;
    });

    // The contributor drafts and submits through the form.
    await asUser(demoUsers.owner, 'draft-v1', async (page) => {
      await openTask(page, DRAFT_TITLE, 'mine');
      await fillDraft(page, 'AI policy v1: scope and commitments.');
    });

    // The author is in the process-owner group, so the level-1 task is offered to them: the page says
    // before any click that they may not decide, and the server refuses a decision sent anyway.
    await asUser(demoUsers.owner, 'author-refused', async (page) => {
      await openTask(page, 'Approve: AI policy approval (level 1 of 3)', 'mine');
      await page.getByTestId('not-allowed-reason').filter({ hasText: AUTHOR_REFUSAL }).waitFor();
      expect(await page.getByTestId('not-allowed-reason').textContent()).toBe(AUTHOR_REFUSAL);
      expect(await page.getByRole('button', { name: 'Approve', exact: true }).isDisabled()).toBe(true);
      const taskId = new URL(page.url()).pathname.split('/').pop()!;
      const { approvalId } = await ok<{ approvalId: string }>(
        'task',
        page.request.get(`/api/tasks/${taskId}`),
      );
      const refused = await page.request.post(`/api/approvals/${approvalId}/decisions`, {
        data: { decision: 'approve' },
      });
      expect(refused.status()).toBe(403);
      expect(((await refused.json()) as { detail: string }).detail).toBe(AUTHOR_REFUSAL);
      await saveScreenshot(page, 'approval-chain-author-refused');
    });

    await asUser(people.processOwner.email, 'level-1', async (page) => {
      await openTask(page, 'Approve: AI policy approval (level 1 of 3)', 'mine');
      await page.getByText('AI policy v1: scope and commitments.').waitFor();
      await decide(page, 'Approve', 'the chain moved to level 2 of 3');
    });
    await asUser(demoUsers.manager, 'level-2-first', async (page) => {
      await openTask(page, 'Approve: AI policy approval (level 2 of 3)', 'mine');
      await decide(page, 'Approve', 'Level 2 needs 1 more approval.');
      await page.getByTestId('decision-done').waitFor();
    });
    await asUser(people.managerTwo.email, 'level-2-reject', async (page) => {
      await openTask(page, 'Approve: AI policy approval (level 2 of 3)', 'mine');
      await page.getByRole('button', { name: 'Reject', exact: true }).click();
      await page.getByText(/A comment is required to reject/).waitFor();
      await decide(page, 'Reject', 'went back to its author', REJECTION);
    });

    // Back to the contributor, who sees why and resubmits.
    await asUser(demoUsers.owner, 'draft-v2', async (page) => {
      await openTask(page, DRAFT_TITLE, 'mine');
      await page.getByTestId('sent-back').filter({ hasText: REJECTION }).waitFor();
      expect(await page.getByTestId('sent-back').textContent()).toContain(people.managerTwo.name);
      await fillDraft(page, 'AI policy v2: scope, commitments and risk acceptance by top management.');
    });

    // The chain starts over at level 1; earlier deciders may decide again on the new version.
    await asUser(people.processOwner.email, 'level-1-again', async (page) => {
      await openTask(page, 'Approve: AI policy approval (level 1 of 3)', 'mine');
      await page.getByText(/AI policy v2/).waitFor();
      await decide(page, 'Approve', 'the chain moved to level 2 of 3');
    });
    await asUser(demoUsers.manager, 'level-2-again', async (page) => {
      await openTask(page, 'Approve: AI policy approval (level 2 of 3)', 'mine');
      await decide(page, 'Approve', 'Level 2 needs 1 more approval.');
    });
    await asUser(people.managerThree.email, 'level-2-quorum', async (page) => {
      await openTask(page, 'Approve: AI policy approval (level 2 of 3)', 'mine');
      await decide(page, 'Approve', 'the chain moved to level 3 of 3');
    });
    await asUser(demoUsers.ceo, 'level-3', async (page) => {
      await openTask(page, 'Approve: AI policy approval (level 3 of 3)', 'mine');
      await decide(page, 'Approve', 'The chain is complete');
      await saveScreenshot(page, 'approval-chain-signed-off');
    });

    await asUser(demoUsers.manager, 'instance-history', async (page) => {
      await page.goto(`/processes/${instanceId}`);
      await page
        .getByTestId('instance-state')
        .filter({ hasText: /^approved$/ })
        .waitFor();

      // The timeline: 3 decisions in the rejected chain, 4 in the approved one, the refusal kept too, each with its hash.
      const timeline = page.getByRole('region', { name: 'Instance history' });
      const decided = timeline.locator('.pd-entry').filter({ hasText: 'approval.decided' });
      await decided.nth(6).waitFor();
      expect(await decided.count()).toBe(7);
      for (const hash of await decided.locator('.pd-entry-hash').allTextContents())
        expect(hash).toMatch(/^[0-9a-f]{8}$/);
      expect(await timeline.locator('.pd-entry').filter({ hasText: 'approval.refused' }).count()).toBe(1);

      // The chains: who decided what, with the first 12 characters of the subject's SHA-256.
      const chains = page.getByTestId('approval-chain');
      expect(await chains.count()).toBe(2);
      expect(await page.getByTestId('approval-decision').count()).toBe(7);
      const [rejected, approved] = [chains.nth(0), chains.nth(1)];
      await rejected.getByText(REJECTION).waitFor();
      const approvedHash = (await approved.getByTestId('chain-hash').textContent()) ?? '';
      expect(approvedHash).toMatch(/^[0-9a-f]{12}$/);
      expect(await approved.getByTestId('decision-hash').allTextContents()).toEqual(
        Array(4).fill(approvedHash),
      );
      expect(await rejected.getByTestId('chain-hash').textContent()).not.toBe(approvedHash);
      await saveScreenshot(page, 'approval-chain-instance');
    });
  }, 240_000);
});
