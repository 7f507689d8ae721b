import Taro from '@tarojs/taro'
import type { Service } from '@contract/api'
import type { Platform } from '@contract/roles'
import { ROUTES, withQuery } from '@/shared/navigation/routes'
import { platformAdapter } from '@/shared/platform'

export type ServiceAction =
  | { type: 'navigate'; url: string }
  | { type: 'open-link'; url: string }
  | { type: 'call'; phoneNumber: string }
  | { type: 'open-mini-program'; appId: string; path?: string }
  | { type: 'notice'; message: string }
  | { type: 'dialog'; title: string; message: string }

const WHERE_TO_OPEN: Record<Platform, string> = {
  dd: '请在钉钉工作台中打开',
  weapp: '请在微信中打开',
  h5: '请在浏览器中打开',
}

/** What tapping a service does on this platform; pure, so every branch is testable. */
export function resolveServiceAction(service: Service, platform: Platform): ServiceAction {
  if (service.status === 'offline') {
    return { type: 'notice', message: service.statusMessage || '该服务已下线' }
  }
  if (!service.platforms.includes(platform)) {
    const elsewhere = (['dd', 'weapp', 'h5'] as const).find((p) => service.platforms.includes(p))
    return { type: 'notice', message: elsewhere ? WHERE_TO_OPEN[elsewhere] : '该服务暂不可用' }
  }
  if (service.status === 'maintenance') {
    return { type: 'dialog', title: '服务维护中', message: service.statusMessage || '服务维护中，请稍后再试' }
  }
  switch (service.kind) {
    case 'microapp':
      // a micro-app built as its own subpackage names its page (e.g. /packages/portrait/…)
      if (service.target.startsWith('/packages/')) return { type: 'navigate', url: service.target }
      return { type: 'navigate', url: withQuery(ROUTES.microapp, { key: service.target, name: service.name }) }
    case 'link':
      return { type: 'open-link', url: service.target }
    case 'phone':
      return { type: 'call', phoneNumber: service.target }
    case 'miniprogram': {
      if (platform !== 'weapp') return { type: 'notice', message: WHERE_TO_OPEN.weapp }
      // target is "<appId>" or "<appId>:<path>"
      const separator = service.target.indexOf(':')
      if (separator < 0) return { type: 'open-mini-program', appId: service.target }
      return {
        type: 'open-mini-program',
        appId: service.target.slice(0, separator),
        path: service.target.slice(separator + 1) || undefined,
      }
    }
  }
}

export async function openService(service: Service): Promise<void> {
  const action = resolveServiceAction(service, platformAdapter.platform)
  switch (action.type) {
    case 'navigate':
      await Taro.navigateTo({ url: action.url })
      return
    case 'open-link':
      await platformAdapter.openLink(action.url)
      return
    case 'call':
      await Taro.makePhoneCall({ phoneNumber: action.phoneNumber })
      return
    case 'open-mini-program':
      await Taro.navigateToMiniProgram({ appId: action.appId, path: action.path })
      return
    case 'notice':
      await Taro.showToast({ title: action.message, icon: 'none', duration: 2000 })
      return
    case 'dialog':
      await Taro.showModal({
        title: action.title,
        content: action.message,
        showCancel: false,
        confirmText: '知道了',
        confirmColor: '#1f6feb',
      })
  }
}
