// The 报修 micro-app end to end on H5, rendered by the generic runner from its definition:
// a student reports a leaking tap with a photo; the dispatcher (another browser context)
// assigns a worker; the worker completes it with a photo; the student confirms and rates it.
// Each of them sees the right timeline and to-do counts on the way.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { DEMO_ACCOUNTS } from '../mocks/campus/demo-accounts';

const account = (role: string) => DEMO_ACCOUNTS.find((entry) => entry.role === role)!;
const SHOTS = process.env.SHOTS_DIR;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

// A 2×2 red PNG: what the photo picker hands to the upload.
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  await toastGone(page);
  // let a closing sheet's overlay fade and a success toast (1.5 s) run out: screenshots only
  await page.waitForTimeout(1_800);
  // Taro's H5 pages scroll inside their own container, so a tall viewport shows the whole page
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 375, height: 1400 });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
  await page.setViewportSize(viewport);
}

/** Toasts (NutUI's, and Taro's own from Taro.showToast) cover the page for ~2 s. */
async function toastGone(page: Page) {
  await expect(page.locator('.nut-toast')).toHaveCount(0, { timeout: 5_000 });
  for (const toast of await page.locator('.taro__toast').all()) await expect(toast).toBeHidden({ timeout: 5_000 });
}

async function logIn(browser: Browser, role: string, clock?: Date): Promise<Page> {
  // a campus in China: 11 pm is 23:00 Beijing time
  const context = await browser.newContext({ timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  if (clock) await page.clock.setFixedTime(clock);
  const { username, password, name } = account(role);
  await page.goto('/');
  await page.locator('.login-password-toggle').click();
  await page.locator('.login-username input').fill(username);
  await page.locator('.login-password input').fill(password);
  await page.locator('.login-submit').click();
  await expect(page.locator('.hall-greeting')).toContainText(name);
  return page;
}

async function openTodo(page: Page) {
  const loaded = page.waitForResponse((response) => response.url().includes('/api/workflow/tasks?') && response.ok());
  const tab = page.locator('.taro-tabbar__tabbar').getByText('待办', { exact: true });
  // subpackage pages have no tab bar: going back to the tab is what a user does there
  if (await tab.isVisible()) await tab.click();
  else await page.goto('/pages/todo/index');
  await loaded;
}

/** Opens a to-do by its title and waits for the request's detail. */
async function openTask(page: Page, title: RegExp) {
  const loaded = page.waitForResponse((response) => /\/api\/workflow\/requests\/[^/]+$/.test(new URL(response.url()).pathname) && response.ok());
  await page.locator('.todo-page .task-card', { hasText: title }).first().click();
  await loaded;
}

async function attachPhoto(page: Page, fieldKey: string) {
  const chooser = page.waitForEvent('filechooser');
  const uploaded = page.waitForResponse((response) => response.url().endsWith('/api/uploads') && response.status() === 201);
  await page.locator(`[data-field="${fieldKey}"] .lc-images__add`).last().click();
  // Taro's H5 image picker asks first: camera or album
  await page.getByText('从相册选择', { exact: true }).click();
  await (await chooser).setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PHOTO });
  await uploaded;
  await expect(page.locator(`[data-field="${fieldKey}"] .lc-images__item:not(.lc-images__item--pending)`)).toHaveCount(1);
}

/** Confirms the open action sheet and waits for the engine's answer. */
async function confirmAction(page: Page) {
  const acted = page.waitForResponse((response) => response.url().includes('/actions') && response.request().method() === 'POST');
  await page.locator('.action-sheet .action-confirm').last().click();
  expect((await acted).status()).toBe(200);
  await toastGone(page);
}

test('报修: report with a photo → dispatch → repair → confirm and rate', async ({ browser }) => {
  test.setTimeout(120_000);
  const description = `宿舍卫生间水龙头一直滴水（e2e ${Date.now() % 100000}）`;

  // ── the student reports ──────────────────────────────────────────────────────────────
  const student = await logIn(browser, 'student');
  const definitionLoaded = student.waitForResponse((response) => response.url().includes('/api/microapps/repair') && response.ok());
  await student.locator('.service-item', { hasText: '公寓报修' }).first().click();
  await definitionLoaded;
  await expect(student.locator('.runner__title')).toHaveText('报修信息');

  await student.locator('[data-field="category"] .lc-trigger').click();
  await student.locator('.nut-cascader-item', { hasText: '水电' }).click();
  await student.locator('.nut-cascader-item', { hasText: '水龙头' }).click();
  await expect(student.locator('[data-field="category"] .lc-trigger__text')).toHaveText('水电 / 水龙头');

  // prefilled from the student's dorm; pick one if the campus data has none for them
  const location = student.locator('[data-field="location"] .lc-trigger__text');
  if ((await location.count()) === 0) {
    await student.locator('[data-field="location"] .lc-trigger').click();
    await student.locator('.lc-location .lc-sheet__option').first().click();
    await student.locator('.lc-location .lc-sheet__option').first().click();
  }
  await expect(location).not.toBeEmpty();

  await student.locator('[data-field="description"] textarea').fill(description);
  await attachPhoto(student, 'photos');
  const phone = student.locator('[data-field="phone"] input');
  if (!(await phone.inputValue())) await phone.fill('13900001111');
  await shot(student, 'form-filled');

  // the draft survives a reload before submitting
  await student.waitForTimeout(600);
  await student.reload();
  await expect(student.locator('.runner__draft')).toBeVisible();
  await expect(student.locator('[data-field="description"] textarea')).toHaveValue(description);

  const submitted = student.waitForResponse((response) => response.url().endsWith('/api/microapps/repair/requests'));
  await student.locator('.runner-submit').click();
  expect((await submitted).status()).toBe(201);
  await expect(student.locator('.detail__current')).toContainText('调度派单');
  await expect(student.locator('.timeline__entry')).toHaveCount(1);
  await expect(student.locator('.timeline__entry').first()).toContainText('提交申请');
  await expect(student.locator('.lc-view')).toContainText('水电 / 水龙头');
  await expect(student.locator('.lc-view .lc-images__item')).toHaveCount(1);
  await toastGone(student);
  await shot(student, 'detail-submitted');

  // ── the dispatcher assigns a worker ─────────────────────────────────────────────────
  const dispatcher = await logIn(browser, 'dispatcher');
  await openTodo(dispatcher);
  await expect(dispatcher.locator('.todo-tab--todo .todo-tab__badge')).toBeVisible();
  await shot(dispatcher, 'todo-dispatcher');
  await dispatcher.locator('.todo-tab--cc').click();
  await expect(dispatcher.locator('.todo-page .empty-block')).toContainText('暂无抄送');
  await shot(dispatcher, 'todo-empty');
  await dispatcher.locator('.todo-tab--todo').click();
  await openTask(dispatcher, /水电 \/ 水龙头/);
  await expect(dispatcher.locator('.lc-view')).toContainText(description);
  await dispatcher.locator('.detail-action--approve').click();
  await expect(dispatcher.locator('.action-panel__consequence')).toContainText('进入下一步');
  await dispatcher.locator('.action-sheet [data-field="worker"] .lc-trigger').click();
  await dispatcher.locator('.lc-person .lc-sheet__option', { hasText: account('worker').name }).first().click();
  await expect(dispatcher.locator('.action-sheet [data-field="worker"] .lc-trigger__text')).toHaveText(account('worker').name);
  await shot(dispatcher, 'action-sheet-assign');
  await confirmAction(dispatcher);
  await expect(dispatcher.locator('.detail__current')).toContainText(`上门维修（${account('worker').name}）`);

  // the dispatcher's view of the whole app: open tickets by building and category
  const statsLoaded = dispatcher.waitForResponse((response) => response.url().endsWith('/api/microapps/repair/stats') && response.ok());
  await dispatcher.locator('.detail__stats-link').click();
  await statsLoaded;
  await expect(dispatcher.locator('.stats-card__title', { hasText: '按报修地点' })).toBeVisible();
  // categories count by their first level
  await expect(dispatcher.locator('.stats-row', { hasText: '水电' })).toBeVisible();
  await shot(dispatcher, 'stats-dispatcher');

  // ── the worker repairs it ───────────────────────────────────────────────────────────
  const worker = await logIn(browser, 'worker');
  await openTodo(worker);
  await openTask(worker, /水电 \/ 水龙头/);
  await worker.locator('.detail-action--approve').click();
  await attachPhoto(worker, 'completionPhotos');
  await worker.locator('.action-sheet [data-field="completionNote"] textarea').fill('更换了水龙头阀芯，已不再滴水');
  await confirmAction(worker);
  await expect(worker.locator('.detail__current')).toContainText('确认评价');

  // ── the student confirms and rates ─────────────────────────────────────────────────
  await openTodo(student);
  await expect(student.locator('.todo-tab--todo .todo-tab__badge')).toHaveText('1');
  await openTask(student, /水电 \/ 水龙头/);
  await expect(student.locator('.timeline')).toContainText('更换了水龙头阀芯');
  await student.locator('.detail-action--approve').click();
  await student.locator('.action-sheet [data-field="rating"] .nut-rate-item').nth(4).click();
  await student.locator('.action-sheet [data-field="ratingComment"] textarea').fill('师傅很快就修好了');
  await confirmAction(student);
  await expect(student.locator('.detail__status')).toHaveText('已完成');
  const entries = student.locator('.timeline__entry');
  await expect(entries.first()).toContainText('提交申请');
  await expect(student.locator('.timeline')).toContainText(account('dispatcher').name);
  await expect(student.locator('.timeline')).toContainText(account('worker').name);
  await expect(student.locator('.timeline')).toContainText('5 星');
  await shot(student, 'detail-completed');

  // the request left everyone's 待办; the student finds it under 我发起的 as done
  await openTodo(student);
  await student.locator('.todo-tab--mine').click();
  await expect(student.locator('.task-card', { hasText: /水电 \/ 水龙头/ }).first()).toContainText('已完成');
  await openTodo(worker);
  await expect(worker.locator('.task-card', { hasText: /水电 \/ 水龙头/ })).toHaveCount(0);
  await worker.locator('.todo-tab--done').click();
  await expect(worker.locator('.task-card', { hasText: /水电 \/ 水龙头/ }).first()).toContainText('你已处理：上门维修');
  await shot(worker, 'todo-worker-done');
});

/** Fills and submits one 教室借用 application; resolves with the new request's id. */
async function applyForRoom(page: Page, detail: string): Promise<string> {
  const definitionLoaded = page.waitForResponse((response) => response.url().includes('/api/microapps/classroom-booking') && response.ok());
  await page.goto(`/packages/microapp/pages/index/index?key=classroom-booking&name=${encodeURIComponent('教室借用')}`);
  await definitionLoaded;
  await page.locator('[data-field="room"] .lc-trigger').click();
  await page.locator('.lc-location .lc-sheet__option').first().click();
  await page.locator('.lc-location .lc-sheet__option').first().click();
  await expect(page.locator('[data-field="room"] .lc-trigger__text')).not.toBeEmpty();
  // start and end: the pickers open on now; the same minute twice is a valid (if short) range
  for (const index of [0, 1]) {
    await page.locator('[data-field="timeRange"] .lc-trigger').nth(index).click();
    await page.locator('.nut-picker-confirm-btn:visible').click();
  }
  await expect(page.locator('[data-field="timeRange"] .lc-trigger__text')).toHaveCount(2);
  await page.locator('[data-field="purposeDetail"] textarea').fill(detail);
  const phone = page.locator('[data-field="contact"] input');
  if (!(await phone.inputValue())) await phone.fill('13900001111');
  await shot(page, 'form-booking');
  const submitted = page.waitForResponse((response) => response.url().endsWith('/api/microapps/classroom-booking/requests'));
  await page.locator('.runner-submit').click();
  const response = await submitted;
  expect(response.status()).toBe(201);
  await expect(page.locator('.detail__current')).toContainText('楼宇管理员审批');
  await toastGone(page);
  return ((await response.json()) as { id: string }).id;
}

test('教室借用 by JSON alone: two applications, batch-approved by the building manager, CC to the counselor', async ({ browser }) => {
  test.setTimeout(120_000);
  const student = await logIn(browser, 'student');
  await applyForRoom(student, '计算机协会例会，讨论学期活动安排');
  await applyForRoom(student, '编程讲座，邀请校友分享求职经验');

  // the building manager (a teacher) approves both at once
  const manager = await logIn(browser, 'teacher');
  await openTodo(manager);
  const bookings = manager.locator('.todo-page .task-card', { hasText: '教室借用' });
  await expect(bookings).toHaveCount(2);
  await manager.locator('.todo-batchbar__toggle').click();
  await manager.locator('.todo-batchbar__all').click();
  await expect(manager.locator('.todo-batch-approve')).toContainText('同意所选（2）');
  await shot(manager, 'todo-batch');
  const batch = manager.waitForResponse((response) => response.url().endsWith('/api/workflow/tasks/batch'));
  await manager.locator('.todo-batch-approve').click();
  await manager.locator('.taro-modal__foot').getByText('同意', { exact: true }).click();
  const results = (await (await batch).json()) as { results: Array<{ ok: boolean }> };
  expect(results.results.map((result) => result.ok)).toEqual([true, true]);
  await expect(manager.locator('.todo-page .task-card', { hasText: '教室借用' })).toHaveCount(0);
  await manager.locator('.todo-tab--done').click();
  await expect(manager.locator('.todo-page .task-card', { hasText: '教室借用' })).toHaveCount(2);

  // the student sees both done; the counselor was copied on them
  await openTodo(student);
  await student.locator('.todo-tab--mine').click();
  await expect(student.locator('.todo-page .task-card', { hasText: '教室借用' }).first()).toContainText('已完成');
  const counselor = await logIn(browser, 'counselor');
  await openTodo(counselor);
  await counselor.locator('.todo-tab--cc').click();
  await expect(counselor.locator('.todo-page .task-card', { hasText: '教室借用' })).toHaveCount(2);
  await openTask(counselor, /教室借用|·/);
  await expect(counselor.locator('.timeline')).toContainText('抄送');
  await shot(counselor, 'detail-cc');
});

/** One 请假申请 (事假, one day: the counselor alone approves it). */
async function applyForLeave(page: Page, reason: string) {
  const loaded = page.waitForResponse((response) => response.url().includes('/api/microapps/leave-request') && response.ok());
  await page.goto(`/packages/microapp/pages/index/index?key=leave-request&name=${encodeURIComponent('请假申请')}`);
  await loaded;
  await page.locator('[data-field="kind"] .nut-radio', { hasText: '事假' }).click();
  for (const index of [0, 1]) {
    await page.locator('[data-field="period"] .lc-trigger').nth(index).click();
    await page.locator('.nut-picker-confirm-btn:visible').click();
  }
  await page.locator('[data-field="reason"] textarea').fill(reason);
  const phone = page.locator('[data-field="contact"] input');
  if (!(await phone.inputValue())) await phone.fill('13900001111');
  const submitted = page.waitForResponse((response) => response.url().endsWith('/api/microapps/leave-request/requests'));
  await page.locator('.runner-submit').click();
  expect((await submitted).status()).toBe(201);
  await expect(page.locator('.detail__current')).toContainText('辅导员审批');
  await toastGone(page);
}

test('11 pm: the counselor batch-approves the evening\'s leave requests from the to-do tab', async ({ browser }) => {
  test.setTimeout(120_000);
  const student = await logIn(browser, 'student');
  await applyForLeave(student, '回家参加表哥婚礼');
  await applyForLeave(student, '去医院复查牙齿');

  const counselor = await logIn(browser, 'counselor', new Date('2026-12-04T23:00:00+08:00'));
  await expect(counselor.locator('.hall-greeting')).toContainText('晚上好');
  await openTodo(counselor);
  const leaves = counselor.locator('.todo-page .task-card', { hasText: '请假申请' });
  expect(await leaves.count()).toBeGreaterThanOrEqual(2);
  await counselor.locator('.todo-batchbar__toggle').click();
  await counselor.locator('.todo-batchbar__all').click();
  const batch = counselor.waitForResponse((response) => response.url().endsWith('/api/workflow/tasks/batch'));
  await counselor.locator('.todo-batch-approve').click();
  await counselor.locator('.taro-modal__foot').getByText('同意', { exact: true }).click();
  const { results } = (await (await batch).json()) as { results: Array<{ ok: boolean }> };
  expect(results.length).toBeGreaterThanOrEqual(2);
  expect(results.every((result) => result.ok)).toBe(true);
  await expect(leaves).toHaveCount(0);
  await expect(counselor.locator('.todo-tab--todo .todo-tab__badge')).toHaveCount(0);

  await openTodo(student);
  await student.locator('.todo-tab--mine').click();
  await expect(student.locator('.todo-page .task-card', { hasText: '请假申请' }).first()).toContainText('已完成');
});
