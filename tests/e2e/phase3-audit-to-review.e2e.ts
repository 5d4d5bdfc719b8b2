import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { inNewPage, launchBrowser, saveScreenshot, screenshotDir } from './support/browser';
import { demoUsers, loginAs } from './support/journeys';
import { startServer, type RunningServer } from './support/server';

describe('explore', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer({ env: { AIMSFLOW_DEMO_PROGRAMME: 'false' } });
    browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  it('dumps', async () => {
    await inNewPage(browser, server.baseUrl, 'x-start', async (page) => {
      await loginAs(page, demoUsers.manager);
      await page.getByRole('link', { name: 'Processes' }).click();
      await page.getByRole('button', { name: 'Start a process' }).click();
      const panel = page.getByRole('region', { name: 'Start a process' });
      await panel.getByLabel('Process').selectOption({ label: 'Internal audit (v1)' });
      await panel.getByRole('button', { name: 'Start', exact: true }).click();
      await page.waitForURL('**/processes/*');
      await page.waitForTimeout(1500);
      await saveScreenshot(page, 'x-instance');
      writeFileSync(`${screenshotDir}/x-instance.html`, await page.content());
    });
    await inNewPage(browser, server.baseUrl, 'x-plan', async (page) => {
      await loginAs(page, demoUsers.auditor);
      await page.getByTestId('inbox-filter-available').click();
      await page.getByTestId('inbox-row').filter({ hasText: 'Plan the internal audit' }).first().click();
      await page.getByRole('heading', { name: 'Plan the internal audit', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Claim' }).click();
      await page.getByTestId('task-holder').filter({ hasText: 'You' }).waitFor();
      await page.waitForTimeout(1000);
      await saveScreenshot(page, 'x-plan');
      writeFileSync(`${screenshotDir}/x-plan.html`, await page.content());
    });
  }, 120_000);
});
