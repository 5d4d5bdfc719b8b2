import type { APIRequestContext, APIResponse, Browser, Page } from 'playwright-core';
import { checkAccessibility } from './support/axe';
import { inNewPage, launchBrowser, saveScreenshot } from './support/browser';
import { demoUsers, loginAs } from './support/journeys';
import { startServer, type RunningServer } from './support/server';

const DRAFT_TITLE = 'Draft or review the AI policy';
const LEVEL_ONE = 'Approve: AI policy v1.2 (level 1 of 2)';
const LEVEL_TWO = 'Approve: AI policy v1.2 (level 2 of 2)';
const AUTHOR_REASON = 'The author of the content may not decide on its approval.';
const PURPOSE = 'Sets how Acme develops, buys and uses AI responsibly, and who answers for it.';
const MANAGER_TWO = 'manager2@acme.example';

async function ok<T>(label: string, response: Promise<APIResponse>): Promise<T> {
  const res = await response;
  if (!res.ok()) throw new Error(`${label}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The approval's row in the person's own list (Mine). */
async function mineRow(page: Page, title: string) {
  await page.goto('/inbox?filter=mine');
  const row = page.getByTestId('inbox-row').filter({ hasText: title });
  await row.waitFor();
  return row;
}

/** As the AIMS manager: starts the AI policy approval and submits a draft of version 1.2. */
async function submitPolicyDraft(request: APIRequestContext): Promise<string> {
  const evidence = await ok<Record<string, unknown>>(
    'upload the policy document',
    request.post('/api/evidence?name=ai-policy-v1.2.txt&type=text/plain', {
      headers: { 'content-type': 'application/octet-stream' },
      data: Buffer.from('Acme AI policy, version 1.2'),
    }),
  );
  const started = await ok<{ id: string; openTasks: { id: string; title: string }[] }>(
    'start',
    request.post('/api/process-instances', {
      data: { definitionKey: 'ai-policy-approval', businessKey: 'AI-POLICY-1.2' },
    }),
  );
  const instance = await ok<{ openTasks: { id: string; title: string }[] }>(
    'instance',
    request.get(`/api/process-instances/${started.id}`),
  );
  const draft = instance.openTasks.find((t) => t.title === DRAFT_TITLE)!;
  await ok('claim', request.post(`/api/tasks/${draft.id}/claim`));
  await ok(
    'submit the draft',
    request.post(`/api/tasks/${draft.id}/complete`, {
      data: {
        data: {
          document: {
            sha256: evidence.sha256,
            name: evidence.name,
            size: evidence.size,
            type: evidence.type,
          },
          version: '1.2',
          purposeSummary: PURPOSE,
          commitments: ['requirements', 'improvement'],
          reviewIntervalMonths: 12,
          effectiveFrom: '2027-01-01',
        },
      },
    }),
  );
  return started.id;
}

describe('top management is told of a sign-off, reads it in words and signs', () => {
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
    return inNewPage(browser, server.baseUrl, `ceo-signs-${name}`, async (page) => {
      await loginAs(page, email);
      await journey(page);
    });
  }

  it('the author sees why they may not decide; the deputy approves; the CEO is notified, opens it from Mine, reads the policy as its form and signs', async () => {
    let instanceId = '';
    await asUser(demoUsers.manager, 'author', async (page) => {
      instanceId = await submitPolicyDraft(page.request);

      // The approval is in the author's own list, titled by its subject, with a due date and the hint.
      const row = await mineRow(page, LEVEL_ONE);
      expect(await row.textContent()).toMatch(/Due /);
      const hint = row.getByTestId('inbox-cannot-decide');
      expect(await hint.getAttribute('title')).toBe(AUTHOR_REASON);
      await row.click();
      await page.getByRole('heading', { name: LEVEL_ONE, level: 1 }).waitFor();
      const note = page.getByRole('note').filter({ hasText: 'You cannot decide on this approval' });
      await note.waitFor();
      expect((await note.textContent())?.trim()).toBe(`You cannot decide on this approval: ${AUTHOR_REASON}`);
      expect(await page.getByRole('button', { name: 'Approve', exact: true }).isDisabled()).toBe(true);
      expect(await page.getByTestId('decision-refused').count()).toBe(0);
      await checkAccessibility(page, 'approval (author)');
    });

    await asUser(MANAGER_TWO, 'deputy', async (page) => {
      const row = await mineRow(page, LEVEL_ONE);
      expect(await row.getByTestId('inbox-cannot-decide').count()).toBe(0);
      await row.click();
      await page.getByRole('heading', { name: LEVEL_ONE, level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /level 2|recorded|approved/i })
        .first()
        .waitFor();
    });

    await asUser(demoUsers.ceo, 'ceo', async (page) => {
      // The notice is delivered by the outbox a moment after level 2 opens, and the bell reads on
      // load, on inbox events and once a minute: wait for the delivery, then open the app afresh.
      const deadline = Date.now() + 30_000;
      while ((await (await page.request.get('/api/notifications')).json()).unread === 0) {
        if (Date.now() > deadline) throw new Error('the CEO was not notified within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      await page.reload();
      // Notified: the bell counts it and names what waits, linking to a page that exists.
      const bell = page.getByTestId('notification-bell');
      await page.waitForFunction(
        () =>
          /unread/.test(
            document.querySelector('[data-testid="notification-bell"]')?.getAttribute('aria-label') ?? '',
          ),
        undefined,
        { timeout: 15_000 },
      );
      await bell.click();
      const item = page
        .getByRole('group', { name: 'Notifications' })
        .getByRole('button', { name: /Waiting for your decision: AI policy v1\.2 \(level 2 of 2\)/ });
      await item.waitFor();
      const notifications = await ok<{ items: { title: string; link: string | null }[] }>(
        'notifications',
        page.request.get('/api/notifications'),
      );
      const link = notifications.items.find((n) => n.title.includes('AI policy v1.2'))!.link!;
      expect(link).toMatch(/^\/tasks\/[0-9a-f-]{36}$/);
      await page.keyboard.press('Escape');

      // Opened from their own list (Mine), which counts it.
      const row = await mineRow(page, LEVEL_TWO);
      // The Mine count includes the approval: it equals the rows listed (the list is one page).
      await page.waitForFunction(() => {
        const count = Number(document.querySelector('[data-testid="inbox-count-mine"]')?.textContent);
        return count >= 1 && count === document.querySelectorAll('[data-testid="inbox-row"]').length;
      });
      expect(await row.textContent()).toMatch(/Due /);
      await checkAccessibility(page, 'inbox (ceo)');
      await row.click();
      await page.getByRole('heading', { name: LEVEL_TWO, level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe(link);
      // The process and step in words, not their keys and state ids.
      await page.getByRole('link', { name: 'AI policy approval (version 1)' }).waitFor();
      expect(await page.getByTestId('task-step').textContent()).toBe('In approval');

      // The subject reads as the policy form: its labels and values, the author by name, no raw keys.
      const subject = page.getByTestId('subject-form');
      await subject.waitFor();
      await subject.getByText('What the policy sets out to do').waitFor();
      expect(await subject.getByLabel('What the policy sets out to do').inputValue()).toBe(PURPOSE);
      expect(await subject.getByLabel('Version').inputValue()).toBe('1.2');
      await subject.getByText('ai-policy-v1.2.txt').waitFor();
      const text = (await page.getByRole('region', { name: 'What is being approved' }).textContent()) ?? '';
      expect(text).not.toMatch(/purposeSummary|reviewIntervalMonths|\{"/);
      await page.getByText(/on the submission of Maya Manager/).waitFor();
      await checkAccessibility(page, 'approval (ceo)');
      await saveScreenshot(page, 'ceo-signs-approval');

      // Signs.
      const approve = page.getByRole('button', { name: 'Approve', exact: true });
      expect(await approve.isEnabled()).toBe(true);
      await approve.click();
      await page.getByRole('status').filter({ hasText: 'The chain is complete' }).waitFor();
    });

    await asUser(demoUsers.manager, 'after', async (page) => {
      const instance = await ok<{ status: string; state: unknown }>(
        'instance',
        page.request.get(`/api/process-instances/${instanceId}`),
      );
      expect(instance.state).toBe('approved');
    });
  }, 240_000);
});
