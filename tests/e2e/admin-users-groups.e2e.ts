import type { Browser } from 'playwright-core';
import { inNewPage, launchBrowser } from './support/browser';
import { chooseOwnPassword, demoUsers, loginAs, NEW_USER_PASSWORD, submitLogin } from './support/journeys';
import { startServer, type RunningServer } from './support/server';

describe('an admin manages users and groups', () => {
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

  it('invites a user who signs in with the temporary password shown once and must choose their own', async () => {
    let temporaryPassword = '';
    await inNewPage(browser, server.baseUrl, 'admin-invite-user', async (page) => {
      await loginAs(page, demoUsers.admin);
      await page.goto('/admin/users');
      await page.getByRole('table').waitFor();

      await page.getByRole('button', { name: 'Invite user' }).click();
      const form = page.getByRole('region', { name: 'Invite a user' });
      await form.getByLabel('Email').fill('nia.new@acme.example');
      await form.getByLabel('Full name').fill('Nia New');
      await form.getByRole('checkbox', { name: 'Internal auditor' }).check();
      await form.getByRole('button', { name: 'Create user' }).click();

      temporaryPassword = (await page.getByTestId('temporary-password').textContent()) ?? '';
      expect(temporaryPassword.length).toBeGreaterThanOrEqual(8);
      await page.getByRole('button', { name: 'Done' }).click();
      expect(await page.getByTestId('temporary-password').count()).toBe(0);
      await page.getByRole('table').getByText('nia.new@acme.example').waitFor();
    });

    await inNewPage(browser, server.baseUrl, 'invited-user-signs-in', async (page) => {
      await submitLogin(page, 'nia.new@acme.example', temporaryPassword);
      // Only the forced change form until the temporary password is replaced.
      await chooseOwnPassword(page, temporaryPassword);
      await page.getByRole('heading', { name: 'Your inbox is empty' }).waitFor();
    });

    await inNewPage(browser, server.baseUrl, 'invited-user-signs-in-again', async (page) => {
      await loginAs(page, 'nia.new@acme.example', NEW_USER_PASSWORD);
      await page.getByRole('heading', { name: 'Your inbox is empty' }).waitFor();
    });
  });

  it('edits roles, deactivates and reactivates a user', async () => {
    await inNewPage(browser, server.baseUrl, 'admin-edit-user', async (page) => {
      await loginAs(page, demoUsers.admin);
      await page.goto('/admin/users');
      const row = page.getByRole('row').filter({ hasText: demoUsers.owner });
      await row.waitFor();

      await row.getByRole('button', { name: /^Edit / }).click();
      await page.getByRole('checkbox', { name: 'AIMS manager' }).check();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /Saved changes to/ })
        .waitFor();
      await row.getByText('AIMS manager').waitFor();

      await row.getByRole('button', { name: /^Deactivate / }).click();
      await row.getByText('Deactivated').waitFor();
      await page.reload();
      await page.getByRole('row').filter({ hasText: demoUsers.owner }).getByText('Deactivated').waitFor();

      await page
        .getByRole('row')
        .filter({ hasText: demoUsers.owner })
        .getByRole('button', { name: /^Reactivate / })
        .click();
      await page
        .getByRole('row')
        .filter({ hasText: demoUsers.owner })
        .getByText('Active', { exact: true })
        .waitFor();
    });
  });

  it('creates a group and sets its members', async () => {
    await inNewPage(browser, server.baseUrl, 'admin-groups', async (page) => {
      await loginAs(page, demoUsers.admin);
      await page.goto('/admin/groups');
      await page.getByRole('heading', { name: 'Groups', level: 1 }).waitFor();

      await page.getByRole('button', { name: 'New group' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Risk owners');
      await page.getByRole('button', { name: 'Create group' }).click();
      await page.getByRole('status').filter({ hasText: 'Created the group Risk owners.' }).waitFor();

      await page.getByRole('button', { name: 'Set members of Risk owners' }).click();
      await page.getByRole('checkbox', { name: new RegExp(demoUsers.owner) }).check();
      await page.getByRole('checkbox', { name: new RegExp(demoUsers.auditor) }).check();
      await page.getByRole('button', { name: 'Save members' }).click();
      await page.getByRole('status').filter({ hasText: 'Risk owners now has 2 members.' }).waitFor();

      await page.reload();
      const members = page.getByRole('list', { name: 'Members of Risk owners' });
      await members.getByText(demoUsers.owner).waitFor();
      await members.getByText(demoUsers.auditor).waitFor();
    });
  });
});
