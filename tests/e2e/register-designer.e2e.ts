import type { Browser, Page } from 'playwright-core';
import { inNewPage, launchBrowser, saveScreenshot } from './support/browser';
import { checkAccessibility } from './support/axe';
import { demoUsers, loginAs } from './support/journeys';
import { startServer, type RunningServer } from './support/server';
import { singleTaskMachine } from './support/workflows';

const FORM_KEY = 'supplier-check';
const WORKFLOW_KEY = 'supplier-intake';
const TASK_TITLE = 'Describe the AI supplier';

/** The designer's properties panel for the selected field. */
const properties = (page: Page) => page.getByRole('complementary', { name: 'Properties' });

describe('low-code: a form an admin designs feeds a register the admin defines, without code', () => {
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

  it('designs a form, attaches it to a step, declares a register from it; a contributor’s answer becomes a record', async () => {
    await inNewPage(browser, server.baseUrl, 'register-designer-admin', async (page) => {
      await loginAs(page, demoUsers.admin);

      // 1. A form, in the form designer.
      await page.goto('/admin/forms');
      await page.getByRole('button', { name: 'New form' }).click();
      await page.getByLabel('Key').fill(FORM_KEY);
      await page.getByLabel('Title').fill('Supplier check');
      await page.getByRole('button', { name: 'Create and open designer' }).click();
      await page.getByTestId('form-designer').waitFor();
      await page.getByTestId('palette-shortText').click();
      await properties(page).getByLabel('Field id').fill('supplier');
      await page.getByTestId('field-supplier').waitFor();
      await properties(page).getByLabel('Label', { exact: true }).fill('Supplier');
      await properties(page).getByLabel('Required').check();
      await page.getByTestId('palette-boolean').click();
      await properties(page).getByLabel('Field id').fill('dataShared');
      await page.getByTestId('field-dataShared').waitFor();
      await properties(page).getByLabel('Label', { exact: true }).fill('We share personal data with them');
      await page.getByTestId('draft-save-status').filter({ hasText: 'Saved' }).waitFor();
      await page.getByTestId('designer-publish').click();
      await page.getByTestId('designer-change-note').fill('First version');
      await page.getByTestId('designer-publish-confirm').click();
      await page.getByTestId('designer-published').waitFor();

      // A workflow whose one step still shows the generic task form (deploying a machine is the one step done through the API).
      const deploy = await page.request.post('/api/workflow-definitions', {
        data: {
          key: WORKFLOW_KEY,
          name: 'Supplier intake',
          machine: singleTaskMachine(WORKFLOW_KEY, 'generic-task', TASK_TITLE),
        },
      });
      expect(deploy.status()).toBe(201);

      // 2. The form attached to the step, in workflow settings.
      await page.goto(`/admin/workflows/${WORKFLOW_KEY}`);
      const step = page.getByRole('group', { name: new RegExp(TASK_TITLE) });
      await step.getByLabel('Form').selectOption(FORM_KEY);
      await page.getByRole('button', { name: 'Save as a new version' }).click();
      await page.getByText('Saved as version 2.').waitFor();

      // 3. A register declared from that step, in Admin → Registers.
      await page.goto('/admin/registers');
      await page.getByRole('heading', { name: 'New register' }).waitFor();
      await page.getByLabel('Title').fill('AI suppliers');
      await page.getByLabel('Key').fill('ai-suppliers');
      await page.getByLabel('ISO/IEC 42001 clause or control (optional)').fill('A.10.3');
      await page.getByLabel('Fed by workflow').selectOption(WORKFLOW_KEY);
      await page.getByLabel('When this step is completed').selectOption(`${WORKFLOW_KEY}.working`);
      await page.getByLabel(/We share personal data/).waitFor();
      await page.getByLabel('One record per').selectOption('supplier');
      await saveScreenshot(page, 'register-designer');
      await page.getByRole('button', { name: 'Save register' }).click();
      await page.getByRole('link', { name: 'Open it' }).waitFor();

      // 3b. The admin describes it; the server checks the new version as on create.
      await page.getByRole('button', { name: 'Edit AI suppliers' }).click();
      const editor = page.getByRole('form', { name: 'Edit register AI suppliers' });
      await editor.getByLabel('Description (optional)').fill('Suppliers whose AI systems we use');
      await editor.getByRole('button', { name: 'Save new version' }).click();
      await editor.getByText('Saved as version 2.').waitFor();

      const start = await page.request.post('/api/process-instances', {
        data: { definitionKey: WORKFLOW_KEY },
      });
      expect(start.status()).toBe(201);
    });

    // 4. A contributor completes the step in the form the admin designed.
    await inNewPage(browser, server.baseUrl, 'register-designer-contributor', async (page) => {
      await loginAs(page, demoUsers.owner);
      await page.getByTestId('inbox-filter-available').click();
      await page.getByTestId('inbox-row').filter({ hasText: TASK_TITLE }).click();
      await page.getByRole('button', { name: 'Claim' }).click();
      await page.getByTestId('task-holder').filter({ hasText: 'You' }).waitFor();
      const form = page.locator('.task-form');
      await form.getByLabel(/Supplier/).fill('Vision Labs');
      await form.getByLabel(/We share personal data/).check();
      await form.getByRole('button', { name: 'Submit' }).click();
      await page.waitForURL('**/inbox');

      // 5. The record is in the register the admin defined, with its history.
      await page.goto('/registers');
      await page.getByRole('link', { name: 'AI suppliers' }).click();
      await page.getByRole('heading', { name: 'AI suppliers', level: 1 }).waitFor();
      const row = page.getByRole('row').filter({ hasText: 'Vision Labs' });
      await row.getByText('Yes').waitFor();
      await saveScreenshot(page, 'register-declared-list');
      await checkAccessibility(page, 'register (declared)');
      await row.getByRole('link', { name: 'Vision Labs' }).click();
      await page.getByText('1 (current)').waitFor();
      await page.getByRole('link', { name: TASK_TITLE }).waitFor();
    });
  });
});
