import type { Browser } from 'playwright-core';
import { inNewPage, launchBrowser } from './support/browser';
import { demoUsers, loginAs } from './support/journeys';
import { startServer, type RunningServer } from './support/server';
import { deployAndStart } from './support/workflows';

describe('the audit trail page', () => {
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

  it('lets the internal auditor open it from the nav, verify the trail and see it verified', async () => {
    // Something for the trail to hold: an admin starts a process (deploying is admin only).
    await inNewPage(browser, server.baseUrl, 'audit-trail-admin-starts', async (page) => {
      await loginAs(page, demoUsers.admin);
      await deployAndStart(page.request, {
        key: 'audit-trail-check',
        name: 'Audit trail check',
        form: 'generic-task',
        taskTitle: 'Confirm the audit trail owner',
        businessKey: 'AUD-001',
      });
    });

    await inNewPage(browser, server.baseUrl, 'audit-trail-verify', async (page) => {
      await loginAs(page, demoUsers.auditor);

      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Audit trail', exact: true }).click();
      await page.waitForURL('**/audit');
      await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();

      const download = page.getByRole('link', { name: 'Download the export (JSON Lines)' });
      expect(await download.getAttribute('href')).toBe('/api/audit/export');

      // Keyboard: the primary button is reachable and runs the verification with Enter.
      const verify = page.getByRole('button', { name: 'Verify the audit trail' });
      await verify.focus();
      await page.keyboard.press('Enter');

      const result = page.getByTestId('audit-verify-result');
      await result.waitFor();
      const text = (await result.textContent()) ?? '';
      const match = /Verified: ([\d.,\s\u00a0\u202f]+) records? in (\d+) chains?/.exec(text);
      expect(match).not.toBeNull();
      expect(Number(match![1].replace(/\D/g, ''))).toBeGreaterThan(0);
      expect(await result.getAttribute('role')).toBe('status');
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Verify the audit trail' }).isEnabled()).toBe(true);
    });
  });

  it('is not in the nav of a contributor, who gets the no-access page at /audit', async () => {
    await inNewPage(browser, server.baseUrl, 'audit-trail-contributor', async (page) => {
      await loginAs(page, demoUsers.owner);

      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Inbox', exact: true }).waitFor();
      expect(await nav.getByRole('link', { name: 'Audit trail', exact: true }).count()).toBe(0);

      await page.goto('/audit');
      await page.getByRole('heading', { name: 'No access' }).waitFor();
      expect(await page.getByRole('button', { name: 'Verify the audit trail' }).count()).toBe(0);
    });
  });
});
