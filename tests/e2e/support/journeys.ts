import type { Page } from 'playwright-core';

/** Password of every seeded demo login. */
export const DEMO_PASSWORD = 'aimsflow-demo';

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
