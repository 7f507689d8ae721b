import type { Binding } from '@contract/auth'
import { http, refreshSession } from '../http/http-client'
import { redirectToLogin } from '../navigation/redirect-to-login'
import { getUsableSession, isAccessTokenFresh, useSessionStore } from '../session/session-store'
import { deleteBinding } from './me'
import { pauseSilentLogin } from './silent-login-pause'

function leaveForLogin(): void {
  pauseSilentLogin()
  useSessionStore.getState().signOut()
  redirectToLogin()
}

/**
 * Tells the server to end the session, then forgets it locally whatever the server said: a user
 * who taps 退出登录 offline must still end up logged out.
 */
export async function logout(): Promise<void> {
  try {
    // The server finds the session by its access token; an expired one would leave the refresh
    // token alive on the server until it expires.
    const session = getUsableSession()
    if (session && !isAccessTokenFresh(session)) await refreshSession()
    await http.post<void>('/api/auth/logout', undefined, { skipAuthRedirect: true })
  } catch {
    // The session ends on its own; there is nothing useful to tell the user here.
  }
  leaveForLogin()
}

/**
 * Unbinding WeChat / DingTalk ends every session of the user on the server (a lost phone must stop
 * working), this one included. Rejects, and stays signed in, when the server refused.
 */
export async function unbind(provider: Binding['provider']): Promise<void> {
  await deleteBinding(provider)
  leaveForLogin()
}
