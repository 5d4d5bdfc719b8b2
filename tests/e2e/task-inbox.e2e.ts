import type { Browser } from 'playwright-core';
import { inNewPage, launchBrowser } from './support/browser';
import { checkAccessibility } from './support/axe';
import { demoUsers, loginAs } from './support/journeys';
import { startServer, type RunningServer } from './support/server';
import { deployAndStart } from './support/workflows';

describe('a contributor works a task from the inbox', () => {
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

  it('sees an available task with its count, claims and completes it, and it leaves Mine', async () => {
    const taskTitle = 'Confirm the AI inventory owner';
    await inNewPage(browser, server.baseUrl, 'task-inbox-manager-starts', async (page) => {
      // Deploying a definition is admin only.
      await loginAs(page, demoUsers.admin);
      await deployAndStart(page.request, {
        key: 'inventory-owner-check',
        name: 'Inventory owner check',
        form: 'generic-task',
        taskTitle,
        businessKey: 'INV-001',
      });
    });

    await inNewPage(browser, server.baseUrl, 'task-inbox-contributor', async (page) => {
      await loginAs(page, demoUsers.owner);
      await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();

      // Available shows the task and counts it.
      await page.getByTestId('inbox-filter-available').click();
      await page
        .getByTestId('inbox-count-available')
        .filter({ hasText: /^[1-9]\d*$/ })
        .waitFor();
      const row = page.getByTestId('inbox-row').filter({ hasText: taskTitle });
      await row.waitFor();
      await row.getByText('Offered to Contributor').waitFor();
      await checkAccessibility(page, 'inbox (available)');
      expect(await row.getByText(/Due in/).count()).toBe(1);

      // Keyboard: j focuses the first row, Enter opens it.
      await page.locator('body').click({ position: { x: 5, y: 400 } });
      await page.keyboard.press('j');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'inbox-row',
      );
      await row.click();

      await page.getByRole('heading', { name: taskTitle, level: 1 }).waitFor();
      await page.getByTestId('task-holder').filter({ hasText: 'Nobody yet' }).waitFor();
      await page.getByRole('button', { name: 'Claim' }).click();
      await page.getByTestId('task-holder').filter({ hasText: 'You' }).waitFor();
      await checkAccessibility(page, 'task (claimed)');

      // It is in Mine now.
      await page.getByRole('link', { name: '← Back to the inbox' }).click();
      await page.getByTestId('inbox-filter-mine').click();
      await page.getByTestId('inbox-row').filter({ hasText: taskTitle }).click();

      // What is typed is kept as a draft on the server and comes back after a reload.
      await page.getByLabel(/Note/).fill('Open questions');
      await page
        .getByRole('status')
        .filter({ hasText: /^Draft saved / })
        .waitFor();
      await page.reload();
      await page.getByTestId('draft-restored').filter({ hasText: 'Restored your draft from' }).waitFor();
      expect(await page.getByLabel(/Note/).inputValue()).toBe('Open questions');

      await page.getByLabel('Done').check();
      await page.getByLabel(/Note/).fill('Owner confirmed by e-mail.');
      await page.getByRole('button', { name: 'Submit' }).click();

      await page.waitForURL('**/inbox');
      await page
        .getByRole('status')
        .filter({ hasText: `Completed “${taskTitle}”.` })
        .waitFor();
      await page.getByTestId('inbox-filter-mine').click();
      await page.getByRole('heading', { name: 'Your inbox is empty' }).waitFor();
      expect(await page.getByTestId('inbox-row').filter({ hasText: taskTitle }).count()).toBe(0);
      await page.getByTestId('inbox-count-mine').filter({ hasText: /^0$/ }).waitFor();

      // Completed tasks keep their submitted data, read-only.
      await page.getByLabel('Status').selectOption('completed');
      await page.getByTestId('inbox-row').filter({ hasText: taskTitle }).click();
      await page.getByRole('heading', { name: 'Submitted data' }).waitFor();
      expect(await page.getByRole('button', { name: 'Submit' }).count()).toBe(0);
    });
  });
});
