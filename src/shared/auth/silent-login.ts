import Taro from '@tarojs/taro'
import { ApiError } from '../http/api-error'
import { showErrorToast } from '../http/show-error-toast'
import { redirectToLogin } from '../navigation/redirect-to-login'
import { ROUTES, withQuery } from '../navigation/routes'
import { platformAdapter } from '@/shared/platform'
import { useSessionStore } from '../session/session-store'
import { hostLogin } from './login'
import { isSilentLoginPaused } from './silent-login-pause'

export type SilentLoginOutcome =
  /** the host identity is bound: the session is stored */
  | 'signed_in'
  /** first use on this host: the app has been sent to the binding page */
  | 'needs_binding'
  /** this platform (a browser) has no host identity */
  | 'unavailable'

let running: Promise<SilentLoginOutcome> | null = null

/**
 * WeChat / DingTalk login without a password: the host's one-time code goes to the server, which
 * knows whether that WeChat / DingTalk identity is bound to someone. Several pages asking at once
 * share one attempt (a login code is single use). Rejects with an ApiError when it fails.
 */
export function silentLogin(): Promise<SilentLoginOutcome> {
  running ??= (async (): Promise<SilentLoginOutcome> => {
    let credential
    try {
      credential = await platformAdapter.getHostCredential()
    } catch {
      // The host refused (no network for it, user cancelled); its own message is often English.
      throw new ApiError('INTERNAL', platformAdapter.hostLogin === 'dingtalk' ? '钉钉免登失败，请重试' : '微信登录失败，请重试')
    }
    if (!credential) return 'unavailable'
    const result = await hostLogin(credential)
    if (result.status === 'bound') {
      useSessionStore.getState().signIn(result)
      return 'signed_in'
    }
    await Taro.reLaunch({ url: withQuery(ROUTES.bind, { ticket: result.bindTicket, verifyWith: result.verifyWith }) })
    return 'needs_binding'
  })().finally(() => {
    running = null
  })
  return running
}

export { pauseSilentLogin } from './silent-login-pause'

/**
 * What a page that needs a session does without one: mini-programs log in silently (and fall back
 * to the login page when that fails); a browser goes to the login page.
 */
export async function requireSignIn(): Promise<void> {
  if (!platformAdapter.hostLogin || isSilentLoginPaused()) {
    redirectToLogin()
    return
  }
  try {
    if ((await silentLogin()) === 'unavailable') redirectToLogin()
  } catch (error) {
    showErrorToast(error)
    redirectToLogin()
  }
}
