import Taro from '@tarojs/taro'
import type { PlatformAdapter } from './platform-adapter'
import { openInWebview } from './open-in-webview'

export type { PlatformAdapter }

export const platformAdapter: PlatformAdapter = {
  platform: 'weapp',
  hostLogin: 'wechat',
  openLink: openInWebview,
  async getHostCredential() {
    const { code } = await Taro.login()
    return code ? { provider: 'wechat', code } : null
  },
  async openAuthRedirect() {
    throw new Error('a mini-program cannot leave for a browser login page')
  },
}
