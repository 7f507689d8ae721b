import type { Platform } from '@contract/roles'

/** What the host gives the server to find out who is using the mini-program, without a password. */
export type HostCredential =
  | { provider: 'wechat'; code: string } // wx.login
  | { provider: 'dingtalk'; authCode: string } // dd.getAuthCode (免登)

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
}
