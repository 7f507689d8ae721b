import Taro from '@tarojs/taro'
import type { PlatformAdapter } from './platform-adapter'
import { openInWebview } from './open-in-webview'

export type { PlatformAdapter }

export const platformAdapter: PlatformAdapter = {
  platform: 'weapp',
  openLink: openInWebview,
  async getLoginCode() {
    const { code } = await Taro.login()
    return code || null
  },
}
