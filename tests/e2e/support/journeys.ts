import { request as playwrightRequest, type APIRequestContext, type Page } from 'playwright-core';

/**
 * Password of every seeded demo login: deliberately weak and published, for the demo seed only.
 * The API refuses it for any user it creates (password policy).
 */
export const DEMO_PASSWORD = 'aimsflow-demo';

/** The temporary password an admin types when inviting someone in these journeys. */
export const TEMPORARY_PASSWORD = 'Temporary-Walnut-Harbour-31';
/** The password an invited user chooses at first sign-in in these journeys. */
export const NEW_USER_PASSWORD = 'Copper-Lantern-Meadow-58';

export const demoUsers = {
  admin: 'admin@acme.example',
  manager: 'manager@acme.example',
  owner: 'owner@acme.example',
  ceo: 'ceo@acme.example',
  auditor: 'auditor@acme.example',
  external: 'external@acme.example',
} as const;

/** Fills and submits the login form through the real UI (does not wait for the outcome). */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Logs in through the UI and waits for the signed-in shell. */
export async function loginAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await submitLogin(page, email, password);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/**
 * After signing in with a temporary password the app shows only the forced change form: fills it
 * and waits for the signed-in shell.
 */
export async function chooseOwnPassword(
  page: Page,
  temporaryPassword: string,
  newPassword = NEW_USER_PASSWORD,
): Promise<void> {
  await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
  await page.getByLabel('Current password', { exact: true }).fill(temporaryPassword);
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Repeat the new password', { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'Set my password' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/**
 * As a real admin does: invites the person with a temporary password (`admin` is the admin's
 * request context); then, as that person, changes it to `newPassword` as their first sign-in asks.
 */
export async function inviteUser(
  admin: APIRequestContext,
  baseUrl: string,
  person: { email: string; name: string; roles: readonly string[] },
  newPassword = NEW_USER_PASSWORD,
): Promise<{ id: string }> {
  const created = await admin.post('/api/users', {
    data: { ...person, roles: [...person.roles], password: TEMPORARY_PASSWORD },
  });
  if (!created.ok()) throw new Error(`invite ${person.email}: ${created.status()} ${await created.text()}`);
  const { user } = (await created.json()) as { user: { id: string } };
  const own = await playwrightRequest.newContext({
    baseURL: baseUrl,
    extraHTTPHeaders: { 'X-Requested-With': 'aimsflow' },
  });
  try {
    const login = await own.post('/api/auth/login', {
      data: { email: person.email, password: TEMPORARY_PASSWORD },
    });
    if (!login.ok()) throw new Error(`first sign-in of ${person.email}: ${login.status()}`);
    const changed = await own.post('/api/auth/password', {
      data: { currentPassword: TEMPORARY_PASSWORD, newPassword },
    });
    if (!changed.ok())
      throw new Error(`password of ${person.email}: ${changed.status()} ${await changed.text()}`);
  } finally {
    await own.dispose();
  }
  return user;
}
