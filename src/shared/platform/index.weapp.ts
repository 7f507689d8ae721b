import Taro from '@tarojs/taro'
import type { PlatformAdapter, WeRunData } from './platform-adapter'
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
  getWeRunData,
}

/** The order WeChat needs: a live session (the data is encrypted with its key), the scope, the data. */
async function getWeRunData(): Promise<WeRunData> {
  try {
    await Taro.checkSession()
  } catch {
    return { status: 'session_expired' }
  }
  const { authSetting } = await Taro.getSetting()
  // false: refused before; WeChat will not ask again, only the settings page can change it
  if (authSetting['scope.werun'] === false) return { status: 'denied' }
  if (authSetting['scope.werun'] !== true) {
    try {
      await Taro.authorize({ scope: 'scope.werun' })
    } catch {
      return { status: 'denied' }
    }
  }
  try {
    const { encryptedData, iv } = await Taro.getWeRunData()
    return encryptedData && iv ? { status: 'ok', encryptedData, iv } : { status: 'denied' }
  } catch {
    return { status: 'denied' }
  }
}
