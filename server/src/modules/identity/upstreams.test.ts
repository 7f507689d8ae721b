/**
 * When the outside world fails: unavailable upstreams give 503 UPSTREAM_UNAVAILABLE (a redirect
 * with that code for the browser flows), never a 5xx of ours and never the upstream's details.
 */
import { IntegrationError } from '../../integrations/integration-error';
import { TEST_DIALECTS, createTestApp, type TestApp } from '../../test/test-app';
import type { Upstreams } from './upstreams';

const down = (system: IntegrationError['system']) => async (): Promise<never> => {
  throw new IntegrationError(system, 'unavailable', 'timeout', '服务超时');
};

const fakes: Upstreams = {
  cas: {
    loginUrl: (service) => `https://cas.example.edu.cn/login?service=${encodeURIComponent(service)}`,
    validateServiceTicket: down('cas'),
    verifyPassword: down('cas'),
  },
  wechat: { code2session: down('wechat') },
  dingtalk: { getUserByAuthCode: down('dingtalk') },
  sms: { sendCode: down('sms') },
};

describe.each(TEST_DIALECTS)('unavailable upstreams on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      upstreams: fakes,
      config: { integrations: { unified: 'cas', standIns: false }, publicBaseUrl: 'https://campus.example.edu.cn' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends the browser to CAS with our callback as the service', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/cas/login?redirect=%2Fpages%2Fme%2Findex' });
    expect(response.headers.location).toBe(
      `https://cas.example.edu.cn/login?service=${encodeURIComponent('https://campus.example.edu.cn/api/auth/cas/callback?redirect=%2Fpages%2Fme%2Findex')}`,
    );
  });

  it('redirects a CAS callback to the login page with UPSTREAM_UNAVAILABLE', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/cas/callback?ticket=ST-1-abc' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/pages/login/index?error=UPSTREAM_UNAVAILABLE');
  });

  it.each([
    ['WeChat', '/api/auth/wechat', { code: 'abc' }, '微信登录服务暂时不可用，请稍后重试'],
    ['DingTalk', '/api/auth/dingtalk', { authCode: 'abc' }, '钉钉登录服务暂时不可用，请稍后重试'],
  ])('answers %s being down with 503 UPSTREAM_UNAVAILABLE', async (_label, url, payload, message) => {
    const response = await t.app.inject({ method: 'POST', url, payload });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ code: 'UPSTREAM_UNAVAILABLE', message });
    expect(t.logs.text).not.toContain('服务超时"');
  });

  it('answers an SMS gateway failure like any other send (no enumeration), and logs it', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { mobile: '13800000001' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ retryAfter: 60 });
    expect(t.logs.lines.some((line) => line.includes('SMS not sent'))).toBe(true);
  });
});
