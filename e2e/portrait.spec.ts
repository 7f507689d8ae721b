// Portrait journeys (issue 7): the student opens 学生画像 from the service hall and taps a tag to see
// why; the counselor sees their class's warnings and not another class's; a parent sees only the
// part the child allows, and more once the child allows it.
import { expect, test, type Page } from '@playwright/test';
import { bluePixels } from './canvas';
import { demoAccount } from '../mocks/campus/demo-accounts';
import { signInWithPassword as logIn } from './sign-in';

const SHOTS = process.env.PORTRAIT_SHOTS;

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test('a student opens their portrait from the hall, sees the radar and the reason for a tag', async ({ page }) => {
  await logIn(page, 'student');
  // the hall's search finds it by its initials (the home shows one category tab at a time)
  await page.locator('.hall-search').click();
  const bar = page.locator('.search-page__bar input').last();
  await bar.waitFor();
  const searched = page.waitForResponse((response) => response.url().includes('/api/services/search?q=xshx') && response.status() === 200);
  await bar.fill('xshx');
  await searched;
  const loaded = page.waitForResponse((response) => response.url().includes('/api/portrait/students/') && response.status() === 200);
  await page.locator('.search-results').last().locator('.service-row', { hasText: '学生画像' }).first().click();
  await loaded;
  const portrait = page.locator('.student-portrait');
  await expect(portrait.locator('.pt-hero__name')).toHaveText('陈思远');
  // the radar, GPA trend and credit rings are uCharts canvases that have been drawn on
  for (const card of ['.pt-radar-card', '.pt-gpa-trend']) await expect.poll(() => bluePixels(portrait.locator(`${card} canvas`))).toBeGreaterThan(200);
  await expect(portrait.locator('.pt-credits canvas')).toHaveCount(3);
  await expect(portrait.locator('.pt-radar__item')).toHaveCount(6);
  await expect(portrait.locator('.pt-radar__name', { hasText: '学习能力' })).toBeVisible();
  await shot(page, 'student-portrait-top');
  if (SHOTS) await portrait.locator('.pt-radar-card').screenshot({ path: `${SHOTS}/student-radar.png` });
  await portrait.locator('.pt-tag', { hasText: '不吃早餐' }).click();
  await expect(portrait.locator('.pt-why')).toContainText('为什么是「不吃早餐」');
  await expect(portrait.locator('.pt-why')).toContainText('的日子在食堂吃了早餐');
  await expect(portrait.locator('.pt-tag', { hasText: '贫困关注' })).toHaveCount(0);
  await shot(page, 'student-portrait-tag-why');
});

test('a counselor sees the warnings of their own class, acts on one, and never sees another class’s', async ({ page, request }) => {
  await logIn(page, 'counselor');
  const listed = page.waitForResponse((response) => response.url().includes('/api/portrait/warnings') && response.status() === 200);
  await page.goto('/packages/portrait/pages/counselor/index');
  const body = await (await listed).json();
  const view = page.locator('.counselor-portrait');
  // 2023010102 of 计算机2301班 fails too many courses (mocks/datacenter)
  const card = view.locator('.pt-warning', { hasText: '计算机2301班' }).filter({ hasText: '学业预警' }).first();
  await expect(card).toBeVisible();
  await expect(card).toContainText('不及格课程累计');
  await shot(page, 'counselor-warnings');
  // every listed warning belongs to a class this counselor leads
  const counselor = demoAccount('counselor');
  const { accessToken } = await (await request.post('/api/auth/login', { data: { username: counselor.username, password: counselor.password } })).json();
  const classes = await (await request.get('/api/portrait/counselor/classes', { headers: { authorization: `Bearer ${accessToken}` } })).json();
  const mine = new Set(classes.classes.map((group: { name: string }) => group.name));
  expect(body.warnings.length).toBeGreaterThan(0);
  for (const warning of body.warnings) expect(mine.has(warning.className)).toBe(true);

  const acted = page.waitForResponse((response) => /\/api\/portrait\/warnings\/[^/]+\/acknowledge/.test(response.url()));
  await card.locator('.nut-button', { hasText: '知悉' }).click();
  expect((await acted).status()).toBe(200);
  await expect(page.locator('.pt-warning').first()).toBeVisible();

  await view.locator('.pt-segmented__item', { hasText: '班级学生' }).click();
  await expect(view.locator('.pt-class', { hasText: '计算机2301班' })).toBeVisible();
  await shot(page, 'counselor-classes');
});

test('a parent sees only the academic summary until the child allows more', async ({ page, browser }) => {
  await logIn(page, 'parent');
  const first = page.waitForResponse((response) => response.url().includes('/api/portrait/students/') && response.status() === 200);
  await page.goto('/packages/portrait/pages/student/index');
  await first;
  const view = page.locator('.student-portrait');
  await expect(view.locator('.pt-stat--gpa')).toBeVisible();
  await expect(view.getByText(/以下是孩子允许你查看的内容/)).toBeVisible();
  for (const part of ['.pt-gpa-trend', '.pt-radar-card', '.pt-tags-card', '.pt-life', '.pt-warnings-card']) await expect(view.locator(part)).toHaveCount(0);
  await shot(page, 'parent-summary');

  // the child opens up the academic portrait on their 我的 page
  const child = await browser.newPage({ viewport: { width: 375, height: 812 } });
  await logIn(child, 'student');
  await child.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click();
  const saved = child.waitForResponse((response) => response.url().includes('/api/me/parent-visibility') && response.status() === 200);
  await child.locator('.me-visibility-portrait .nut-switch').click();
  await saved;
  await child.close();

  const second = page.waitForResponse((response) => response.url().includes('/api/portrait/students/') && response.status() === 200);
  await page.reload();
  await second;
  await expect(view.locator('.pt-radar-card')).toBeVisible();
  await expect(view.locator('.pt-gpa-trend')).toBeVisible();
  // life data (card, library) and warnings stay private
  await expect(view.locator('.pt-life')).toHaveCount(0);
  await expect(view.locator('.pt-warnings-card')).toHaveCount(0);
  await shot(page, 'parent-allowed');
});

test('a teacher sees their career timeline; an admin sees major and course aggregates only', async ({ page }) => {
  await logIn(page, 'teacher');
  const loaded = page.waitForResponse((response) => response.url().includes('/api/portrait/teachers/') && response.status() === 200);
  await page.goto('/packages/portrait/pages/teacher/index');
  await loaded;
  const teacher = page.locator('.teacher-portrait');
  await expect(teacher.locator('.pt-timeline__title')).toHaveText(['入校', '助教', '讲师', '副教授']);
  await expect.poll(() => bluePixels(teacher.locator('.pt-output canvas'))).toBeGreaterThan(200);
  await shot(page, 'teacher-portrait');

  await page.goto('/');
  await page.evaluate(() => window.localStorage.clear());
  await logIn(page, 'admin');
  const majors = page.waitForResponse((response) => response.url().endsWith('/api/portrait/majors') && response.status() === 200);
  await page.goto('/packages/portrait/pages/admin/index');
  await majors;
  const admin = page.locator('.admin-portrait');
  const major = page.waitForResponse((response) => /\/api\/portrait\/majors\/major-0101$/.test(response.url()));
  await admin.locator('.pt-major', { hasText: '计算机科学与技术' }).click();
  expect((await major).status()).toBe(200);
  await expect(admin.getByText('成绩分布')).toBeVisible();
  await expect(admin.getByText('陈思远')).toHaveCount(0);
  await expect.poll(() => bluePixels(admin.locator('canvas').first())).toBeGreaterThan(200);
  await shot(page, 'admin-major');
});
