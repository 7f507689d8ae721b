/**
 * Every login path against the stand-ins (CAS, OIDC, WeChat, DingTalk, SMS over real HTTP on an
 * ephemeral port), including the bad input and the attacks each must answer with a 4xx.
 */
import type { LoginResult } from '../../../../types/auth';
import { DEMO_PASSWORD, demoAccount } from '../../../../mocks/campus/demo-accounts';
import { open, deriveKey } from '../../shared/crypto';
import {
  casBrowserLogin,
  dingtalkCode,
  exchange,
  handoffOf,
  oidcBrowserLogin,
  platformLogin,
  smsOutbox,
  wechatCode,
} from '../../test/login-flows';
import { TEST_DIALECTS, bearer, createTestApp, localPath, type TestApp } from '../../test/test-app';
import { wechatKeyContext } from './platform.service';

const student = demoAccount('student');
const teacher = demoAccount('teacher');
const counselor = demoAccount('counselor');
const parent = demoAccount('parent');

const errorOf = (location: string) => new URL(location, 'http://x').searchParams.get('error');

describe.each(TEST_DIALECTS)('login paths on %s (CAS as the unified identity)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { standIns: { unified: 'cas' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) });

  it('lists the providers of this deployment', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/providers' });
    expect(response.json()).toEqual({ unified: 'cas', unifiedLabel: '统一身份认证', parentSms: true });
  });

  describe('CAS (H5)', () => {
    it('logs a student in: CAS → callback → handoff → tokens, back on the page they came from', async () => {
      const { location } = await casBrowserLogin(t, student.username, { redirect: '/pages/me/index?tab=1' });
      expect(location).toMatch(/^\/pages\/me\/index\?tab=1&handoff=[\w-]{43}$/);
      const result = await exchange(t, location);
      expect(result.user).toEqual(expect.objectContaining({ number: student.username, roles: ['student'] }));
      expect(result.expiresIn).toBeLessThanOrEqual(900);
      expect(result.refreshToken).toMatch(/^[\w-]{43}$/);
      expect((await me(result.accessToken)).statusCode).toBe(200);
    });

    it('sends the user to the login page when no redirect was given', async () => {
      const { location } = await casBrowserLogin(t, teacher.username);
      expect(location).toMatch(/^\/pages\/login\/index\?handoff=/);
    });

    it('validates a ticket once: replaying the callback gets TICKET_INVALID', async () => {
      const { callbackUrl } = await casBrowserLogin(t, student.username, { redirect: '/pages/me/index' });
      const replay = await t.app.inject({ method: 'GET', url: localPath(callbackUrl) });
      expect(replay.statusCode).toBe(302);
      expect(replay.headers.location).toBe('/pages/login/index?error=TICKET_INVALID&redirect=%2Fpages%2Fme%2Findex');
    });

    it.each([
      ['a forged ticket', '?ticket=ST-forged-0000000000'],
      ['no ticket', ''],
      ['a ticket that is not a CAS ticket', '?ticket=%3Cscript%3E'],
    ])('answers %s with a redirect to the login page, not an error page', async (_label, query) => {
      const response = await t.app.inject({ method: 'GET', url: `/api/auth/cas/callback${query}` });
      expect(response.statusCode).toBe(302);
      expect(errorOf(String(response.headers.location))).toBe('TICKET_INVALID');
    });

    it('hands off once, within its lifetime', async () => {
      const { location } = await casBrowserLogin(t, student.username);
      await exchange(t, location);
      const again = await t.app.inject({ method: 'POST', url: '/api/auth/exchange', payload: { code: handoffOf(location) } });
      expect(again.statusCode).toBe(401);
      expect(again.json()).toEqual({ code: 'CODE_INVALID', message: '登录凭证无效或已过期，请重新登录' });
      const forged = await t.app.inject({ method: 'POST', url: '/api/auth/exchange', payload: { code: 'x'.repeat(43) } });
      expect(forged.statusCode).toBe(401);
    });

    it.each(['https://evil.example.com/', '//evil.example.com/x', '/\\evil.example.com', 'pages/me/index', '/pages/me\nSet-Cookie: x=1', 'javascript:alert(1)'])(
      'refuses the open redirect %p',
      async (redirect) => {
        const response = await t.app.inject({ method: 'GET', url: `/api/auth/cas/login?redirect=${encodeURIComponent(redirect)}` });
        expect(response.statusCode).toBe(400);
        expect(response.json().code).toBe('REDIRECT_INVALID');
        const callback = await t.app.inject({
          method: 'GET',
          url: `/api/auth/cas/callback?ticket=ST-x&redirect=${encodeURIComponent(redirect)}`,
        });
        expect(callback.statusCode).toBe(302);
        expect(callback.headers.location).toBe('/pages/login/index?error=REDIRECT_INVALID');
      },
    );

    it('refuses a disabled person at the callback', async () => {
      const guard = demoAccount('guard');
      await t.app.db.updateTable('people').set({ status: 'disabled' }).where('number', '=', guard.username).execute();
      try {
        const { location } = await casBrowserLogin(t, guard.username);
        expect(errorOf(location)).toBe('ACCOUNT_DISABLED');
      } finally {
        await t.app.db.updateTable('people').set({ status: 'active' }).where('number', '=', guard.username).execute();
      }
    });

    it('says OIDC is not enabled here', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('/pages/login/index?error=PROVIDER_DISABLED');
    });
  });

  describe('WeChat', () => {
    it('binds once through CAS (REST), then logs in silently; the session_key stays on the server, encrypted', async () => {
      const first = await platformLogin(t, 'wechat', await wechatCode(t, { number: student.username }));
      expect(first.statusCode).toBe(200);
      expect(first.result).toEqual({ status: 'needs_binding', bindTicket: expect.stringMatching(/^[\w-]{43}$/), verifyWith: 'cas' });
      if (first.result.status !== 'needs_binding') throw new Error('unreachable');
      expect(first.body).not.toMatch(/session_?key/i);

      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/auth/bind',
        payload: { bindTicket: first.result.bindTicket, username: student.username, password: 'not-it' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().code).toBe('INVALID_CREDENTIALS');

      const bound = await t.app.inject({
        method: 'POST',
        url: '/api/auth/bind',
        payload: { bindTicket: first.result.bindTicket, username: student.username, password: DEMO_PASSWORD },
      });
      expect(bound.statusCode).toBe(200);
      const result = bound.json<LoginResult>();
      expect(result.user.bindings).toEqual([{ provider: 'wechat', boundAt: expect.any(String) }]);

      const reuse = await t.app.inject({
        method: 'POST',
        url: '/api/auth/bind',
        payload: { bindTicket: first.result.bindTicket, username: student.username, password: DEMO_PASSWORD },
      });
      expect(reuse.statusCode).toBe(401);
      expect(reuse.json().code).toBe('BIND_TICKET_INVALID');

      const silent = await platformLogin(t, 'wechat', await wechatCode(t, { number: student.username }));
      expect(silent.result).toEqual(expect.objectContaining({ status: 'bound', accessToken: expect.any(String) }));

      const row = await t.app.db.selectFrom('wechat_sessions').selectAll().where('person_id', '=', result.user.id).executeTakeFirstOrThrow();
      const sessionKey = open(deriveKey(t.config.dataSecret, 'wechat-session-key'), row.session_key_enc, wechatKeyContext(row.openid));
      expect(sessionKey).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(row.session_key_enc).not.toContain(sessionKey!);
      expect(silent.body).not.toContain(sessionKey!);
    });

    it('refuses a used or made-up WeChat code with 401 CODE_INVALID', async () => {
      const code = await wechatCode(t, { unknown: true });
      expect((await platformLogin(t, 'wechat', code)).statusCode).toBe(200);
      const reused = await platformLogin(t, 'wechat', code);
      expect(reused.statusCode).toBe(401);
      expect(reused.json().code).toBe('CODE_INVALID');
      const madeUp = await platformLogin(t, 'wechat', 'not-a-real-code');
      expect(madeUp.statusCode).toBe(401);
      expect(madeUp.json()).toEqual({ code: 'CODE_INVALID', message: expect.any(String) });
    });

    it('will not bind a WeChat account that someone else bound meanwhile', async () => {
      const one = await platformLogin(t, 'wechat', await wechatCode(t, { number: teacher.username }));
      const two = await platformLogin(t, 'wechat', await wechatCode(t, { number: teacher.username }));
      if (one.result.status !== 'needs_binding' || two.result.status !== 'needs_binding') throw new Error('expected tickets');
      const first = await t.app.inject({
        method: 'POST',
        url: '/api/auth/bind',
        payload: { bindTicket: one.result.bindTicket, username: teacher.username, password: DEMO_PASSWORD },
      });
      expect(first.statusCode).toBe(200);
      const second = await t.app.inject({
        method: 'POST',
        url: '/api/auth/bind',
        payload: { bindTicket: two.result.bindTicket, username: counselor.username, password: DEMO_PASSWORD },
      });
      expect(second.statusCode).toBe(409);
      expect(second.json().code).toBe('ALREADY_BOUND');
    });

    it('replaces the binding when a student binds a new phone, ending the old phone’s sessions', async () => {
      const someone = await t.app.db
        .selectFrom('people')
        .select('number')
        .where('kind', '=', 'student')
        .where('number', '!=', student.username)
        .orderBy('number')
        .executeTakeFirstOrThrow();
      const bindNew = async (code: string) => {
        const login = await platformLogin(t, 'wechat', code);
        if (login.result.status !== 'needs_binding') throw new Error('expected a ticket');
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/auth/bind',
          payload: { bindTicket: login.result.bindTicket, username: someone.number, password: DEMO_PASSWORD },
        });
        expect(response.statusCode).toBe(200);
        return response.json<LoginResult>();
      };
      const oldPhone = await bindNew(await wechatCode(t, { number: someone.number }));
      const newPhone = await bindNew(await wechatCode(t, { unknown: true }));
      expect((await me(oldPhone.accessToken)).statusCode).toBe(401);
      expect((await me(newPhone.accessToken)).statusCode).toBe(200);
      const oldAgain = await platformLogin(t, 'wechat', await wechatCode(t, { number: someone.number }));
      expect(oldAgain.result.status).toBe('needs_binding');
    });
  });

  describe('DingTalk', () => {
    it('maps staff by job number and binds them without asking', async () => {
      const login = await platformLogin(t, 'dingtalk', await dingtalkCode(t, { number: teacher.username }));
      expect(login.statusCode).toBe(200);
      expect(login.result).toEqual(expect.objectContaining({ status: 'bound' }));
      if (login.result.status !== 'bound') throw new Error('unreachable');
      expect(login.result.user.number).toBe(teacher.username);
      expect(login.result.user.bindings.map((binding) => binding.provider)).toContain('dingtalk');
    });

    it('maps staff by mobile when DingTalk has no job number', async () => {
      const login = await platformLogin(t, 'dingtalk', await dingtalkCode(t, { number: counselor.username, withoutJobNumber: true }));
      expect(login.result).toEqual(expect.objectContaining({ status: 'bound' }));
      if (login.result.status === 'bound') expect(login.result.user.number).toBe(counselor.username);
    });

    it('asks an unknown DingTalk user to bind once', async () => {
      const login = await platformLogin(t, 'dingtalk', await dingtalkCode(t, { unknown: true }));
      expect(login.result).toEqual({ status: 'needs_binding', bindTicket: expect.any(String), verifyWith: 'cas' });
      if (login.result.status !== 'needs_binding') throw new Error('unreachable');
      const dispatcher = demoAccount('dispatcher');
      const bound = await t.app.inject({
        method: 'POST',
        url: '/api/auth/bind',
        payload: { bindTicket: login.result.bindTicket, username: dispatcher.username, password: DEMO_PASSWORD },
      });
      expect(bound.statusCode).toBe(200);
      expect(bound.json<LoginResult>().user.bindings).toEqual([{ provider: 'dingtalk', boundAt: expect.any(String) }]);
    });

    it('refuses a used or made-up auth code (DingTalk error code) with 401', async () => {
      const code = await dingtalkCode(t, { number: teacher.username });
      expect((await platformLogin(t, 'dingtalk', code)).statusCode).toBe(200);
      const reused = await platformLogin(t, 'dingtalk', code);
      expect(reused.statusCode).toBe(401);
      expect(reused.json().code).toBe('CODE_INVALID');
      expect((await platformLogin(t, 'dingtalk', 'made-up')).statusCode).toBe(401);
    });
  });

  describe('parents by SMS code', () => {
    let mobiles: string[];
    beforeAll(async () => {
      const rows = await t.app.db
        .selectFrom('people')
        .innerJoin('parent_links', 'parent_links.parent_id', 'people.id')
        .select('people.mobile')
        .distinct()
        .where('people.kind', '=', 'parent')
        .where('people.number', '!=', parent.username)
        .orderBy('people.mobile')
        .limit(8)
        .execute();
      mobiles = rows.map((row) => row.mobile!);
    });
    let ip = 0;
    const fromNewIp = () => `10.9.0.${(ip += 1)}`;
    const send = (mobile: string, remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { mobile }, remoteAddress });
    const smsLogin = (mobile: string, code: string, remoteAddress = '10.9.1.1') =>
      t.app.inject({ method: 'POST', url: '/api/auth/sms/login', payload: { mobile, code }, remoteAddress });

    it('sends a code to a parent, logs them in once, with their children', async () => {
      const sent = await send(parent.username, fromNewIp());
      expect(sent.statusCode).toBe(200);
      expect(sent.json()).toEqual({ retryAfter: 60 });
      const code = await smsOutbox(t, parent.username);
      expect(code).toMatch(/^\d{6}$/);

      const wrongCode = code === '000000' ? '111111' : '000000';
      expect((await smsLogin(parent.username, wrongCode)).json()).toEqual({ code: 'CODE_INVALID', message: '验证码错误或已过期' });
      const ok = await smsLogin(parent.username, code!);
      expect(ok.statusCode).toBe(200);
      const result = ok.json<LoginResult>();
      expect(result.user).toEqual(
        expect.objectContaining({
          kind: 'parent',
          roles: ['parent'],
          children: [expect.objectContaining({ name: student.name, number: student.username, className: '计算机2301班', relation: '父亲' })],
          activeChildId: expect.any(String),
        }),
      );
      const again = await smsLogin(parent.username, code!);
      expect(again.statusCode).toBe(401);
    });

    it('answers an unknown number exactly like a known one, and sends nothing', async () => {
      const known = await send(mobiles[0]!, fromNewIp());
      const unknown = await send('13999999999', fromNewIp());
      expect(unknown.statusCode).toBe(known.statusCode);
      expect(unknown.body).toBe(known.body);
      expect(await smsOutbox(t, '13999999999')).toBeUndefined();
      const login = await smsLogin('13999999999', '123456');
      expect(login.statusCode).toBe(401);
      expect(login.json().code).toBe('CODE_INVALID');
    });

    it('allows one code a minute per number (known or not), with Retry-After', async () => {
      for (const mobile of [mobiles[1]!, '13999999998']) {
        expect((await send(mobile, fromNewIp())).statusCode).toBe(200);
        const soon = await send(mobile, fromNewIp());
        expect(soon.statusCode).toBe(429);
        expect(soon.json()).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/^操作过于频繁，请 \d+ 秒后再试$/) });
        expect(Number(soon.headers['retry-after'])).toBeGreaterThan(50);
      }
    });

    it('allows 20 sends an hour per IP', async () => {
      const address = fromNewIp();
      const statuses: number[] = [];
      for (let i = 0; i < 21; i += 1) statuses.push((await send(`1370000${String(i).padStart(4, '0')}`, address)).statusCode);
      expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
      expect(statuses[20]).toBe(429);
    });

    it('burns a code after 5 wrong tries, and then slows the number down', async () => {
      const mobile = mobiles[2]!;
      await send(mobile, fromNewIp());
      const code = (await smsOutbox(t, mobile))!;
      const wrong = code === '000000' ? '111111' : '000000';
      const answers = [];
      for (let i = 0; i < 5; i += 1) answers.push((await smsLogin(mobile, wrong)).json().message);
      expect(answers.slice(0, 4).every((message) => message === '验证码错误或已过期')).toBe(true);
      expect(answers[4]).toBe('验证码错误次数过多，请重新获取');
      const right = await smsLogin(mobile, code);
      expect(right.statusCode).toBe(429);
      expect(right.headers['retry-after']).toBeDefined();
    });
  });
});

describe.each(TEST_DIALECTS)('login paths on %s (OIDC as the unified identity)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { standIns: { unified: 'oidc' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs a student in: authorization code + PKCE, state and nonce checked, handoff → tokens', async () => {
    const { location } = await oidcBrowserLogin(t, student.username, { redirect: '/pages/me/index' });
    expect(location).toMatch(/^\/pages\/me\/index\?handoff=/);
    const result = await exchange(t, location);
    expect(result.user.number).toBe(student.username);
    // sub → person is remembered
    const binding = await t.app.db.selectFrom('identity_bindings').selectAll().where('provider', '=', 'oidc').where('person_id', '=', result.user.id).executeTakeFirst();
    expect(binding).toBeDefined();
    // and a second login goes through the binding
    const second = await exchange(t, (await oidcBrowserLogin(t, student.username)).location);
    expect(second.user.id).toBe(result.user.id);
  });

  it('uses a state once: replaying the callback gets STATE_MISMATCH', async () => {
    const { callbackUrl } = await oidcBrowserLogin(t, teacher.username);
    const replay = await t.app.inject({ method: 'GET', url: localPath(callbackUrl) });
    expect(replay.statusCode).toBe(302);
    expect(errorOf(String(replay.headers.location))).toBe('STATE_MISMATCH');
  });

  it.each([
    ['a wrong state', (url: URL) => url.searchParams.set('state', 'x'.repeat(43))],
    ['no state', (url: URL) => url.searchParams.delete('state')],
  ])('refuses %s with STATE_MISMATCH', async (_label, tamper) => {
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
    const authorize = new URL(String(start.headers.location));
    const callback = new URL('/api/auth/oidc/callback', t.baseUrl);
    callback.searchParams.set('code', 'some-code');
    callback.searchParams.set('state', authorize.searchParams.get('state')!);
    tamper(callback);
    const response = await t.app.inject({ method: 'GET', url: localPath(callback.toString()) });
    expect(response.statusCode).toBe(302);
    expect(errorOf(String(response.headers.location))).toBe('STATE_MISMATCH');
  });

  it('refuses a forged code and an IdP error with CODE_INVALID, keeping the redirect', async () => {
    for (const params of [{ code: 'forged-code' }, { error: 'access_denied' }] as Record<string, string>[]) {
      const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/login?redirect=%2Fpages%2Fme%2Findex' });
      const state = new URL(String(start.headers.location)).searchParams.get('state')!;
      const query = new URLSearchParams({ ...params, state }).toString();
      const response = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/callback?${query}` });
      expect(response.headers.location).toBe('/pages/login/index?error=CODE_INVALID&redirect=%2Fpages%2Fme%2Findex');
    }
  });

  it('binds WeChat through the built-in directory, as OIDC has no password check', async () => {
    const login = await platformLogin(t, 'wechat', await wechatCode(t, { number: student.username }));
    expect(login.result).toEqual(expect.objectContaining({ status: 'needs_binding', verifyWith: 'password' }));
  });
});
