// Unified identity journeys (issue 3) in a phone-sized browser against the real server and its
// stand-ins: a student through CAS and, on a second server configured for it, through OIDC; a
// parent by SMS code, who then sees the child switcher.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS } from '../mocks/campus/demo-accounts';

const student = DEMO_ACCOUNTS.find((account) => account.role === 'student')!;
const parent = DEMO_ACCOUNTS.find((account) => account.role === 'parent')!;
/** The child the demo campus links to the demo parent. */
const CHILD_NAME = '陈思远';

/** playwright.config.ts starts the OIDC-configured server on the port after the main one. */
const oidcBaseUrl = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 18080) + 1}`;

/** Clicks 统一身份认证登录 and signs in on the stand-in's own login page (CAS and OIDC share its form). */
async function signInThroughUnifiedIdentity(page: Page, idpPath: RegExp) {
  await expect(page.locator('.login-unified')).toHaveText('统一身份认证登录');
  await page.locator('.login-unified').click();
  await page.waitForURL(idpPath);
  await page.locator('#username').fill(student.username);
  await page.locator('#password').fill(student.password);
  await page.locator('button[type="submit"]').click();
}

async function expectSignedInStudent(page: Page) {
  await expect(page.locator('.hall-greeting')).toContainText(student.name);
  // the one-time handoff code does not stay in the address bar
  expect(page.url()).not.toContain('handoff=');
  // the session survives a reload (Taro storage)
  await page.reload();
  await expect(page.locator('.hall-greeting')).toContainText(student.name);
}

test('a student logs in through the CAS stand-in and lands on the service hall', async ({ page }) => {
  await page.goto('/');
  await signInThroughUnifiedIdentity(page, /\/mock\/cas\/login/);
  await expectSignedInStudent(page);
});

test('a student logs in through the OIDC stand-in on a server configured for OIDC', async ({ page }) => {
  await page.goto(`${oidcBaseUrl}/`);
  await signInThroughUnifiedIdentity(page, /\/mock\/oidc\//);
  await expectSignedInStudent(page);
});

test('a wrong password at the CAS stand-in keeps the user there; nothing is signed in', async ({ page }) => {
  await page.goto('/');
  await page.locator('.login-unified').click();
  await page.waitForURL(/\/mock\/cas\/login/);
  await page.locator('#username').fill(student.username);
  await page.locator('#password').fill('not-the-password');
  await page.locator('button[type="submit"]').click();
  await expect(page.locator('#password')).toBeVisible();
  expect(page.url()).toContain('/mock/cas/login');
});

test('a failed unified login comes back with its reason on the login page', async ({ page }) => {
  // what the CAS callback does with a ticket that does not validate
  await page.goto('/api/auth/cas/callback?ticket=ST-forged-0000');
  await expect(page.locator('.login-notice')).toContainText('统一身份认证票据无效或已使用，请重新登录');
  await expect(page.locator('.login-unified')).toBeVisible();
});

test('a parent logs in with an SMS code and sees the child switcher', async ({ page, request }) => {
  await page.goto('/');
  await page.locator('.login-tab-parent').click();
  await page.locator('.sms-mobile input').fill(parent.username);
  await page.locator('.sms-send').click();
  await expect(page.locator('.sms-send')).toContainText('秒后重发');

  const outbox = await request.get(`/mock/sms/__test/outbox?phone=${parent.username}`);
  expect(outbox.ok()).toBe(true);
  const { messages } = (await outbox.json()) as { messages: Array<{ params: { code: string } }> };
  const code = messages[0]?.params.code;
  expect(code).toMatch(/^\d{6}$/);

  await page.locator('.sms-code input').fill(code);
  // the 验证码已发送 toast must be gone before its overlay lets the tap through
  await expect(page.locator('.taro__toast')).toBeHidden({ timeout: 5_000 });
  await page.locator('.sms-submit').click();
  await expect(page.locator('.hall-greeting')).toContainText(parent.name);

  await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click();
  await expect(page.locator('.me-child-switcher')).toBeVisible();
  await expect(page.locator('.me-child-name')).toHaveText(CHILD_NAME);
});

test('unbinding WeChat on the 我的 page ends every session of the user and returns to the login page', async ({ page, request }) => {
  // the demo student binds a WeChat identity once, as the mini-program does on first use
  const wechat = (await (await request.post('/api/auth/wechat', { data: { code: `wx-code-e2e-${Date.now()}` } })).json()) as {
    status: string;
    bindTicket: string;
  };
  expect(wechat.status).toBe('needs_binding');
  const bind = await request.post('/api/auth/bind', {
    data: { bindTicket: wechat.bindTicket, username: student.username, password: student.password },
  });
  expect(bind.ok()).toBe(true);
  const miniProgramSession = (await bind.json()) as { refreshToken: string };

  // then signs in on H5 and unbinds from there
  await page.goto('/');
  await page.locator('.login-password-toggle').click();
  await page.locator('.login-username input').fill(student.username);
  await page.locator('.login-password input').fill(student.password);
  await page.locator('.login-submit').click();
  await expect(page.locator('.hall-greeting')).toContainText(student.name);
  await page.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click();
  await expect(page.locator('.me-binding')).toContainText('微信');

  await page.locator('.me-unbind').click();
  // wait for the server's answer itself: the login page can show before the DELETE has landed
  // (Taro H5 keeps earlier pages in the DOM), and the refresh below must not race the revocation
  const unbound = page.waitForResponse(
    (response) => response.url().includes('/api/me/bindings/wechat') && response.request().method() === 'DELETE',
  );
  await page.locator('.taro__modal').getByText('解除绑定', { exact: true }).click();
  expect((await unbound).status()).toBe(204);

  await expect(page.locator('.login-unified')).toBeVisible();
  // the session on the phone ended with it
  const refresh = await request.post('/api/auth/refresh', { data: { refreshToken: miniProgramSession.refreshToken } });
  expect(refresh.status()).toBe(401);
});
