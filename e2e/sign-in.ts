// Signing in as a demo account through the login page's password form, as a user would.
import { expect, type Page } from '@playwright/test';
import { demoAccount } from '../mocks/campus/demo-accounts';

export async function signInWithPassword(page: Page, role: Parameters<typeof demoAccount>[0]) {
  const account = demoAccount(role);
  await page.goto('/');
  await page.locator('.login-password-toggle').click();
  await page.locator('.login-username input').fill(account.username);
  await page.locator('.login-password input').fill(account.password);
  await page.locator('.login-submit').click();
  await expect(page.locator('.hall-greeting')).toContainText(account.name);
}
