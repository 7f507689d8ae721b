import Taro from '@tarojs/taro'
import { http } from '../http/http-client'
import { ROUTES } from '../navigation/routes'
import { useSessionStore } from '../session/session-store'

/**
 * Tells the server to drop the token, then forgets it locally whatever the server said: a user
 * who taps 退出登录 offline must still end up logged out.
 */
export async function logout(): Promise<void> {
  try {
    await http.post<void>('/api/auth/logout', undefined, { skipAuthRedirect: true })
  } catch {
    // The token expires on its own; there is nothing useful to tell the user here.
  }
  useSessionStore.getState().signOut()
  await Taro.reLaunch({ url: ROUTES.login })
}
