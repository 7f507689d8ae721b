// Journey of the foundation slice: a phone-sized browser opens the campus URL, sees the login page,
// logs in as the demo student and lands on the seeded service hall with its tab bar.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS } from '../mocks/campus/demo-accounts';

const student = DEMO_ACCOUNTS.find((account) => account.role === 'student')!;
const parent = DEMO_ACCOUNTS.find((account) => account.role === 'parent')!;

// The e2e server's unified identity is CAS, so the password form is one tap away.
async function openPasswordForm(page: Page) {
  await page.locator('.login-password-toggle').click();
}

async function logIn(page: Page, username: string, password: string) {
  await page.goto('/');
  await openPasswordForm(page);
  await page.locator('.login-username input').fill(username);
  await page.locator('.login-password input').fill(password);
  await page.locator('.login-submit').click();
}

test('a logged-out visitor sees the login page', async ({ page }) => {
  await page.goto('/');
  await openPasswordForm(page);
  await expect(page.locator('.login-username input')).toBeVisible();
  await expect(page.getByText('智慧校园').first()).toBeVisible();
});

test('a wrong password shows the server message and stays on login', async ({ page }) => {
  await logIn(page, student.username, 'not-the-password');
  await expect(page.getByText('账号或密码错误')).toBeVisible();
  await expect(page.locator('.login-submit')).toBeVisible();
});

test('the demo student logs in and sees the seeded service hall', async ({ page }) => {
  await logIn(page, student.username, student.password);
  await expect(page.locator('.hall-greeting')).toContainText(student.name);
  // services come from the server's catalog, filtered for a student
  await expect(page.locator('.service-item', { hasText: '节假日离返校' }).first()).toBeVisible();
  await expect(page.locator('.service-item', { hasText: '家长查看离返校' })).toHaveCount(0);
  for (const tab of ['首页', '待办', '我的']) {
    await expect(page.locator('.taro-tabbar__tabbar').getByText(tab, { exact: true })).toBeVisible();
  }
  await page.screenshot({ path: 'test-results/hall-student.png', fullPage: true });

  // the session survives a reload (kept in Taro storage)
  await page.reload();
  await expect(page.locator('.hall-greeting')).toContainText(student.name);

  // 我的 shows who is logged in; logging out returns to the login page
  await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click();
  await expect(page.getByText(student.username)).toBeVisible();
  await page.locator('.me-logout').click();
  await openPasswordForm(page);
  await expect(page.locator('.login-username input')).toBeVisible();
});

test('a parent sees only the services meant for parents', async ({ page }) => {
  await logIn(page, parent.username, parent.password);
  await expect(page.locator('.hall-greeting')).toContainText(parent.name);
  await expect(page.locator('.service-item', { hasText: '家长查看离返校' }).first()).toBeVisible();
  await expect(page.locator('.service-item', { hasText: '公寓报修' })).toHaveCount(0);
});
