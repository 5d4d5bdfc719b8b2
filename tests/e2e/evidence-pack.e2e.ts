import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { inNewPage, launchBrowser } from './support/browser';
import { demoUsers, loginAs } from './support/journeys';
import { verifyPackWithCli } from './support/pack-verify';
import { startServer, type RunningServer } from './support/server';

describe('the evidence pack and readiness pages', () => {
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

  it('lets the external auditor see readiness, download the pack with progress, and verify it', async () => {
    await inNewPage(browser, server.baseUrl, 'evidence-pack-external', async (page) => {
      await loginAs(page, demoUsers.external);
      const nav = page.getByRole('navigation', { name: 'Main' });

      // Both are offered on the Registers page, where an auditor starts.
      await nav.getByRole('link', { name: 'Registers', exact: true }).click();
      await page.getByRole('main').getByRole('link', { name: 'Readiness', exact: true }).click();
      await page.waitForURL('**/readiness');
      await page.getByRole('heading', { name: 'Readiness', level: 1 }).waitFor();
      await page.getByTestId('readiness-bar-4').waitFor();
      expect(await page.getByRole('row').count()).toBeGreaterThan(32);

      await nav.getByRole('link', { name: 'Registers', exact: true }).click();
      await page.getByRole('main').getByRole('link', { name: 'Evidence pack', exact: true }).click();
      await page.waitForURL('**/evidence-pack');
      const downloaded = page.waitForEvent('download', { timeout: 120_000 });
      await page.getByRole('button', { name: 'Build and download the evidence pack' }).click();
      await page.getByTestId('pack-progress').waitFor();
      const download = await downloaded;
      expect(download.suggestedFilename()).toMatch(/^evidence-pack-acme-\d{4}-\d{2}-\d{2}\.zip$/);
      const file = path.join(
        fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-pack-')),
        download.suggestedFilename(),
      );
      await download.saveAs(file);
      await page.getByTestId('pack-downloaded').waitFor();

      // What the certification body does: pin the served key and check the file outside the product.
      const key = await (await page.request.get('/api/evidence-pack/public-key')).json();
      expect(verifyPackWithCli(file, key.publicKeyPem)).toMatchObject({
        ok: true,
        pinned: true,
        exitCode: 0,
      });

      await page.getByLabel('Evidence pack (.zip)').setInputFiles(file);
      await page.getByRole('button', { name: 'Verify the pack' }).click();
      const result = page.getByTestId('pack-verify-result');
      await result.waitFor();
      expect(await result.textContent()).toContain('Verified:');
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    });
  }, 180_000);
});
