// Service hall journeys (issue 4) against the real server and the built H5 app: search by pinyin
// initials, favorites kept on the server across logins, a parent's hall, a service under
// maintenance. Screenshots at 375 px go to $SHOTS_DIR (default test-results/).
import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS } from '../mocks/campus/demo-accounts';

const student = DEMO_ACCOUNTS.find((account) => account.role === 'student')!;
const parent = DEMO_ACCOUNTS.find((account) => account.role === 'parent')!;
const counselor = DEMO_ACCOUNTS.find((account) => account.role === 'counselor')!;
const teacher = DEMO_ACCOUNTS.find((account) => account.role === 'teacher')!;
const SHOTS = process.env.SHOTS_DIR ?? 'test-results';

async function logIn(page: Page, username: string, password: string) {
  await page.goto('/');
  await page.locator('.login-password-toggle').click();
  await page.locator('.login-username input').fill(username);
  await page.locator('.login-password input').fill(password);
  const home = page.waitForResponse((response) => response.url().includes('/api/home') && response.status() === 200);
  await page.locator('.login-submit').click();
  await home;
  await expect(page.locator('.hall-greeting')).toBeVisible();
}

/** Taro H5 keeps earlier pages in the DOM: look inside the page on top. */
const current = (page: Page, className: string) => page.locator(`.${className}`).last();

/** Screenshots wait for Taro's page slide-in and NutUI's fades to finish. */
async function shoot(page: Page, name: string, fullPage = true) {
  await page.waitForTimeout(700);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

/** NutUI's toast overlay swallows clicks while it shows. */
async function waitForToastToGo(page: Page) {
  await expect(page.locator('.nut-toast')).toHaveCount(0, { timeout: 5_000 });
}

test('a student searches bx and opens 报修', async ({ page }) => {
  await logIn(page, student.username, student.password);
  await expect(page.locator('.notice-banner')).toContainText('寒假离返校安排');
  await page.locator('.hall-categories .service-item').first().waitFor();
  await shoot(page, 'hall-home-student');

  await page.locator('.hall-search').click();
  const bar = current(page, 'search-page__bar').locator('input');
  await bar.waitFor();
  await shoot(page, 'hall-search-start');
  const searched = page.waitForResponse((response) => response.url().includes('/api/services/search?q=bx') && response.status() === 200);
  await bar.fill('bx');
  await searched;
  const first = current(page, 'search-results').locator('.service-row').first();
  await expect(first.locator('.service-row__name')).toHaveText('公寓报修');
  await expect(first.locator('.search-hit')).toHaveText('报修');
  await shoot(page, 'hall-search-bx');

  const opened = page.waitForResponse((response) => response.url().includes('/api/services/dorm-repair/open') && response.status() === 204);
  await first.click();
  await opened;
  // 公寓报修 is the 报修 micro-app: the runner opens its form
  await expect(current(page, 'runner__title')).toHaveText('报修信息');
});

test('a favorite made on H5 is there after logging in again', async ({ page }) => {
  await logIn(page, student.username, student.password);
  await page.locator('.hall-categories .hall-section__action').click();
  await current(page, 'all-page').locator('.service-item').first().waitFor();
  await shoot(page, 'hall-all-student');

  await current(page, 'all-page__edit').click();
  const saved = page.waitForResponse((response) => response.url().endsWith('/api/me/favorites/transcript') && response.request().method() === 'PUT');
  await current(page, 'all-page').locator('[data-service="transcript"]').click();
  expect((await saved).status()).toBe(200);
  await expect(current(page, 'all-page').locator('[data-service="transcript"] .favorite-star--on')).toBeVisible();
  await waitForToastToGo(page);

  // log out, log in again: the home shows the favorite, from the server
  await page.goto('/');
  await expect(page.locator('.hall-greeting')).toBeVisible();
  await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click();
  await page.locator('.me-logout').click();
  await expect(page.locator('.login-password-toggle')).toBeVisible();
  // a new start: nothing cached on this device, the favorite must come from the server
  await page.evaluate(() => window.localStorage.clear());
  await logIn(page, student.username, student.password);
  await expect(page.locator('.hall-favorites .service-item__name')).toHaveText(['成绩单']);
});

test('a parent sees only parent services', async ({ page }) => {
  await logIn(page, parent.username, parent.password);
  await expect(page.locator('.category-tabs__tab').first()).toHaveText('家长服务');
  await expect(page.locator('.hall-categories .service-item__name')).toHaveText(['家长查看离返校', '孩子成长画像', '家校通知']);
  await shoot(page, 'hall-home-parent');

  await page.locator('.hall-categories .hall-section__action').click();
  const all = current(page, 'all-page');
  await all.locator('.service-item').first().waitFor();
  // 学费缴纳 is for students and their parents; nothing for staff or students only
  await expect(all.locator('.service-item__name')).toHaveText(['家长查看离返校', '孩子成长画像', '家校通知', '学费缴纳']);
  await shoot(page, 'hall-all-parent');
});

test('a service under maintenance says so instead of opening', async ({ page }) => {
  await logIn(page, student.username, student.password);
  await page.locator('.hall-categories .service-item').first().waitFor();
  await shoot(page, 'hall-home-student-used');
  const loaded = page.waitForResponse((response) => response.url().includes('/api/categories/life/services') && response.status() === 200);
  await page.locator('.category-tabs__tab', { hasText: '生活服务' }).click();
  await loaded;
  const card = page.locator('.hall-categories [data-service="card-recharge"]');
  await expect(card.locator('.service-item__badge')).toHaveText('维护');
  await card.click();
  await expect(page.getByText('系统升级中，预计 20:00 恢复')).toBeVisible();
  await expect(page.getByText('服务维护中')).toBeVisible();
  await shoot(page, 'hall-maintenance', false);
});

test('a counselor’s home puts student affairs and class tools first', async ({ page }) => {
  await logIn(page, counselor.username, counselor.password);
  await expect(page.locator('.category-tabs__tab')).toHaveText(['学工服务', '教职工', '办公审批', '学习教务', '生活服务', '后勤保障']);
  await page.locator('.category-tabs__tab', { hasText: '教职工' }).click();
  await expect(page.locator('.hall-categories [data-service="counselor-desk"]')).toBeVisible();
  await shoot(page, 'hall-home-counselor');
});

test('a service that works only in the mini-programs is found on H5 and says where to open it', async ({ page }) => {
  await logIn(page, teacher.username, teacher.password);
  await page.locator('.hall-search').click();
  const bar = current(page, 'search-page__bar').locator('input');
  await bar.waitFor();
  // 资产盘点 is a DingTalk-only link (the asset system's DingTalk app)
  const searched = page.waitForResponse((response) => response.url().includes('/api/services/search?q=zcpd') && response.status() === 200);
  await bar.fill('zcpd');
  await searched;
  const inventory = current(page, 'search-results').locator('[data-service="asset-inventory"]');
  await expect(inventory.locator('.service-row__tag--elsewhere')).toHaveText('在钉钉中使用');
  await inventory.click();
  await expect(page.locator('.nut-toast, .taro__toast').getByText('请在钉钉工作台中打开')).toBeVisible();
  await shoot(page, 'hall-search-elsewhere', false);
});
