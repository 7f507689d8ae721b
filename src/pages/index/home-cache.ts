import Taro from '@tarojs/taro'
import type { Home } from '@contract/catalog'

const PREFIX = 'campus.hall.home.v1'

/** One copy per user and platform: what they saw last, drawn at once on the next start. */
export const homeCacheKey = (userId: string, platform: string) => `${PREFIX}:${userId}:${platform}`

export function readCachedHome(key: string): Home | undefined {
  try {
    const raw: unknown = Taro.getStorageSync(key)
    if (typeof raw !== 'string' || raw === '') return undefined
    const home = JSON.parse(raw) as Partial<Home>
    return Array.isArray(home.categories) && home.firstCategory && Array.isArray(home.favorites) ? (home as Home) : undefined
  } catch {
    return undefined
  }
}

export function writeCachedHome(key: string, home: Home): void {
  try {
    Taro.setStorageSync(key, JSON.stringify(home))
  } catch {
    // storage full or unavailable: the next start just waits for the network
  }
}
