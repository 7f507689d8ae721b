import Taro from '@tarojs/taro'
import { ROUTES, withQuery } from '../navigation/routes'

/**
 * Mini-programs show external pages only inside <web-view>, and only for domains registered in
 * the platform console; when navigation fails the link is copied so the user can still open it.
 */
export async function openInWebview(url: string): Promise<void> {
  try {
    await Taro.navigateTo({ url: withQuery(ROUTES.webview, { url }) })
  } catch {
    await Taro.setClipboardData({ data: url })
    await Taro.showToast({ title: '链接已复制，请在浏览器中打开', icon: 'none' })
  }
}
