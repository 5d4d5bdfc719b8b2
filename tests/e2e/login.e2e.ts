import type { Browser } from 'playwright-core';
import { inNewPage, launchBrowser } from './support/browser';
import { demoUsers, DEMO_PASSWORD, loginAs, submitLogin } from './support/journeys';
import { startServer, type RunningServer } from './support/server';

describe('signing in to Aimsflow', () => {
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

  it('shows a clear error for a wrong password and stays on the login page', async () => {
    await inNewPage(browser, server.baseUrl, 'login-wrong-password', async (page) => {
      await submitLogin(page, demoUsers.admin, 'not-the-password');

      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/do not match/i);
      expect(await page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
      expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    });
  });

  it('lets the admin sign in, see the inbox empty state, and find the demo users under Admin → Users', async () => {
    await inNewPage(browser, server.baseUrl, 'login-admin', async (page) => {
      await loginAs(page, demoUsers.admin);

      expect(page.url()).toBe(`${server.baseUrl}/inbox`);
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const item of ['Inbox', 'Roadmap', 'Registers', 'Admin']) {
        expect(await nav.getByRole('link', { name: item, exact: true }).isVisible()).toBe(true);
      }
      await page.getByRole('heading', { name: 'Your inbox is empty' }).waitFor();
      expect(await page.locator('main').textContent()).toMatch(
        /tasks assigned to you, or that you claim from your roles and groups/i,
      );

      await page.locator('.user-menu__button').click();
      const account = page.getByRole('group', { name: 'Your account' });
      await account.waitFor();
      expect(await account.textContent()).toContain('Acme AI Ltd');
      expect(await account.textContent()).toContain('Administrator');
      await page.keyboard.press('Escape');

      await nav.getByRole('link', { name: 'Admin', exact: true }).click();
      await page.waitForURL('**/admin/users');
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
      const table = page.getByRole('table');
      await table.waitFor();
      for (const email of Object.values(demoUsers)) {
        await table.getByText(email, { exact: true }).waitFor();
      }

      await page.getByRole('searchbox', { name: 'Search users' }).fill('auditor');
      await table.getByText(demoUsers.auditor).waitFor();
      await page.waitForFunction(
        (adminEmail) => !document.querySelector('table')?.textContent?.includes(adminEmail),
        demoUsers.admin,
      );
    });
  });

  it('does not show Admin to a contributor, and refuses the admin URL', async () => {
    await inNewPage(browser, server.baseUrl, 'login-contributor', async (page) => {
      await loginAs(page, demoUsers.owner, DEMO_PASSWORD);

      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Inbox', exact: true }).waitFor();
      expect(await nav.getByRole('link', { name: 'Admin', exact: true }).count()).toBe(0);

      await page.goto('/admin/users');
      await page.getByRole('heading', { name: 'No access' }).waitFor();
    });
  });

  it('returns to the login page after logging out', async () => {
    await inNewPage(browser, server.baseUrl, 'logout', async (page) => {
      await loginAs(page, demoUsers.manager);
      await page.locator('.user-menu__button').click();
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();

      await page.reload();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    });
  });
});
