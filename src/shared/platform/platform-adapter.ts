import type { Platform } from '@contract/roles'

/** What the host gives the server to find out who is using the mini-program, without a password. */
export type HostCredential =
  | { provider: 'wechat'; code: string } // wx.login
  | { provider: 'dingtalk'; authCode: string } // dd.getAuthCode (免登)

/**
 * `wx.getWeRunData` (WeChat Run, 微信运动): the last 31 days of steps, encrypted for the server,
 * which alone holds the session_key. `session_expired`: `checkSession` failed, log in again first.
 */
export type WeRunData =
  | { status: 'ok'; encryptedData: string; iv: string }
  | { status: 'denied' } // the user refused scope.werun (now or earlier)
  | { status: 'session_expired' }
  | { status: 'unsupported' } // not WeChat

/** What differs between WeChat, DingTalk and the browser, behind one shape. */
export interface PlatformAdapter {
  readonly platform: Platform
  /** The host identity this platform logs in with silently; null in a browser. */
  readonly hostLogin: HostCredential['provider'] | null
  /** Opens an external http(s) page the way this host allows it. */
  openLink(url: string): Promise<void>
  /**
   * A one-time credential the server exchanges for the user's identity on this host (WeChat
   * `wx.login` code, DingTalk 免登 auth code); null where the host has none (H5).
   */
  getHostCredential(): Promise<HostCredential | null>
  /**
   * Leaves the app for the school's unified identity login page (CAS / OIDC), which redirects
   * back with a one-time code. Only a browser can do this; mini-programs reject.
   */
  openAuthRedirect(url: string): Promise<void>
  /** WeChat Run data after the scope.werun authorization (staff walking); `unsupported` elsewhere. */
  getWeRunData(): Promise<WeRunData>
}
