import type { ServiceTile } from '@contract/catalog'
import type { Platform } from '@contract/roles'

const PLATFORM_NAMES: Record<Platform, string> = { dd: '钉钉', weapp: '微信', h5: '网页' }

/**
 * Where a service works when it does not work here ('钉钉', '微信/钉钉'); null when it works here.
 * Search and 全部服务 list such services too, marked, so a user learns where to open them.
 */
export function elsewhereLabel(service: Pick<ServiceTile, 'platforms'>, platform: Platform): string | null {
  if (service.platforms.includes(platform)) return null
  const names = (['dd', 'weapp', 'h5'] as const).filter((p) => service.platforms.includes(p)).map((p) => PLATFORM_NAMES[p])
  return names.length > 0 ? names.join('/') : '暂不可用'
}
