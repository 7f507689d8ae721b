/**
 * Every way in, driven against the stand-ins the way a browser or a mini-program would: tests
 * of the identity flows, the secrets scan and the authorization matrix share these.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { LoginResult, PlatformLoginResult } from '../../../types/auth';
import { DEMO_PASSWORD } from '../../../mocks/campus/demo-accounts';
import { localPath, type TestApp } from './test-app';

export type Recorder = (response: LightMyRequestResponse) => void;

/** app.inject that hands every response to `record` (the secrets scan reads them all) */
export function injector(t: TestApp, record: Recorder = () => undefined) {
  return async (request: InjectOptions): Promise<LightMyRequestResponse> => {
    const response = await t.app.inject(request);
    record(response);
    return response;
  };
}

const form = (fields: Record<string, string>) => ({
  'content-type': 'application/x-www-form-urlencoded',
  payload: new URLSearchParams(fields).toString(),
});

function expectStatus(response: LightMyRequestResponse, status: number, what: string): void {
  if (response.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${response.statusCode} ${response.body.slice(0, 300)}`);
}

/**
 * H5 + CAS up to the callback: our login redirect, the CAS form, back to our callback. Returns
 * the callback's redirect (the app page with ?handoff=, or the login page with ?error=) and the
 * callback URL (to replay the ticket).
 */
export async function casBrowserLogin(
  t: TestApp,
  username: string,
  options: { redirect?: string; password?: string; record?: Recorder } = {},
): Promise<{ location: string; callbackUrl: string }> {
  const inject = injector(t, options.record);
  const query = options.redirect ? `?redirect=${encodeURIComponent(options.redirect)}` : '';
  const start = await inject({ method: 'GET', url: `/api/auth/cas/login${query}` });
  expectStatus(start, 302, 'cas login');
  const casLogin = new URL(String(start.headers.location));
  const service = casLogin.searchParams.get('service')!;
  const submitted = await inject({
    method: 'POST',
    url: `${casLogin.pathname}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ username, password: options.password ?? DEMO_PASSWORD, service }).payload,
  });
  expectStatus(submitted, 302, 'cas form');
  const callbackUrl = String(submitted.headers.location);
  const callback = await inject({ method: 'GET', url: localPath(callbackUrl) });
  expectStatus(callback, 302, 'cas callback');
  return { location: String(callback.headers.location), callbackUrl };
}

/** H5 + OIDC up to the callback (authorization request → the provider's form → our callback). */
export async function oidcBrowserLogin(
  t: TestApp,
  username: string,
  options: { redirect?: string; record?: Recorder } = {},
): Promise<{ location: string; callbackUrl: string }> {
  const inject = injector(t, options.record);
  const query = options.redirect ? `?redirect=${encodeURIComponent(options.redirect)}` : '';
  const start = await inject({ method: 'GET', url: `/api/auth/oidc/login${query}` });
  expectStatus(start, 302, 'oidc login');
  const authorize = new URL(String(start.headers.location));
  const fields = Object.fromEntries(authorize.searchParams.entries());
  const submitted = await inject({
    method: 'POST',
    url: authorize.pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, username, password: DEMO_PASSWORD }).payload,
  });
  expectStatus(submitted, 302, 'oidc form');
  const callbackUrl = String(submitted.headers.location);
  const callback = await inject({ method: 'GET', url: localPath(callbackUrl) });
  expectStatus(callback, 302, 'oidc callback');
  return { location: String(callback.headers.location), callbackUrl };
}

export function handoffOf(location: string): string {
  const code = new URL(location, 'http://x').searchParams.get('handoff');
  if (!code) throw new Error(`no handoff code in ${location}`);
  return code;
}

export async function exchange(t: TestApp, location: string, record?: Recorder): Promise<LoginResult> {
  const response = await injector(t, record)({ method: 'POST', url: '/api/auth/exchange', payload: { code: handoffOf(location) } });
  expectStatus(response, 200, 'exchange');
  return response.json<LoginResult>();
}

/** What `wx.login` gives the mini-program for this person (or for a WeChat user nobody bound). */
export async function wechatCode(t: TestApp, who: { number: string } | { unknown: true }, record?: Recorder): Promise<string> {
  const response = await injector(t, record)({ method: 'POST', url: '/mock/wechat/__test/login-code', payload: who });
  expectStatus(response, 200, 'wechat login-code');
  return response.json<{ code: string }>().code;
}

/** What `dd.getAuthCode` gives the mini-program. */
export async function dingtalkCode(
  t: TestApp,
  who: { number: string; withoutJobNumber?: boolean } | { unknown: true },
  record?: Recorder,
): Promise<string> {
  const response = await injector(t, record)({ method: 'POST', url: '/mock/dingtalk/__test/auth-code', payload: who });
  expectStatus(response, 200, 'dingtalk auth-code');
  return response.json<{ code: string }>().code;
}

export async function platformLogin(
  t: TestApp,
  provider: 'wechat' | 'dingtalk',
  code: string,
  record?: Recorder,
): Promise<LightMyRequestResponse & { result: PlatformLoginResult }> {
  const response = await injector(t, record)({
    method: 'POST',
    url: `/api/auth/${provider}`,
    payload: provider === 'wechat' ? { code } : { authCode: code },
  });
  return Object.assign(response, { result: response.json<PlatformLoginResult>() });
}

/** The code the SMS stand-in "delivered" to this phone most recently. */
export async function smsOutbox(t: TestApp, mobile: string): Promise<string | undefined> {
  const response = await t.app.inject({ method: 'GET', url: `/mock/sms/__test/outbox?phone=${mobile}` });
  const messages = response.json<{ messages: { params: { code?: string } }[] }>().messages;
  return messages[0]?.params.code;
}
