// 教职工健步走 on H5 (view-only there): the demo teacher sees the seeded challenge's leaderboard
// and their step chart; a student sees no challenge, neither in the hall nor by URL.
import { expect, test, type Page } from '@playwright/test';
import { bluePixels } from './canvas';
import { DEMO_ACCOUNTS } from '../mocks/campus/demo-accounts';

const teacher = DEMO_ACCOUNTS.find((account) => account.role === 'teacher')!;
const student = DEMO_ACCOUNTS.find((account) => account.role === 'student')!;
const CHALLENGE = '/packages/walk/pages/challenge/index?id=demo-walk';
const SHOTS = process.env.WALK_SHOTS_DIR;

async function logIn(page: Page, username: string, password: string) {
  await page.goto('/');
  await page.locator('.login-password-toggle').click();
  await page.locator('.login-username input').fill(username);
  await page.locator('.login-password input').fill(password);
  await page.locator('.login-submit').click();
  await expect(page.locator('.hall-greeting')).toBeVisible();
}

test('a teacher sees the leaderboard, their place and their step chart', async ({ page }) => {
  await logIn(page, teacher.username, teacher.password);
  const board = page.waitForResponse((response) => response.url().includes('/api/walk/challenges/demo-walk/leaderboard') && response.status() === 200);
  const history = page.waitForResponse((response) => response.url().includes('/api/walk/me/history') && response.status() === 200);
  await page.goto(CHALLENGE);
  await Promise.all([board, history]);

  await expect(page.locator('.walk-hero__name')).toHaveText('秋冬季教职工健步走');
  await expect(page.getByText('网页版仅供查看')).toBeVisible();
  await expect(page.locator('.walk-today__rank-number')).toContainText('名');
  await expect(page.locator('.walk-rank').first()).toBeVisible();
  expect(await page.locator('.walk-board .walk-rank').count()).toBeGreaterThan(3);
  await expect(page.locator('.walk-board__me')).toContainText('今日我第');
  // the chart: uCharts on a 2d canvas that has been drawn on
  const canvas = page.locator('.walk-history canvas');
  await expect(canvas).toBeVisible();
  await expect.poll(() => bluePixels(canvas)).toBeGreaterThan(200);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/challenge.png` });

  // departments by average per member
  const teams = page.waitForResponse((response) => response.url().includes('board=departments') && response.status() === 200);
  await page.locator('.walk-board__boards').getByText('部门', { exact: true }).click();
  await teams;
  await expect(page.locator('.walk-board .walk-rank').first()).toContainText('人');
  const whole = page.waitForResponse((response) => response.url().includes('period=all') && response.status() === 200);
  await page.locator('.walk-board__periods').getByText('全程', { exact: true }).click();
  await whole;
  await page.locator('.walk-board').scrollIntoViewIfNeeded();
  if (SHOTS) await page.locator('.walk-board').screenshot({ path: `${SHOTS}/leaderboard-departments.png` });
  await page.locator('.walk-board__boards').getByText('个人', { exact: true }).click();
  await expect(page.locator('.walk-board__me')).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/challenge-full.png`, fullPage: true });

  // the list of challenges: running first, the past one still there
  await page.goto('/packages/walk/pages/index/index');
  await expect(page.locator('.walk-card').first()).toContainText('进行中');
  await expect(page.locator('.walk-card', { hasText: '夏季健步走挑战赛' })).toContainText('已结束');
  await expect(page.locator('.walk-card', { hasText: '后勤保障处' })).toHaveCount(0);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/list.png` });
});

test('a student does not see the challenge at all', async ({ page }) => {
  await logIn(page, student.username, student.password);
  await expect(page.locator('.service-item', { hasText: '节假日离返校' }).first()).toBeVisible();
  await expect(page.locator('.service-item', { hasText: '健步走' })).toHaveCount(0);
  const refused = page.waitForResponse((response) => response.url().includes('/api/walk/challenges/demo-walk') && response.status() === 403);
  await page.goto(CHALLENGE);
  await refused;
  await expect(page.getByText('健步走活动仅面向教职工').or(page.getByText('没有权限'))).toBeVisible();
  await expect(page.locator('.walk-rank')).toHaveCount(0);
  await expect(page.locator('.walk-hero__name')).toHaveCount(0);
});
