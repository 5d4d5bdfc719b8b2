import type { Browser } from 'playwright-core';
import { inNewPage, launchBrowser, saveScreenshot } from './support/browser';
import { demoUsers, loginAs } from './support/journeys';
import { ok, signIn, type Actor } from './support/programme-walk';
import { shortenEffectivenessWait, startProcess } from './support/processes';
import { startServer, type RunningServer } from './support/server';
import {
  axeFindings,
  checkAccessibility,
  field,
  openTask,
  pickPerson,
  submitTask,
} from './support/task-forms';

const AUDIT_REF = 'IA-2026-07';
const AUDIT_TITLE = 'Monitoring of the AI systems';
const FINDING = 'No monitoring records for the credit-scoring model';
const ACTION = 'Add a weekly drift report to the monitoring procedure and keep its records';
const REVIEW = 'Management review 2026';
const NAMES = { auditor: 'Ivan Auditor', owner: 'Omar Owner', manager: 'Maya Manager', ceo: 'Cleo Chief' };
const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('phase 3 in the web app: an internal audit finding runs to the management review', () => {
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
    console.log(
      `phase 3 journey: ${((Date.now() - started) / 1000).toFixed(1)} s; axe serious/critical per page:\n` +
        axeFindings.map((f) => `  ${f.page}: ${f.serious}/${f.critical} ${f.rules.join(', ')}`).join('\n'),
    );
  });

  it('audit → major finding → nonconformity → corrective action → effectiveness check → review input pack → signed', async () => {
    const [admin, manager, owner] = await Promise.all(
      [demoUsers.admin, demoUsers.manager, demoUsers.owner].map((email) => signIn(server.baseUrl, email)),
    );
    actors = [admin, manager, owner];
    await shortenEffectivenessWait(admin);

    // 1. The AIMS manager starts the audit; the internal auditor plans it with people pickers.
    await inNewPage(browser, server.baseUrl, 'phase3-start-audit', async (page) => {
      await loginAs(page, demoUsers.manager);
      await startProcess(page, 'Internal audit');
      await page.getByText('Plan the internal audit').first().waitFor();
    });
    await inNewPage(browser, server.baseUrl, 'phase3-plan', async (page) => {
      await loginAs(page, demoUsers.auditor);
      await openTask(page, 'Plan the internal audit', 'available');
      await field(page, 'root_reference').fill(AUDIT_REF);
      await field(page, 'root_title').fill(AUDIT_TITLE);
      await page.getByLabel('9.1 Monitoring, measurement, analysis and evaluation', { exact: true }).check();
      await page.getByLabel('A.6.2.6 AI system operation and monitoring', { exact: true }).check();
      await field(page, 'root_criteria').fill('ISO/IEC 42001, the monitoring procedure and the SoA.');
      await field(page, 'root_startDate').fill(today());
      await field(page, 'root_endDate').fill(inDays(7));
      await pickPerson(page, 'root_leadAuditor', NAMES.auditor);
      await pickPerson(page, 'root_auditees_0_person', NAMES.owner);
      await checkAccessibility(page, 'audit plan');
      await saveScreenshot(page, 'phase3-plan');
      await submitTask(page);
    });

    // 2. The lead auditor fills the generated checklist: the control line does not conform.
    await inNewPage(browser, server.baseUrl, 'phase3-checklist', async (page) => {
      await loginAs(page, demoUsers.auditor);
      await openTask(page, `Audit checklist: ${AUDIT_REF}`, 'mine');
      const requirements = page.locator('input[id^="root_lines_"][id$="_requirement"]');
      await requirements.first().waitFor();
      const lines = await requirements.evaluateAll((inputs) =>
        inputs.map((input) => (input as HTMLInputElement).value),
      );
      expect(lines).toEqual(expect.arrayContaining(['9.1', 'A.6.2.6']));
      for (const [i, requirement] of lines.entries()) {
        const nonconform = requirement === 'A.6.2.6';
        await field(page, `root_lines_${i}_result`).selectOption({
          label: nonconform ? 'Nonconformity' : 'Conforms',
        });
        await field(page, `root_lines_${i}_evidence`).fill(
          nonconform
            ? 'Monitoring procedure v1.0; no drift records since go-live (interview with the owner).'
            : 'Metrics register and the last two measurement reports.',
        );
      }
      await checkAccessibility(page, 'audit checklist');
      await saveScreenshot(page, 'phase3-checklist');
      await submitTask(page);
    });

    // 3. The report: the finding the checklist drafted is graded major; the lead auditor approves.
    await inNewPage(browser, server.baseUrl, 'phase3-report', async (page) => {
      await loginAs(page, demoUsers.auditor);
      await openTask(page, `Audit report: ${AUDIT_REF}`, 'available');
      await field(page, 'root_summary').fill('Monitoring is defined but not carried out for one system.');
      await field(page, 'root_conclusion').selectOption({ label: 'Effective, with findings' });
      expect(await field(page, 'root_nonconformities_0_control').inputValue()).toBe('A.6.2.6');
      await field(page, 'root_nonconformities_0_grade').selectOption({ label: 'Major' });
      await field(page, 'root_nonconformities_0_title').fill(FINDING);
      await field(page, 'root_nonconformities_0_description').fill(
        'The credit-scoring model has run for four months without the monitoring the procedure requires.',
      );
      await saveScreenshot(page, 'phase3-report');
      await submitTask(page);
      await openTask(page, `Approve the audit report: ${AUDIT_REF}`, 'mine');
      await field(page, 'root_decision').selectOption({ label: 'Approve the report' });
      await submitTask(page);
    });

    // 4. The auditee acknowledges; the major finding becomes a nonconformity in their inbox.
    await inNewPage(browser, server.baseUrl, 'phase3-nonconformity', async (page) => {
      await loginAs(page, demoUsers.owner);
      await openTask(page, `Acknowledge the audit report: ${AUDIT_REF}`, 'mine');
      await page.getByLabel('I have received the report and its findings').check();
      await submitTask(page);

      await openTask(page, `Contain and correct: ${FINDING}`, 'mine');
      await field(page, 'root_containment').fill(
        'Weekly manual review of the model scores until monitoring runs.',
      );
      await field(page, 'root_correction').fill('Drift checked for the last four months: within limits.');
      await submitTask(page);

      await openTask(page, `Find the root cause: ${FINDING}`, 'mine');
      // The form opens with one line to answer.
      await field(page, 'root_whys_0_answer').fill('Nobody was named to run the monitoring after go-live.');
      await field(page, 'root_rootCause').fill(
        'The deployment checklist has no step that hands monitoring over.',
      );
      await field(page, 'root_category').selectOption({ label: 'Process: missing or unclear steps' });
      await field(page, 'root_similarElsewhere').selectOption({ label: 'They could occur elsewhere' });
      await checkAccessibility(page, 'root cause');
      await saveScreenshot(page, 'phase3-root-cause');
      await submitTask(page);

      await openTask(page, `Plan corrective actions: ${FINDING}`, 'mine');
      // The plan opens with one action to fill in.
      await field(page, 'root_actions_0_description').fill(ACTION);
      await pickPerson(page, 'root_actions_0_ownerId', NAMES.owner);
      await field(page, 'root_actions_0_dueDate').fill(inDays(14));
      await field(page, 'root_effectivenessCheckAfter').selectOption({ label: '2 weeks' });
      await submitTask(page);

      // The action is the owner's own task.
      await openTask(page, 'Corrective action due ', 'mine');
      await field(page, 'root_whatWasDone').fill(
        'Drift report added to the procedure (v1.1); first two runs done.',
      );
      await submitTask(page);
    });

    // 5. The timer opens the effectiveness check; not for the action's owner, for the AIMS manager.
    const checkOpen = async (actor: Actor) =>
      // An approval offered to someone's role is in their Mine (it cannot be claimed): ask for both lists.
      (await ok(actor.api.get('/api/inbox'), 'inbox')).items.some((t: { stateId: string }) =>
        /nonconformity\.checking/.test(t.stateId),
      );
    const deadline = Date.now() + 30_000;
    while (!(await checkOpen(manager))) {
      if (Date.now() > deadline) throw new Error('the effectiveness check did not open');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(await checkOpen(owner)).toBe(false);
    await inNewPage(browser, server.baseUrl, 'phase3-effectiveness', async (page) => {
      await loginAs(page, demoUsers.manager);
      await openTask(page, `Check whether the corrective actions worked: ${FINDING}`, 'mine', {
        claim: false,
      });
      await page.getByRole('heading', { name: 'What is being approved' }).waitFor();
      await checkAccessibility(page, 'effectiveness check');
      await saveScreenshot(page, 'phase3-effectiveness');
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'The chain is complete' }).waitFor();
    });
    const ncs = await ok(manager.api.get('/api/registers/nonconformities'), 'nonconformities');
    expect(ncs.items).toEqual([
      expect.objectContaining({ title: FINDING, grade: 'major', control: 'A.6.2.6', status: 'closed' }),
    ]);
    // The AIMS manager decided the check, not the action's owner.
    const [nc] = (
      await ok(
        manager.api.get('/api/process-instances', { params: { definitionKey: 'nonconformity' } }),
        'nonconformity instances',
      )
    ).items;
    const [check] = (await ok(manager.api.get(`/api/process-instances/${nc.id}/approvals`), 'check')).items;
    const decided = await ok(manager.api.get(`/api/approvals/${check.id}`), 'check chain');
    expect(decided.levels[0].decisions).toEqual([
      expect.objectContaining({ userId: manager.id, decision: 'approve' }),
    ]);
    // With its only nonconformity closed the audit is complete.
    const audits = await ok(manager.api.get('/api/registers/audits'), 'audits');
    expect(audits.items).toEqual([
      expect.objectContaining({
        reference: AUDIT_REF,
        status: 'completed',
        conclusion: 'effective-with-findings',
      }),
    ]);

    // 6. The management review: its input pack shows the nonconformity and the audit; the CEO signs.
    await inNewPage(browser, server.baseUrl, 'phase3-review', async (page) => {
      await loginAs(page, demoUsers.manager);
      await startProcess(page, 'Management review');
      await openTask(page, 'Prepare the management review', 'available');
      await field(page, 'root_title').fill(REVIEW);
      await field(page, 'root_plannedDate').fill(today());
      await pickPerson(page, 'root_topManagement_0_person', NAMES.ceo);
      await submitTask(page);

      await openTask(page, `Hold the management review: ${REVIEW}`, 'available');
      const pack = page.getByRole('region', { name: 'Input pack of the review (9.3.2)' });
      await pack.getByTestId('input-pack-state').waitFor();
      for (const summary of await pack.locator('summary').all()) await summary.click();
      await pack.getByText(FINDING).first().waitFor();
      await pack.getByText(AUDIT_REF).first().waitFor();
      await checkAccessibility(page, 'review input pack');
      await saveScreenshot(page, 'phase3-input-pack');

      await field(page, 'root_heldOn').fill(today());
      await pickPerson(page, 'root_attendees_0_person', NAMES.ceo);
      await page.getByLabel('We went through every part of the input pack').check();
      await field(page, 'root_conclusions').fill(
        'The AIMS is fit for purpose; monitoring needs a named owner for every system.',
      );
      await field(page, 'root_nextReviewDate').fill(inDays(365));
      await submitTask(page);
    });
    await inNewPage(browser, server.baseUrl, 'phase3-ceo-signs', async (page) => {
      await loginAs(page, demoUsers.ceo);
      await openTask(page, `Sign the management review minutes: ${REVIEW}`, 'mine', { claim: false });
      await page.getByRole('heading', { name: 'What is being approved' }).waitFor();
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'The chain is complete' }).waitFor();
      await saveScreenshot(page, 'phase3-ceo-signed');
    });
    const reviews = await ok(manager.api.get('/api/registers/management-reviews'), 'reviews');
    expect(reviews.items).toEqual([expect.objectContaining({ title: REVIEW })]);
    // The pack the participants saw was frozen with its hash when the minutes were recorded.
    const [review] = (
      await ok(
        manager.api.get('/api/process-instances', { params: { definitionKey: 'management-review' } }),
        'reviews',
      )
    ).items;
    const frozen = await ok(manager.api.get(`/api/management-reviews/${review.id}/input-pack`), 'pack');
    expect(frozen).toMatchObject({ frozen: true, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(frozen.pack)).toContain(FINDING);
    expect(JSON.stringify(frozen.pack)).toContain(AUDIT_REF);
    const [signature] = (await ok(manager.api.get(`/api/process-instances/${review.id}/approvals`), 'sign'))
      .items;
    expect(signature).toMatchObject({ status: 'approved' });
    // No serious or critical accessibility violation on the pages the journey checked.
    expect(axeFindings.filter((f) => f.serious + f.critical > 0)).toEqual([]);
  }, 360_000);
});
