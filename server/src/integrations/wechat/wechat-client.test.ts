import { DEMO_USERNAMES } from '../../../../mocks/campus';
import { wechatOpenidFor } from '../../../../mocks/wechat';
import { STAND_IN_DEMO_CREDENTIALS } from '../config';
import { IntegrationError } from '../integration-error';
import { everythingIn, rejectionOf, startStandIns, type RunningStandIns } from '../test-stand-ins';
import { createWechatClient, type WechatClientConfig } from './wechat-client';

let standIns: RunningStandIns;
let config: WechatClientConfig;
beforeAll(async () => {
  standIns = await startStandIns();
  config = { apiBase: standIns.urls.wechat, appId: STAND_IN_DEMO_CREDENTIALS.wechatAppId, appSecret: STAND_IN_DEMO_CREDENTIALS.wechatAppSecret };
});
afterAll(() => standIns.close());

/** what wx.login gives the mini-program, from the stand-in's test endpoint */
async function loginCode(body: Record<string, unknown>): Promise<string> {
  const response = await standIns.post('/mock/wechat/__test/login-code', body);
  expect(response.status).toBe(200);
  return ((await response.json()) as { code: string }).code;
}

describe('WeChat client against the WeChat stand-in', () => {
  it('exchanges a code once for the person’s stable openid, a unionid and a fresh session_key', async () => {
    const wechat = createWechatClient(config);
    const code = await loginCode({ number: DEMO_USERNAMES.student });
    const session = await wechat.code2session(code);
    expect(session.openid).toBe(wechatOpenidFor(config.appId, DEMO_USERNAMES.student));
    expect(session.unionid).toMatch(/^u/);
    expect(Buffer.from(session.sessionKey, 'base64')).toHaveLength(16);

    const again = await rejectionOf(wechat.code2session(code));
    expect(again).toBeInstanceOf(IntegrationError);
    expect(again).toMatchObject({ system: 'wechat', kind: 'rejected', upstreamCode: '40163', message: '登录凭证无效或已过期，请重试' });

    const next = await wechat.code2session(await loginCode({ number: DEMO_USERNAMES.student }));
    expect(next.openid).toBe(session.openid);
    expect(next.sessionKey).not.toBe(session.sessionKey);
  });

  it('gives an unknown WeChat user a fresh openid nobody has bound', async () => {
    const wechat = createWechatClient(config);
    const first = await wechat.code2session(await loginCode({ unknown: true }));
    const second = await wechat.code2session('wx-code-anything-at-all');
    expect(first.openid).not.toBe(second.openid);
    expect(first.openid).not.toBe(wechatOpenidFor(config.appId, DEMO_USERNAMES.student));
    await expect(wechat.code2session('wx-code-anything-at-all')).rejects.toMatchObject({ upstreamCode: '40163' });
  });

  it('rejects a bad, an empty and an expired code', async () => {
    const wechat = createWechatClient(config);
    await expect(wechat.code2session('0a1b2c3d-not-issued')).rejects.toMatchObject({ kind: 'rejected', upstreamCode: '40029' });
    await expect(wechat.code2session('')).rejects.toMatchObject({ kind: 'rejected', upstreamCode: '40029' });
    await expect(wechat.code2session('has space')).rejects.toMatchObject({ kind: 'rejected' });
    const code = await loginCode({ number: DEMO_USERNAMES.student });
    standIns.advance(5 * 60_000 + 1);
    await expect(wechat.code2session(code)).rejects.toMatchObject({ kind: 'rejected', upstreamCode: '40029' });
  });

  it('is unavailable for a wrong appsecret or appid, and the secret is in no error', async () => {
    const secret = 'the-wrong-but-secret-appsecret';
    const wrongSecret = createWechatClient({ ...config, appSecret: secret });
    const error = await rejectionOf(wrongSecret.code2session(await loginCode({ number: DEMO_USERNAMES.student })));
    expect(error).toMatchObject({ kind: 'unavailable', upstreamCode: '40125' });
    expect(everythingIn(error)).not.toContain(secret);
    expect((error as Error).message).toMatch(/[\u4e00-\u9fa5]/);

    const wrongApp = createWechatClient({ ...config, appId: 'wx-someone-else' });
    await expect(wrongApp.code2session(await loginCode({ number: DEMO_USERNAMES.student }))).rejects.toMatchObject({
      kind: 'unavailable',
      upstreamCode: '40013',
    });
  });

  it('never puts the session_key (or the secret) into an error, even for a malformed answer', async () => {
    const sessionKey = Buffer.from('0123456789abcdef').toString('base64');
    const malformed = createWechatClient(config, {
      fetch: async () => new Response(JSON.stringify({ session_key: sessionKey, unionid: 'u1' }), { status: 200 }),
    });
    const error = await rejectionOf(malformed.code2session('some-code'));
    expect(error).toMatchObject({ kind: 'unavailable', upstreamCode: 'malformed' });
    expect(everythingIn(error)).not.toContain(sessionKey);
    expect(everythingIn(error)).not.toContain(config.appSecret);

    const throwing = createWechatClient(config, {
      fetch: async (input) => {
        throw new Error(`connect failed for ${String(input)}`); // a fetch whose error quotes the URL (secret inside)
      },
    });
    const networkError = await rejectionOf(throwing.code2session('some-code'));
    expect(networkError).toMatchObject({ kind: 'unavailable', upstreamCode: 'network' });
    expect(everythingIn(networkError)).not.toContain(config.appSecret);
  });

  it('is unavailable when WeChat is down, busy, rate limiting or slow', async () => {
    await expect(createWechatClient({ ...config, apiBase: 'http://127.0.0.1:1' }).code2session('c')).rejects.toMatchObject({
      kind: 'unavailable',
      upstreamCode: 'network',
    });
    for (const errcode of [-1, 45011]) {
      const busy = createWechatClient(config, { fetch: async () => new Response(JSON.stringify({ errcode, errmsg: 'busy' }), { status: 200 }) });
      await expect(busy.code2session('c')).rejects.toMatchObject({ kind: 'unavailable', upstreamCode: String(errcode) });
    }
    await expect(createWechatClient({ ...config, apiBase: standIns.garbageUrl }).code2session('c')).rejects.toMatchObject({
      kind: 'unavailable',
      upstreamCode: 'malformed',
    });
    await expect(createWechatClient({ ...config, apiBase: standIns.slowUrl }, { timeoutMs: 200 }).code2session('c')).rejects.toMatchObject({
      kind: 'unavailable',
      upstreamCode: 'timeout',
    });
  });
});

describe('WeChat stand-in extras', () => {
  it('hands out an app access token and accepts a subscribe message with it', async () => {
    const { wechatAppId: appid, wechatAppSecret: secret } = STAND_IN_DEMO_CREDENTIALS;
    const token = (await (
      await fetch(`${standIns.urls.wechat}/cgi-bin/token?${new URLSearchParams({ grant_type: 'client_credential', appid, secret })}`)
    ).json()) as { access_token: string; expires_in: number };
    expect(token.expires_in).toBe(7200);
    const bad = (await (await fetch(`${standIns.urls.wechat}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=x`)).json()) as {
      errcode: number;
    };
    expect(bad.errcode).toBe(40125);
    const sent = await standIns.post(`/mock/wechat/cgi-bin/message/subscribe/send?access_token=${token.access_token}`, {
      touser: 'o-someone',
      template_id: 'T1',
      data: { thing1: { value: '报修已受理' } },
    });
    expect(await sent.json()).toMatchObject({ errcode: 0, errmsg: 'ok' });
    const outbox = (await (await fetch(`${standIns.urls.wechat}/__test/subscribe-messages?touser=o-someone`)).json()) as { messages: unknown[] };
    expect(outbox.messages).toHaveLength(1);
    const refused = await standIns.post('/mock/wechat/cgi-bin/message/subscribe/send?access_token=nope', { touser: 'o', template_id: 'T1' });
    expect(await refused.json()).toMatchObject({ errcode: 40001 });
  });

  it('does not know people outside the campus', async () => {
    expect((await standIns.post('/mock/wechat/__test/login-code', { number: '9999999999' })).status).toBe(404);
  });
});

describe('WeChat subscribe messages against the stand-in', () => {
  const withTemplate = () => ({ ...config, subscribeTemplateId: 'demo-todo-template' });
  const sentTo = async (touser: string) =>
    ((await (await fetch(`${standIns.baseUrl}/mock/wechat/__test/subscribe-messages?touser=${touser}`)).json()) as { messages: Record<string, unknown>[] }).messages;

  it('sends with the app access token and the configured template', async () => {
    const touser = `o-sub-${Date.now()}`;
    const msgid = await createWechatClient(withTemplate()).sendSubscribeMessage({ touser, page: 'pages/todo/index', data: { thing1: { value: '待办' } } });
    expect(msgid).toMatch(/^\d+$/);
    expect(await sentTo(touser)).toEqual([
      expect.objectContaining({ touser, template_id: 'demo-todo-template', page: 'pages/todo/index', data: { thing1: { value: '待办' } }, lang: 'zh_CN' }),
    ]);
  });

  it('fetches a new token once when WeChat no longer accepts the cached one', async () => {
    const a = createWechatClient(withTemplate());
    const touser = `o-tok-${Date.now()}`;
    await a.sendSubscribeMessage({ touser, page: 'p', data: {} });
    // another process asks for a token: WeChat invalidates the one `a` holds
    await createWechatClient(withTemplate()).sendSubscribeMessage({ touser, page: 'p', data: {} });
    await a.sendSubscribeMessage({ touser, page: 'p', data: {} });
    expect(await sentTo(touser)).toHaveLength(3);
  });

  it('will not send without a template', async () => {
    await expect(createWechatClient(config).sendSubscribeMessage({ touser: 'o', page: 'p', data: {} })).rejects.toMatchObject({ kind: 'unavailable', upstreamCode: 'no_template' });
  });
});
