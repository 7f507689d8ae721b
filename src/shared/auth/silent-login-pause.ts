import { useSessionStore } from '../session/session-store'

// After 退出登录, 解除绑定 or a session the server ended (revoked, reused refresh token) the
// user belongs on the login page: logging them straight back in with the WeChat / DingTalk
// identity would undo it, and would race the trip to the login page. The login page's 一键登录
// button still works; signing in by any way ends the pause.
let paused = false
useSessionStore.subscribe((state) => {
  if (state.session) paused = false
})

export function pauseSilentLogin(): void {
  paused = true
}

export function isSilentLoginPaused(): boolean {
  return paused
}
