/**
 * The stand-ins inside a host like the campus server (JSON-only body parsing, its own
 * `{code,message}` error handler and not-found handler, request logging): their wire formats
 * stay theirs, the host stays JSON-only, and the defaults line up with loadIntegrationsConfig.
 */
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { createIntegrations } from '../server/src/integrations';
import { loadIntegrationsConfig, STAND_IN_DEMO_CREDENTIALS } from '../server/src/integrations/config';
import { DEMO_PASSWORD, DEMO_USERNAMES } from './campus';
import { registerStandIns } from './stand-ins';
import { wechatOpenidFor } from './wechat';

let host: FastifyInstance;
let baseUrl = '';
const logLines: string[] = [];

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  host = Fastify({ logger: { level: 'info', stream } });
  // like server/src/plugins/app: JSON only, one error shape, a JSON 404
  host.removeContentTypeParser('text/plain');
  host.setErrorHandler((_error, _request, reply) => reply.code(400).send({ code: 'BAD_REQUEST', message: '请求不正确' }));
  host.setNotFoundHandler((_request, reply) => reply.code(404).send({ code: 'NOT_FOUND', message: '接口不存在' }));
  host.post('/api/echo', async (request) => ({ got: request.body }));
  registerStandIns(host, { prefix: '/mock', baseUrl: () => baseUrl, students: 200, smsMinIntervalMs: 0 });
  await host.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(host.server.address() as AddressInfo).port}`;
});
afterAll(() => host.close());

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

describe('stand-ins mounted in a JSON-only host', () => {
  it('accept forms inside their own context while the host still refuses them', async () => {
    const login = await host.inject({
      method: 'POST',
      url: '/mock/cas/login',
      ...form({ username: DEMO_USERNAMES.student, password: DEMO_PASSWORD, service: 'http://127.0.0.1/cb' }),
    });
    expect(login.statusCode).toBe(302);
    expect(login.headers.location).toMatch(/^http:\/\/127\.0\.0\.1\/cb\?ticket=ST-/);
    const hostForm = await host.inject({ method: 'POST', url: '/api/echo', ...form({ a: '1' }) });
    expect(hostForm.statusCode).toBe(400);
    expect(hostForm.json()).toEqual({ code: 'BAD_REQUEST', message: '请求不正确' });
  });

  it('answer errors in their own wire format, not the host’s', async () => {
    const broken = { headers: { 'content-type': 'application/json' }, payload: '{not json' };
    const wechat = await host.inject({ method: 'POST', url: '/mock/wechat/__test/login-code', ...broken });
    expect(wechat.json()).toMatchObject({ errcode: -1 });
    const dingtalk = await host.inject({ method: 'POST', url: '/mock/dingtalk/topapi/v2/user/getuserinfo?access_token=x', ...broken });
    expect(dingtalk.json()).toMatchObject({ errcode: 40035 });
    const oidc = await host.inject({ method: 'POST', url: '/mock/oidc/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=%zz' });
    expect(oidc.json()).toHaveProperty('error');
    const sms = await host.inject({ method: 'POST', url: '/mock/sms/send', ...broken, headers: { ...broken.headers, authorization: `Bearer ${STAND_IN_DEMO_CREDENTIALS.smsApiKey}` } });
    expect(sms.json()).toMatchObject({ Code: 'InvalidParameter' });
    const cas = await host.inject({ method: 'GET', url: '/mock/cas/p3/serviceValidate?service=x' });
    expect(cas.headers['content-type']).toMatch(/xml/);
    expect(cas.body).toContain('<cas:authenticationFailure code="INVALID_REQUEST">');
    for (const response of [wechat, dingtalk, oidc, sms, cas]) expect(response.body).not.toContain('BAD_REQUEST');
  });

  it('keep WeChat’s and DingTalk’s secrets (sent in query strings) out of the host’s request log', async () => {
    const { wechatAppSecret, dingtalkAppSecret } = STAND_IN_DEMO_CREDENTIALS;
    const before = logLines.length;
    await host.inject({ method: 'GET', url: `/mock/wechat/sns/jscode2session?appid=x&secret=${wechatAppSecret}&js_code=c&grant_type=authorization_code` });
    await host.inject({ method: 'GET', url: `/mock/dingtalk/gettoken?appkey=x&appsecret=${dingtalkAppSecret}` });
    await host.inject({ method: 'POST', url: '/api/echo', payload: { a: 1 } }); // the host itself still logs
    const lines = logLines.slice(before).join('');
    expect(lines).toContain('/api/echo');
    expect(lines).not.toContain(wechatAppSecret);
    expect(lines).not.toContain(dingtalkAppSecret);
  });
});

describe('the server’s defaults (loadIntegrationsConfig with stand-ins on) work against registerStandIns’ defaults', () => {
  it('logs in through every client', async () => {
    const { config, problems } = loadIntegrationsConfig({}, { selfBaseUrl: baseUrl, production: false });
    expect(problems).toEqual([]);
    const integrations = createIntegrations(config);

    expect(await integrations.cas!.verifyPassword(DEMO_USERNAMES.student, DEMO_PASSWORD)).toMatchObject({ user: DEMO_USERNAMES.student });

    const url = await integrations.oidc!.authorizationUrl({ state: 's', nonce: 'n', codeChallenge: 'c'.repeat(43), redirectUri: `${baseUrl}/cb` });
    expect((await fetch(url)).status).toBe(200);

    const { code } = (await (await fetch(`${baseUrl}/mock/wechat/__test/login-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: DEMO_USERNAMES.student }),
    })).json()) as { code: string };
    expect((await integrations.wechat!.code2session(code)).openid).toBe(wechatOpenidFor(config.wechat!.appId, DEMO_USERNAMES.student));

    const auth = (await (await fetch(`${baseUrl}/mock/dingtalk/__test/auth-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: DEMO_USERNAMES.counselor }),
    })).json()) as { code: string };
    expect((await integrations.dingtalk!.getUserByAuthCode(auth.code)).jobNumber).toBe(DEMO_USERNAMES.counselor);

    await integrations.sms!.sendCode(DEMO_USERNAMES.parent, '246810');
    const outbox = (await (await fetch(`${baseUrl}/mock/sms/__test/outbox?phone=${DEMO_USERNAMES.parent}`)).json()) as { messages: { params: { code: string } }[] };
    expect(outbox.messages[0]!.params.code).toBe('246810');
  });
});
