/**
 * Every way in (issue 3). Each is an auth endpoint: a 401 here is an answer to show (wrong
 * password, used code), not a lost session, hence `skipAuthRedirect` on all of them.
 */
import type { LoginBody } from '@contract/api'
import type { LoginResult, PlatformLoginResult, Providers } from '@contract/auth'
import { API_BASE_URL, http } from '../http/http-client'
import { withQuery } from '../navigation/routes'
import type { HostCredential } from '../platform/platform-adapter'

const AUTH = { skipAuthRedirect: true } as const

export type UnifiedProvider = Providers['unified']

/** The built-in directory: 学号 / 工号 and password. */
export function login(body: LoginBody): Promise<LoginResult> {
  return http.post<LoginResult>('/api/auth/login', body, AUTH)
}

/** Which ways in this deployment offers; the login page shows its buttons accordingly. */
export function getProviders(): Promise<Providers> {
  return http.get<Providers>('/api/auth/providers', AUTH)
}

/**
 * Where the browser goes for the school's unified identity (H5 only). The server sends the user
 * on to CAS / the OIDC provider and back to `redirect` with `?handoff=<one-time code>`.
 */
export function unifiedLoginUrl(provider: Exclude<UnifiedProvider, 'password'>, redirect: string): string {
  return withQuery(`${API_BASE_URL}/api/auth/${provider}/login`, { redirect })
}

/** Trades the one-time code from the CAS / OIDC callback redirect for a session. */
export function exchangeHandoff(code: string): Promise<LoginResult> {
  return http.post<LoginResult>('/api/auth/exchange', { code }, AUTH)
}

/** WeChat (wx.login code) or DingTalk (免登 auth code): a session, or a ticket to bind with first. */
export function hostLogin(credential: HostCredential): Promise<PlatformLoginResult> {
  return credential.provider === 'wechat'
    ? http.post<PlatformLoginResult>('/api/auth/wechat', { code: credential.code }, AUTH)
    : http.post<PlatformLoginResult>('/api/auth/dingtalk', { authCode: credential.authCode }, AUTH)
}

/** Proves who the user is once; the WeChat / DingTalk identity in the ticket is then bound to them. */
export function bindAccount(body: { bindTicket: string; username: string; password: string }): Promise<LoginResult> {
  return http.post<LoginResult>('/api/auth/bind', body, AUTH)
}

/** Parents: a 6-digit code by SMS. Resolves with the seconds until another code may be asked for. */
export async function sendSmsCode(mobile: string): Promise<number> {
  const { retryAfter } = await http.post<{ retryAfter: number }>('/api/auth/sms/send', { mobile }, AUTH)
  return retryAfter
}

export function smsLogin(body: { mobile: string; code: string }): Promise<LoginResult> {
  return http.post<LoginResult>('/api/auth/sms/login', body, AUTH)
}
