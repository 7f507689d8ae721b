import type { PlatformAdapter } from './platform-adapter'
import { openInWebview } from './open-in-webview'

export type { PlatformAdapter }

/** DingTalk's own API object; Taro's dd build only wraps the Alipay-compatible part of it. */
declare const dd: {
  getAuthCode(options: {
    corpId?: string
    success(result: { authCode: string }): void
    fail(error: { errorMessage?: string; error?: number }): void
  }): void
}

export const platformAdapter: PlatformAdapter = {
  platform: 'dd',
  openLink: openInWebview,
  getLoginCode() {
    return new Promise((resolve, reject) => {
      dd.getAuthCode({
        success: ({ authCode }) => resolve(authCode || null),
        fail: (error) => reject(new Error(error.errorMessage ?? `dd.getAuthCode failed (${error.error ?? 'unknown'})`)),
      })
    })
  },
}
