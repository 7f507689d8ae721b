// The inbox on H5: the counselor's portrait warnings arrive as messages; the bell on the home
// shows how many are unread, a tap opens the message's page and marks it read, 全部已读 clears them.
import { expect, test, type Page } from '@playwright/test';
import { signInWithPassword as logIn } from './sign-in';

const SHOTS = process.env.MESSAGES_SHOTS;

/** Screenshots wait out Taro's page slide so they show one page. */
async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

const unreadCount = async (page: Page) => Number((await page.locator('.inbox-bar__count').last().innerText()).match(/(\d+) 条未读/)?.[1] ?? 0);

test('a counselor opens a warning from the bell, and clears the rest with 全部已读', async ({ page }) => {
  await logIn(page, 'counselor');
  const bell = page.locator('.hall-bell');
  await expect(bell.locator('.hall-bell__count')).toBeVisible();
  await shot(page, 'home-bell');

  const listed = page.waitForResponse((response) => response.url().includes('/api/messages') && response.request().method() === 'GET' && response.status() === 200);
  await bell.click();
  await listed;
  const inbox = page.locator('.inbox-page').last();
  await expect(inbox.locator('.inbox-item--unread').first()).toBeVisible();
  const before = await unreadCount(page);
  expect(before).toBeGreaterThan(0);
  await shot(page, 'inbox');

  // a warning opens the counselor's warnings page and is read from then on
  const warning = inbox.locator('.inbox-item--unread', { hasText: '预警' }).first();
  const title = await warning.locator('.inbox-item__title').innerText();
  const read = page.waitForResponse((response) => /\/api\/messages\/[^/]+\/read$/.test(response.url()) && response.status() === 200);
  await warning.click();
  await read;
  await expect(page).toHaveURL(/\/packages\/portrait\/pages\/counselor\/index/);
  await expect(page.locator('.pt-warning').first()).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/packages\/messages\/pages\/index\/index/);
  await expect.poll(() => unreadCount(page)).toBe(before - 1);
  await expect(inbox.locator('.inbox-item--read', { hasText: title }).first()).toBeVisible();

  const cleared = page.waitForResponse((response) => response.url().endsWith('/api/messages/read-all') && response.status() === 200);
  await inbox.locator('.inbox-bar__action').click();
  await cleared;
  await expect(inbox.locator('.inbox-item__dot')).toHaveCount(0);
  await expect(inbox.locator('.inbox-bar__count')).toHaveText('全部已读');
  await shot(page, 'inbox-all-read');

  // the server agrees: a fresh load has nothing unread, and the bell on the home is gone
  await page.goto('/packages/messages/pages/index/index');
  await expect(page.locator('.inbox-page').last().locator('.inbox-item').first()).toBeVisible();
  await expect(page.locator('.inbox-page').last().locator('.inbox-item--unread')).toHaveCount(0);
  await page.goto('/');
  await expect(page.locator('.hall-greeting')).toBeVisible();
  await expect(page.locator('.hall-bell')).toBeVisible();
  await expect(page.locator('.hall-bell__count')).toHaveCount(0);
});
