import type { Browser, Page } from 'playwright-core';
import { inNewPage, launchBrowser, saveScreenshot } from './support/browser';
import { demoUsers, loginAs } from './support/journeys';
import { startServer, type RunningServer } from './support/server';
import { deployAndStart } from './support/workflows';

const FORM_KEY = 'dpia-screening';
const TASK_TITLE = 'Screen the chatbot for personal data';

/** The designer's properties panel for the selected field. */
const properties = (page: Page) => page.getByRole('complementary', { name: 'Properties' });

describe('an admin designs, previews and publishes a form that users then fill in', () => {
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

  it('builds a conditional field, previews it, publishes, validates on the server and renders it in a task', async () => {
    await inNewPage(browser, server.baseUrl, 'form-designer-admin', async (page) => {
      await loginAs(page, demoUsers.admin);
      await page.goto('/admin/forms');
      await page.getByRole('heading', { name: 'Forms', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'New form' }).click();
      await page.getByLabel('Key').fill(FORM_KEY);
      await page.getByLabel('Title').fill('DPIA screening');
      await page.getByRole('button', { name: 'Create and open designer' }).click();
      await page.getByTestId('form-designer').waitFor();
      await page.waitForURL(`**/admin/forms/${FORM_KEY}`);

      await page.getByTestId('palette-boolean').click();
      await properties(page).getByLabel('Field id').fill('usesPersonalData');
      await page.getByTestId('field-usesPersonalData').waitFor();
      await properties(page).getByLabel('Label', { exact: true }).fill('Uses personal data');

      await page.getByTestId('palette-longText').click();
      await properties(page).getByLabel('Field id').fill('dpiaReference');
      await page.getByTestId('field-dpiaReference').waitFor();
      await properties(page).getByLabel('Label', { exact: true }).fill('DPIA reference');
      await properties(page).getByLabel('Required').check();
      await properties(page).getByLabel('Show only when a condition holds').check();
      await properties(page).getByLabel('Condition field').selectOption('usesPersonalData');
      await properties(page).getByLabel('Condition operator').selectOption('eq');
      await properties(page).getByLabel('Condition value').selectOption('true');
      await page
        .getByTestId('field-dpiaReference')
        .filter({ hasText: 'Shown when Uses personal data is Yes' })
        .waitFor();

      // Preview: the reference is asked for only when personal data is used.
      await page.getByTestId('designer-tab-preview').click();
      const preview = page.getByTestId('designer-preview');
      await preview.getByLabel('Uses personal data').waitFor();
      expect(await preview.getByLabel(/DPIA reference/).count()).toBe(0);
      await preview.getByLabel('Uses personal data').check();
      await preview.getByLabel(/DPIA reference/).waitFor();
      await preview.getByLabel('Uses personal data').uncheck();
      await preview.getByLabel(/DPIA reference/).waitFor({ state: 'detached' });

      await page.getByTestId('draft-save-status').filter({ hasText: 'Saved' }).waitFor();
      await saveScreenshot(page, 'form-designer-preview');

      await page.getByTestId('designer-publish').click();
      await page
        .getByTestId('designer-change-note')
        .fill('First version: DPIA screening with a conditional reference');
      await page.getByTestId('designer-publish-confirm').click();
      await page.getByTestId('designer-published').waitFor();
      await page.getByText('published version 1').waitFor();

      await page.getByRole('button', { name: 'Versions' }).click();
      await page.getByText('First version: DPIA screening').waitFor();

      // The published version is the server's contract for submissions.
      const versions = await (await page.request.get(`/api/forms/${FORM_KEY}/versions`)).json();
      const list = Array.isArray(versions) ? versions : versions.items;
      expect(list.map((v: { version: number }) => v.version)).toEqual([1]);
      const good = await page.request.post(`/api/forms/${FORM_KEY}/versions/1/validate`, {
        data: { data: { usesPersonalData: true, dpiaReference: 'DPIA-2026-007' } },
      });
      expect(good.status()).toBe(200);
      expect(await good.json()).toEqual({ valid: true });
      const bad = await page.request.post(`/api/forms/${FORM_KEY}/versions/1/validate`, {
        data: { data: { usesPersonalData: true } },
      });
      expect(bad.status()).toBe(422);
      const verdict = await bad.json();
      expect(verdict.valid).toBe(false);
      expect(JSON.stringify(verdict.errors)).toContain('dpiaReference');
      const noPersonalData = await page.request.post(`/api/forms/${FORM_KEY}/versions/1/validate`, {
        data: { data: { usesPersonalData: false } },
      });
      expect(noPersonalData.status()).toBe(200);

      await deployAndStart(page.request, {
        key: 'dpia-check',
        name: 'DPIA check',
        form: FORM_KEY,
        taskTitle: TASK_TITLE,
        businessKey: 'AI-SYS-3',
      });
    });

    await inNewPage(browser, server.baseUrl, 'form-designer-user-fills-in', async (page) => {
      await loginAs(page, demoUsers.owner);
      await page.getByTestId('inbox-filter-available').click();
      await page.getByTestId('inbox-row').filter({ hasText: TASK_TITLE }).click();
      await page.getByRole('heading', { name: TASK_TITLE, level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Claim' }).click();
      await page.getByTestId('task-holder').filter({ hasText: 'You' }).waitFor();

      const form = page.locator('.task-form');
      await form.getByLabel('Uses personal data').waitFor();
      expect(await form.getByLabel(/DPIA reference/).count()).toBe(0);
      await form.getByLabel('Uses personal data').check();
      await form.getByLabel(/DPIA reference/).fill('DPIA-2026-007');
      await saveScreenshot(page, 'form-designer-task');
      await form.getByRole('button', { name: 'Submit' }).click();

      await page.waitForURL('**/inbox');
      await page
        .getByRole('status')
        .filter({ hasText: `Completed “${TASK_TITLE}”.` })
        .waitFor();
    });
  });
});
