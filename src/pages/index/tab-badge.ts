import Taro from '@tarojs/taro'
import type { Badges } from '@contract/catalog'
import { getBadges } from '@/shared/catalog/catalog-api'

/** 待办 is the second tab (app.config.ts tabBar.list). */
export const TODO_TAB_INDEX = 1

export const badgeText = (count: number) => (count > 99 ? '99+' : String(count))

/**
 * Puts the number of waiting tasks on the 待办 tab, or clears it, and returns both counts (the
 * home's bell shows the unread messages). A badge never shows an error.
 */
export async function refreshTodoBadge(): Promise<Badges | undefined> {
  let badges: Badges
  try {
    badges = await getBadges()
  } catch {
    return undefined
  }
  try {
    if (badges.todo > 0) await Taro.setTabBarBadge({ index: TODO_TAB_INDEX, text: badgeText(badges.todo) })
    else await Taro.removeTabBarBadge({ index: TODO_TAB_INDEX })
  } catch {
    // a host without tab badges (H5 before its tab bar mounts): the counts are still good
  }
  return badges
}
