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

/**
 * 免登 codes are issued per organisation: the corpId of the school's DingTalk organisation is
 * baked in at build time (TARO_APP_DD_CORP_ID); the default matches the DingTalk stand-in.
 */
export const DD_CORP_ID = process.env.TARO_APP_DD_CORP_ID || 'ding-demo-corp'

export const platformAdapter: PlatformAdapter = {
  platform: 'dd',
  hostLogin: 'dingtalk',
  openLink: openInWebview,
  getHostCredential() {
    return new Promise((resolve, reject) => {
      dd.getAuthCode({
        corpId: DD_CORP_ID,
        success: ({ authCode }) => resolve(authCode ? { provider: 'dingtalk', authCode } : null),
        fail: (error) => reject(new Error(error.errorMessage ?? `dd.getAuthCode failed (${error.error ?? 'unknown'})`)),
      })
    })
  },
  async getWeRunData() {
    return { status: 'unsupported' }
  },
  async openAuthRedirect() {
    throw new Error('a mini-program cannot leave for a browser login page')
  },
}
