import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { inNewPage, launchBrowser, saveScreenshot } from './support/browser';
import { demoUsers, loginAs } from './support/journeys';
import { shortenEffectivenessWait, startProcess, waitForOffered } from './support/processes';
import { ok, signIn, type Actor } from './support/programme-walk';
import { verifyPackWithCli } from './support/pack-verify';
import { startServer, type RunningServer } from './support/server';
import { field, openTask, pickPerson, submitTask } from './support/task-forms';

const BODY = 'Northbridge Certification Ltd';
const FINDING_REF = 'NCB-2026-01';
const FINDING = 'Impact assessments not repeated after model changes';
const ACTION = 'Add an impact-assessment trigger to the model change procedure';
const CERTIFICATE = 'NCB-AIMS-000731';
const OWNER = 'Omar Owner';
/** The second AIMS manager of the demo seed (Dev Deputy). */
const DEPUTY = 'manager2@acme.example';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const today = () => day(0);
/** The same day `years` later (29 February is not handled: the journey does not run on it). */
const yearsLater = (iso: string, years: number) => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The dueAt of the open inbox task whose title starts with `title`, as the actor's inbox lists it. */
async function dueAtOf(actor: Actor, title: string, filter: 'available' | 'mine'): Promise<string> {
  const inbox = await ok(actor.api.get('/api/inbox', { params: { filter, limit: 100 } }), 'inbox');
  const task = inbox.items.find((t: { title: string }) => t.title.startsWith(title));
  if (!task?.dueAt) throw new Error(`no open task "${title}" with a due date in ${actor.email}'s inbox`);
  return task.dueAt;
}

/** Fills the nonconformity case the finding started, through its tasks (manager, then the owner). */
async function correctTheFinding(page: Page): Promise<void> {
  await openTask(page, `Contain and correct: ${FINDING}`, 'available');
  await field(page, 'root_containment').fill(
    'Impact assessments repeated for the two models changed since go-live.',
  );
  await field(page, 'root_correction').fill('Both reassessed; no new high impacts.');
  await submitTask(page);

  await openTask(page, `Find the root cause: ${FINDING}`, 'available');
  await field(page, 'root_whys_0_answer').fill('The change procedure does not mention impact assessments.');
  await field(page, 'root_rootCause').fill('Model changes are not linked to the impact assessment process.');
  await field(page, 'root_category').selectOption({ label: 'Process: missing or unclear steps' });
  await field(page, 'root_similarElsewhere').selectOption({ label: 'They could occur elsewhere' });
  await submitTask(page);

  await openTask(page, `Plan corrective actions: ${FINDING}`, 'available');
  await field(page, 'root_actions_0_description').fill(ACTION);
  await pickPerson(page, 'root_actions_0_ownerId', OWNER);
  // Well before the body's deadline (the server refuses an action due after it).
  await field(page, 'root_actions_0_dueDate').fill(day(14));
  await field(page, 'root_effectivenessCheckAfter').selectOption({ label: '2 weeks' });
  await submitTask(page);
}

describe('certification in the web app: stage 1, stage 2, a major finding, the certificate, the first visit, the pack', () => {
  let server: RunningServer;
  let browser: Browser;
  let actors: Actor[] = [];
  const started = Date.now();

  beforeAll(async () => {
    server = await startServer({ env: { AIMSFLOW_DEMO_PROGRAMME: 'false' } });
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    for (const actor of actors) await actor.api.dispose();
    await browser?.close();
    await server?.stop();
    console.log(`certification journey: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('runs certification-audit to the certificate, opens surveillance audit 1 due a year after the decision, and the pack verifies', async () => {
    const [admin, manager, deputy] = await Promise.all(
      [demoUsers.admin, demoUsers.manager, DEPUTY].map((email) => signIn(server.baseUrl, email)),
    );
    actors = [admin, manager, deputy];
    await shortenEffectivenessWait(admin);
    const stageTwoEnd = day(-19);

    // 1. The AIMS manager starts the certification audit and records the body and stage 1.
    await inNewPage(browser, server.baseUrl, 'cert-stage-one', async (page) => {
      await loginAs(page, demoUsers.manager);
      await startProcess(page, 'Certification audit');
      await openTask(page, 'Record the certification body and the agreed scope', 'available');
      await field(page, 'root_name').fill(BODY);
      await field(page, 'root_accreditationBody').fill('National accreditation service');
      await field(page, 'root_accreditationNumber').fill('CB-0731');
      await field(page, 'root_scope').fill('Development and operation of the credit-scoring AI system');
      await field(page, 'root_auditDays').fill('6');
      if ((await field(page, 'root_contacts_0_name').count()) === 0)
        await page.getByRole('button', { name: 'Add entry' }).first().click();
      await field(page, 'root_contacts_0_name').fill('Lena Lead');
      await field(page, 'root_stageOneStart').fill(day(-40));
      await field(page, 'root_stageOneEnd').fill(day(-38));
      await submitTask(page);

      await openTask(page, `Stage 1 document review by ${BODY}`, 'available');
      const results = page.locator('select[id^="root_lines_"][id$="_result"]');
      await results.first().waitFor();
      const count = await results.count();
      expect(count).toBeGreaterThan(5);
      // The server drafted one line per required documented information, with where it is kept.
      expect(await field(page, 'root_lines_0_clause').inputValue()).toMatch(/^\d/);
      for (let i = 0; i < count; i++) await results.nth(i).selectOption({ label: 'Accepted' });
      await field(page, 'root_outcome').selectOption({ label: 'Ready for stage 2' });
      await saveScreenshot(page, 'cert-stage-one');
      await submitTask(page);
    });

    // 2. Stage 2: the agreed dates, held as planned, then a major finding.
    await inNewPage(browser, server.baseUrl, 'cert-stage-two', async (page) => {
      await loginAs(page, demoUsers.manager);
      await openTask(page, `Agree the stage 2 dates with ${BODY}`, 'available');
      await field(page, 'root_startDate').fill(day(-20));
      await field(page, 'root_endDate').fill(stageTwoEnd);
      await submitTask(page);

      await openTask(page, `Stage 2 audit by ${BODY}`, 'available');
      expect(await field(page, 'root_endDate').inputValue()).toBe(stageTwoEnd);
      await submitTask(page);

      await openTask(page, `Record the stage 2 findings of ${BODY}`, 'available');
      expect(await field(page, 'root_majorDeadline').inputValue()).toBe(day(71));
      await page.getByRole('button', { name: 'Add entry' }).first().click();
      await field(page, 'root_nonconformities_0_ref').fill(FINDING_REF);
      await field(page, 'root_nonconformities_0_grade').selectOption({ label: 'Major' });
      await field(page, 'root_nonconformities_0_clause').fill('8.4');
      await field(page, 'root_nonconformities_0_title').fill(FINDING);
      await field(page, 'root_nonconformities_0_description').fill(
        'Two model changes went live without repeating the AI system impact assessment.',
      );
      await saveScreenshot(page, 'cert-findings');
      await submitTask(page);
    });

    // 3. The finding's nonconformity: the AIMS manager handles it, the owner acts, the check passes.
    const closureTitle = `Have ${BODY} accept the closure of ${FINDING_REF}: ${FINDING}`;
    // The closure with the body is due on the major default deadline, 90 days after stage 2.
    expect((await dueAtOf(manager, closureTitle, 'available')).slice(0, 10)).toBe(day(71));
    await inNewPage(browser, server.baseUrl, 'cert-nonconformity', async (page) => {
      await loginAs(page, demoUsers.manager);
      await correctTheFinding(page);
    });
    await inNewPage(browser, server.baseUrl, 'cert-corrective-action', async (page) => {
      await loginAs(page, demoUsers.owner);
      await openTask(page, 'Corrective action due ', 'mine');
      await field(page, 'root_whatWasDone').fill(
        'Change procedure v2.0 requires a reassessment; applied twice.',
      );
      await submitTask(page);
    });
    // The check goes to an AIMS manager who authored none of it: the deputy, not Maya.
    await waitForOffered(deputy, /nonconformity\.checking/);
    await inNewPage(browser, server.baseUrl, 'cert-effectiveness', async (page) => {
      await loginAs(page, DEPUTY);
      await openTask(page, `Check whether the corrective actions worked: ${FINDING}`, 'mine', {
        claim: false,
      });
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'The chain is complete' }).waitFor();
    });
    await inNewPage(browser, server.baseUrl, 'cert-closure', async (page) => {
      await loginAs(page, demoUsers.manager);

      await openTask(page, closureTitle, 'available');
      await field(page, 'root_acceptedOn').fill(today());
      await field(page, 'root_evidence').fill(
        'Change procedure v2.0 and the two repeated impact assessments.',
      );
      await submitTask(page);
    });
    const ncs = await ok(manager.api.get('/api/registers/nonconformities'), 'nonconformities');
    expect(ncs.items).toEqual([
      expect.objectContaining({ title: FINDING, grade: 'major', status: 'closed' }),
    ]);

    // 4. The body's decision and the certificate; it shows in the certificates register.
    const expiresOn = yearsLater(today(), 3);
    await inNewPage(browser, server.baseUrl, 'cert-certificate', async (page) => {
      await loginAs(page, demoUsers.manager);
      await openTask(page, `Record the certification decision of ${BODY}`, 'available');
      await field(page, 'root_decision').selectOption({
        label: 'Granted after the nonconformities were closed',
      });
      await field(page, 'root_decidedOn').fill(today());
      await submitTask(page);

      await openTask(page, `Record the certificate issued by ${BODY}`, 'available');
      await field(page, 'root_number').fill(CERTIFICATE);
      expect(await field(page, 'root_decidedOn').inputValue()).toBe(today());
      expect(await field(page, 'root_expiresOn').inputValue()).toBe(expiresOn);
      await submitTask(page);

      await page.getByRole('link', { name: 'Registers' }).first().click();
      await page.getByRole('link', { name: 'Certificates', exact: true }).first().click();
      await page.waitForURL('**/registers/certificates');
      await page.getByText(CERTIFICATE).first().waitFor();
      await saveScreenshot(page, 'cert-certificates-register');
    });
    const certificates = await ok(manager.api.get('/api/registers/certificates'), 'certificates');
    expect(certificates.items).toEqual([
      expect.objectContaining({ number: CERTIFICATE, decidedOn: today(), expiresOn, bodyName: BODY }),
    ]);

    // 5. The first surveillance visit, started by hand: due within 12 months of the decision.
    const visitBy = yearsLater(today(), 1);
    const visitTitle = `Surveillance audit 1: record the certification body's visit (due by ${visitBy})`;
    await inNewPage(browser, server.baseUrl, 'cert-surveillance', async (page) => {
      await loginAs(page, demoUsers.manager);
      await startProcess(page, 'Surveillance or recertification audit');
      await page.getByRole('link', { name: 'Inbox' }).click();
      await page.getByTestId('inbox-filter-available').click();
      await page.getByTestId('inbox-row').filter({ hasText: visitTitle }).first().click();
      await page.getByRole('heading', { name: new RegExp(`^${escape(visitTitle)}`), level: 1 }).waitFor();
      const dueAt = await dueAtOf(manager, visitTitle, 'available');
      expect(dueAt.slice(0, 10)).toBe(visitBy);
      // The task page shows that date as the web app formats it.
      const shown = await page.evaluate(
        (iso) =>
          new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' }),
        dueAt,
      );
      await page.getByText(`Due ${shown}`, { exact: true }).first().waitFor();
      await saveScreenshot(page, 'cert-surveillance-visit');
    });
    const visits = await ok(manager.api.get('/api/registers/surveillance-visits'), 'visits');
    expect(visits.items).toEqual([
      expect.objectContaining({ certificateNumber: CERTIFICATE, dueBy: visitBy, year: 1, status: 'due' }),
    ]);

    // 6. The external auditor downloads the evidence pack; it verifies, on the page and offline.
    await inNewPage(browser, server.baseUrl, 'cert-evidence-pack', async (page) => {
      await loginAs(page, demoUsers.external);
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Registers', exact: true })
        .click();
      await page.getByRole('main').getByRole('link', { name: 'Evidence pack', exact: true }).click();
      await page.waitForURL('**/evidence-pack');
      const downloaded = page.waitForEvent('download', { timeout: 120_000 });
      await page.getByRole('button', { name: 'Build and download the evidence pack' }).click();
      const download = await downloaded;
      const file = path.join(
        fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-cert-pack-')),
        download.suggestedFilename(),
      );
      await download.saveAs(file);
      await page.getByTestId('pack-downloaded').waitFor();
      const key = await (await page.request.get('/api/evidence-pack/public-key')).json();
      const bytes = fs.readFileSync(file);
      expect(verifyPackWithCli(file, key.publicKeyPem)).toMatchObject({
        ok: true,
        pinned: true,
        exitCode: 0,
      });
      // The pack carries what this journey recorded: the certificate and the body's finding.
      const entries = unzipSync(bytes);
      const text = (suffix: string) => {
        const name = Object.keys(entries).find((entry) => entry.endsWith(suffix));
        if (!name) throw new Error(`the pack has no …${suffix}`);
        return Buffer.from(entries[name]).toString('utf8');
      };
      expect(text('certificates.csv')).toContain(CERTIFICATE);
      expect(text('certification-findings.csv')).toContain(FINDING_REF);
      await page.getByLabel('Evidence pack (.zip)').setInputFiles(file);
      await page.getByRole('button', { name: 'Verify the pack' }).click();
      const result = page.getByTestId('pack-verify-result');
      await result.waitFor();
      expect(await result.textContent()).toContain('Verified:');
      await saveScreenshot(page, 'cert-pack-verified');
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    });
  }, 420_000);
});
