import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './server';

export const screenshotDir = path.join(repoRoot, 'tmp/e2e');

/** Debian's chromium, headless, with nothing phoning home. Never `playwright install`. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Runs `journey` in a fresh browser context (own cookies) at `baseUrl`. On failure it saves a
 * full-page screenshot to tmp/e2e/<name>.png and rethrows; the context is always closed.
 */
export async function inNewPage(
  browser: Browser,
  baseUrl: string,
  name: string,
  journey: (page: Page, context: BrowserContext) => Promise<void>,
): Promise<void> {
  // The web app sends the CSRF header itself; this adds it to the journeys' own `page.request` calls.
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1280, height: 800 },
    extraHTTPHeaders: { 'X-Requested-With': 'aimsflow' },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  try {
    await journey(page, context);
  } catch (error) {
    await saveScreenshot(page, name);
    if (consoleErrors.length && error instanceof Error) {
      error.message += `\n--- browser console errors ---\n${consoleErrors.join('\n')}`;
    }
    throw error;
  } finally {
    await context.close();
  }
}

/** Saves a full-page screenshot to tmp/e2e/<name>.png; never throws. */
export async function saveScreenshot(page: Page, name: string): Promise<string | undefined> {
  try {
    mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${name.replace(/[^a-z0-9-_]+/gi, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  } catch {
    return undefined;
  }
}
