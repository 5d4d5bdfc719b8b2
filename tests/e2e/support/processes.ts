import type { Page } from 'playwright-core';
import { ok, type Actor } from './programme-walk';

/** The short delay a journey's version of `nonconformity` waits where a plan chose 2 weeks. */
export const SHORT_CHECK_DELAY = 'PT3S';

/** Starts a built-in process from the Processes page, as an AIMS manager does. */
export async function startProcess(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Processes' }).click();
  await page.getByRole('button', { name: 'Start a process' }).click();
  const panel = page.getByRole('region', { name: 'Start a process' });
  await panel.getByLabel('Process').selectOption({ label: `${name} (v1)` });
  await panel.getByRole('button', { name: 'Start', exact: true }).click();
  await page.waitForURL('**/processes/*');
}

/**
 * As an admin does with a process setting the settings form does not offer: deploys a new version
 * of `nonconformity` whose two-week effectiveness wait is SHORT_CHECK_DELAY. Everything else (the
 * durable timer, the poller, the check's exclusions) is the product's own.
 */
export async function shortenEffectivenessWait(admin: Actor): Promise<void> {
  const definitions: { items: { key: string; name: string; latestVersion: number }[] } = await ok(
    admin.api.get('/api/workflow-definitions'),
    'list definitions',
  );
  const current = definitions.items.find((d) => d.key === 'nonconformity')!;
  const { machine } = await ok(
    admin.api.get(`/api/workflow-definitions/nonconformity/versions/${current.latestVersion}`),
    'read nonconformity',
  );
  const waiting = machine.states.waiting.states.afterP14D;
  expect(waiting.after).toEqual({ P14D: '#nonconformity.checking' });
  waiting.after = { [SHORT_CHECK_DELAY]: '#nonconformity.checking' };
  await ok(
    admin.api.post('/api/workflow-definitions', {
      data: { key: 'nonconformity', name: current.name, machine },
    }),
    'deploy the shortened nonconformity',
  );
}

/**
 * Waits (up to 30 s) until the actor's inbox offers a task in a state matching `state`, in Mine or
 * Available (an approval offered to their role is in Mine: it cannot be claimed).
 */
export async function waitForOffered(actor: Actor, state: RegExp): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const inbox = await ok(actor.api.get('/api/inbox'), 'inbox');
    if (inbox.items.some((t: { stateId: string }) => state.test(t.stateId))) return;
    if (Date.now() > deadline) throw new Error(`no task offered in a state matching ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
