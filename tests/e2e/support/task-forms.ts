import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';

/** Serious and critical accessibility violations, per page visited (reported, not asserted). */
export const axeFindings: { page: string; serious: number; critical: number; rules: string[] }[] = [];

/** Runs axe on the page as it is now and keeps its serious/critical violations under `name`. */
export async function checkAccessibility(page: Page, name: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  axeFindings.push({
    page: name,
    serious: bad.filter((v) => v.impact === 'serious').length,
    critical: bad.filter((v) => v.impact === 'critical').length,
    rules: bad.map((v) => `${v.id} ×${v.nodes.length} at ${v.nodes[0]?.target.join(' ')}`),
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Opens the first inbox row whose title starts with `title` in the given tab and waits for the
 * task page; claims it from Available (approval tasks are decided without a claim: `claim: false`).
 */
export async function openTask(
  page: Page,
  title: string,
  filter: 'mine' | 'available',
  { claim = filter === 'available' } = {},
): Promise<void> {
  await page.getByRole('link', { name: 'Inbox' }).click();
  await page.getByTestId(`inbox-filter-${filter}`).click();
  await page.getByTestId('inbox-row').filter({ hasText: title }).first().click();
  await page.getByRole('heading', { name: new RegExp(`^${escape(title)}`), level: 1 }).waitFor();
  if (claim) {
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByTestId('task-holder').filter({ hasText: 'You' }).waitFor();
  }
}

/** Picks a person in a form's people picker (a native select) by the name it shows. */
export async function pickPerson(page: Page, fieldId: string, name: string): Promise<void> {
  const select = page.locator(`select#${fieldId}`);
  const option = select.locator('option', { hasText: name });
  await option.first().waitFor({ state: 'attached' });
  const value = await option.first().getAttribute('value');
  if (!value) throw new Error(`${name} is not offered in ${fieldId}`);
  await select.selectOption(value);
}

/** The RJSF field with this id (`root_…`). */
export const field = (page: Page, id: string): Locator => page.locator(`#${id}`);

/** Submits the task's form and waits for the inbox to confirm it. */
export async function submitTask(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.waitForURL('**/inbox**');
  await page
    .getByRole('status')
    .filter({ hasText: /^Completed “/ })
    .waitFor();
}
