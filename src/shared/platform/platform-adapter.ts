import type { Platform } from '@contract/roles'

/** What differs between WeChat, DingTalk and the browser, behind one shape. */
export interface PlatformAdapter {
  readonly platform: Platform
  /** Opens an external http(s) page the way this host allows it. */
  openLink(url: string): Promise<void>
  /**
   * A one-time code the server exchanges for the user's identity on this host (WeChat
   * `wx.login` code, DingTalk 免登 auth code); null where the host has none (H5).
   */
  getLoginCode(): Promise<string | null>
}
