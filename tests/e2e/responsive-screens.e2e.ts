import type { APIResponse, Browser, Page } from 'playwright-core';
import { checkAccessibility } from './support/axe';
import { launchBrowser, saveScreenshot } from './support/browser';
import { demoUsers, loginAs } from './support/journeys';
import { startServer, type RunningServer } from './support/server';

const WIDTHS = [1440, 768] as const;
const MANAGER_TWO = 'manager2@acme.example';

async function ok<T>(label: string, response: Promise<APIResponse>): Promise<T> {
  const res = await response;
  if (!res.ok()) throw new Error(`${label}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** What breaks a tablet layout: the page wider than the window, or a top-bar control cut off or hidden. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const scroll = document.documentElement.scrollWidth;
    if (scroll > width) problems.push(`the page is ${scroll} px wide in a ${width} px window`);
    const bar = document.querySelector('header');
    // A link scrolled out of the main nav is as good as missing.
    const nav = bar?.querySelector('nav')?.getBoundingClientRect();
    for (const link of Array.from(bar?.querySelectorAll('nav a') ?? [])) {
      const box = link.getBoundingClientRect();
      if (nav && (box.right > nav.right + 0.5 || box.left < nav.left - 0.5))
        problems.push(`top bar link "${link.textContent?.trim()}" is outside the visible nav`);
    }
    for (const el of Array.from(bar?.querySelectorAll('a, button') ?? [])) {
      const box = el.getBoundingClientRect();
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
      if (box.width === 0 || box.height === 0) continue; // deliberately hidden (e.g. the skip link)
      if (box.right > width + 0.5 || box.left < -0.5) problems.push(`top bar "${name}" is cut off`);
      if (el.scrollWidth > el.clientWidth + 1 && el.tagName === 'BUTTON')
        problems.push(`top bar "${name}" overflows its button`);
    }
    return problems;
  });
}

/**
 * The main pages at desktop and tablet width, saved to tmp/e2e/screen-<page>-<width>.png for review;
 * each must fit its window, with the whole top bar usable.
 */
describe('the main pages at 1440 and 768 px', () => {
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

  it('inbox, task, approval, roadmap and a register fit the window with a working top bar', async () => {
    // Set-up as the AIMS manager: the programme runs, and an AI policy draft waits for approval.
    const setup = await browser.newContext({
      baseURL: server.baseUrl,
      extraHTTPHeaders: { 'X-Requested-With': 'aimsflow' },
    });
    const managerPage = await setup.newPage();
    await loginAs(managerPage, demoUsers.manager);
    const request = managerPage.request;
    await ok('start the programme', request.post('/api/programme', { data: { gapItems: ['4.1', 'A.2.2'] } }));
    const evidence = await ok<Record<string, unknown>>(
      'upload',
      request.post('/api/evidence?name=ai-policy.txt&type=text/plain', {
        headers: { 'content-type': 'application/octet-stream' },
        data: Buffer.from('Acme AI policy'),
      }),
    );
    const started = await ok<{ id: string }>(
      'start the policy',
      request.post('/api/process-instances', { data: { definitionKey: 'ai-policy-approval' } }),
    );
    const instance = await ok<{ openTasks: { id: string }[] }>(
      'instance',
      request.get(`/api/process-instances/${started.id}`),
    );
    const draftId = instance.openTasks[0].id;
    await ok('claim', request.post(`/api/tasks/${draftId}/claim`));
    const { sha256, name, size, type } = evidence;
    await ok(
      'submit',
      request.post(`/api/tasks/${draftId}/complete`, {
        data: {
          data: {
            document: { sha256, name, size, type },
            version: '1.0',
            purposeSummary: 'Sets how Acme develops and uses AI responsibly.',
            commitments: ['requirements'],
            reviewIntervalMonths: 12,
            effectiveFrom: '2027-01-01',
          },
        },
      }),
    );
    await setup.close();

    const problems: string[] = [];
    for (const width of WIDTHS) {
      const context = await browser.newContext({
        baseURL: server.baseUrl,
        viewport: { width, height: 1000 },
        extraHTTPHeaders: { 'X-Requested-With': 'aimsflow' },
      });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const shoot = async (what: string) => {
        await page.waitForLoadState('networkidle');
        await saveScreenshot(page, `screen-${what}-${width}`);
        for (const p of await layoutProblems(page)) problems.push(`${what} at ${width}: ${p}`);
        // The tablet layout is checked by axe too (its own reflowed markup, e.g. the top bar).
        if (width === 768) await checkAccessibility(page, `${what} at 768`);
      };
      try {
        await loginAs(page, MANAGER_TWO);
        await page.goto('/inbox?filter=available');
        await page.getByTestId('inbox-row').first().waitFor();
        await shoot('inbox');

        await page.getByTestId('inbox-row').filter({ hasText: 'orientation' }).first().click();
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.getByRole('button', { name: 'Claim' }).waitFor();
        // Shot once loaded: the form, the process by name, the comments.
        await page.getByLabel(/Date of the orientation session/).waitFor();
        await page.getByRole('link', { name: /Phase 1 — Plan & Prepare \(version 1\)/ }).waitFor();
        await page.getByText('No comments yet.').waitFor();
        await shoot('task');

        await page.goto('/inbox?filter=mine');
        await page.getByTestId('inbox-row').filter({ hasText: 'Approve: AI policy v1.0' }).click();
        await page.getByRole('heading', { name: 'What is being approved' }).waitFor();
        await page.getByTestId('subject-form').waitFor();
        await shoot('approval');

        await page.goto('/roadmap');
        await page.getByTestId('phase-1-status').waitFor();
        await shoot('roadmap');

        await page.goto('/registers/documents');
        await page.getByRole('heading', { name: 'Documented information', level: 1 }).waitFor();
        await shoot('register');

        // The user menu opens at this width too.
        await page.getByRole('button', { name: /Dev Deputy/ }).click();
        await page.getByRole('button', { name: 'Log out' }).waitFor();
        await shoot('user-menu');
      } catch (error) {
        await saveScreenshot(page, `screen-failed-${width}`);
        throw error;
      } finally {
        await context.close();
      }
    }
    // The admin has the most top-bar entries: it must fit a tablet too.
    const admin = await browser.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 768, height: 800 },
    });
    const adminPage = await admin.newPage();
    await loginAs(adminPage, demoUsers.admin);
    await adminPage.getByRole('link', { name: 'Admin' }).waitFor();
    await saveScreenshot(adminPage, 'screen-topbar-admin-768');
    for (const p of await layoutProblems(adminPage)) problems.push(`admin inbox at 768: ${p}`);
    await admin.close();
    expect(problems).toEqual([]);
  }, 240_000);
});
