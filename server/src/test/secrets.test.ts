/**
 * Runs every login path against the stand-ins while capturing every log line and every response,
 * then scans them: WeChat's session_key, the app secrets, the OIDC client secret, the SMS API key
 * and the password hashes appear in neither; refresh tokens, SMS codes, tickets and passwords
 * appear in no log line.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { LoginResult } from '../../../types/auth';
import { DEMO_PASSWORD, demoAccount } from '../../../mocks/campus/demo-accounts';
import { redactUrlForLog } from '../app';
import { STAND_IN_DEMO_CREDENTIALS } from '../integrations/config';
import { wechatKeyContext } from '../modules/identity/platform.service';
import { deriveKey, open } from '../shared/crypto';
import {
  casBrowserLogin,
  dingtalkCode,
  exchange,
  injector,
  oidcBrowserLogin,
  platformLogin,
  smsOutbox,
  wechatCode,
} from './login-flows';
import { TEST_DIALECTS, bearer, createTestApp, type TestApp } from './test-app';

const student = demoAccount('student');
const parent = demoAccount('parent');

describe.each(TEST_DIALECTS)('no secret in a response or a log line, on %s', (dialect) => {
  let cas: TestApp;
  let oidc: TestApp;
  beforeAll(async () => {
    [cas, oidc] = await Promise.all([
      createTestApp(dialect, { standIns: { unified: 'cas' } }),
      createTestApp(dialect, { standIns: { unified: 'oidc' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([cas?.close(), oidc?.close()]);
  });

  it('across every login path', async () => {
    const responses: string[] = [];
    const record = (response: LightMyRequestResponse) => {
      responses.push(response.body, JSON.stringify(response.headers));
    };
    const mustNotBeLogged: string[] = [DEMO_PASSWORD, 'wrong-password-9'];
    const results: LoginResult[] = [];
    const keep = (result: LoginResult) => {
      results.push(result);
      mustNotBeLogged.push(result.refreshToken, result.accessToken, result.accessToken.split('.')[2]!);
      return result;
    };
    const inject = injector(cas, record);

    // the built-in directory, right and wrong
    keep((await inject({ method: 'POST', url: '/api/auth/login', payload: { username: student.username, password: DEMO_PASSWORD } })).json());
    await inject({ method: 'POST', url: '/api/auth/login', payload: { username: student.username, password: 'wrong-password-9' } });

    // CAS: login, replayed ticket; the handoff code and the ticket must not be logged
    const casLogin = await casBrowserLogin(cas, student.username, { redirect: '/pages/me/index', record });
    mustNotBeLogged.push(new URL(casLogin.callbackUrl).searchParams.get('ticket')!);
    mustNotBeLogged.push(new URL(casLogin.location, 'http://x').searchParams.get('handoff')!);
    keep(await exchange(cas, casLogin.location, record));
    await inject({ method: 'GET', url: new URL(casLogin.callbackUrl).pathname + new URL(casLogin.callbackUrl).search });

    // OIDC
    const oidcLogin = await oidcBrowserLogin(oidc, student.username, { record });
    mustNotBeLogged.push(new URL(oidcLogin.callbackUrl).searchParams.get('code')!);
    keep(await exchange(oidc, oidcLogin.location, record));

    // WeChat: needs binding → bind through CAS REST (wrong, then right) → silent login
    const first = await platformLogin(cas, 'wechat', await wechatCode(cas, { number: student.username }), record);
    if (first.result.status !== 'needs_binding') throw new Error('expected a bind ticket');
    mustNotBeLogged.push(first.result.bindTicket);
    await inject({ method: 'POST', url: '/api/auth/bind', payload: { bindTicket: first.result.bindTicket, username: student.username, password: 'wrong-password-9' } });
    keep((await inject({ method: 'POST', url: '/api/auth/bind', payload: { bindTicket: first.result.bindTicket, username: student.username, password: DEMO_PASSWORD } })).json());
    const silent = await platformLogin(cas, 'wechat', await wechatCode(cas, { number: student.username }), record);
    if (silent.result.status === 'bound') keep(silent.result);
    await platformLogin(cas, 'wechat', 'expired-code', record);

    // DingTalk: mapped, unknown, bad code
    const dd = await platformLogin(cas, 'dingtalk', await dingtalkCode(cas, { number: demoAccount('teacher').username }), record);
    if (dd.result.status === 'bound') keep(dd.result);
    await platformLogin(cas, 'dingtalk', await dingtalkCode(cas, { unknown: true }), record);
    await platformLogin(cas, 'dingtalk', 'bad-auth-code', record);

    // SMS: send, wrong code, right code
    await inject({ method: 'POST', url: '/api/auth/sms/send', payload: { mobile: parent.username }, remoteAddress: '10.7.0.1' });
    const code = (await smsOutbox(cas, parent.username))!;
    mustNotBeLogged.push(code);
    await inject({ method: 'POST', url: '/api/auth/sms/login', payload: { mobile: parent.username, code: code === '000000' ? '111111' : '000000' } });
    keep((await inject({ method: 'POST', url: '/api/auth/sms/login', payload: { mobile: parent.username, code } })).json());

    // refresh, a reused refresh token, me, logout
    const rotated = (await inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: results[0]!.refreshToken } })).json();
    mustNotBeLogged.push(rotated.refreshToken);
    await inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: results[0]!.refreshToken } });
    await inject({ method: 'GET', url: '/api/me', headers: bearer(rotated.accessToken) });
    await inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(rotated.accessToken) });

    // what must appear nowhere
    const row = await cas.app.db.selectFrom('wechat_sessions').selectAll().where('person_id', 'is not', null).executeTakeFirstOrThrow();
    const sessionKey = open(deriveKey(cas.config.dataSecret, 'wechat-session-key'), row.session_key_enc, wechatKeyContext(row.openid));
    expect(sessionKey).toBeDefined();
    const hashes = await cas.app.db.selectFrom('credentials').select('password_hash').limit(50).execute();
    const demo = STAND_IN_DEMO_CREDENTIALS;
    const secrets: Record<string, string> = {
      sessionKey: sessionKey!,
      sessionKeyEncrypted: row.session_key_enc,
      wechatAppSecret: demo.wechatAppSecret,
      dingtalkAppSecret: demo.dingtalkAppSecret,
      oidcClientSecret: demo.oidcClientSecret,
      smsApiKey: demo.smsApiKey,
      jwtSecret: cas.config.jwtSecret,
      dataSecret: cas.config.dataSecret,
      ...Object.fromEntries(hashes.flatMap((h, i) => [[`hash${i}`, h.password_hash], [`hashKey${i}`, h.password_hash.split('$')[5]!]])),
    };

    const body = responses.join('\n');
    const logs = `${cas.logs.text}\n${oidc.logs.text}`;
    expect(cas.logs.lines.length).toBeGreaterThan(50);
    expect(body).toContain('"status":"bound"'); // the scan saw real answers…
    expect(logs).toContain('ticket=[REDACTED]'); // …and logged callback URLs
    for (const [name, value] of Object.entries(secrets)) {
      expect({ name, inResponses: body.includes(value) }).toEqual({ name, inResponses: false });
      expect({ name, inLogs: logs.includes(value) }).toEqual({ name, inLogs: false });
    }
    for (const value of mustNotBeLogged) {
      expect({ value, inLogs: logs.includes(value) }).toEqual({ value, inLogs: false });
    }
  });

  it('blanks secret query values and CAS tickets in logged URLs', () => {
    expect(redactUrlForLog('/sns/jscode2session?appid=wx1&secret=s3cr3t&js_code=abc&grant_type=authorization_code')).toBe(
      '/sns/jscode2session?appid=wx1&secret=[REDACTED]&js_code=[REDACTED]&grant_type=authorization_code',
    );
    expect(redactUrlForLog('/gettoken?appkey=k&appsecret=s')).toBe('/gettoken?appkey=[REDACTED]&appsecret=[REDACTED]');
    expect(redactUrlForLog('/api/auth/cas/callback?redirect=%2Fme&ticket=ST-1-abc')).toBe('/api/auth/cas/callback?redirect=%2Fme&ticket=[REDACTED]');
    expect(redactUrlForLog('/cas/v1/tickets/TGT-12-secret')).toBe('/cas/v1/tickets/TGT-[REDACTED]');
    expect(redactUrlForLog('/api/services?platform=h5')).toBe('/api/services?platform=h5');
    // a signed upload URL in the log would open the file for an hour
    expect(redactUrlForLog('/api/uploads/u1/content?exp=1&sig=abc')).toBe('/api/uploads/u1/content?exp=1&sig=[REDACTED]');
  });
});
