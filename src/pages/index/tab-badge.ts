import Taro from '@tarojs/taro'
import { getBadges } from '@/shared/catalog/catalog-api'

/** 待办 is the second tab (app.config.ts tabBar.list). */
export const TODO_TAB_INDEX = 1

export const badgeText = (count: number) => (count > 99 ? '99+' : String(count))

/** Puts the number of waiting tasks on the 待办 tab, or clears it. A badge never shows an error. */
export async function refreshTodoBadge(): Promise<number | undefined> {
  try {
    const { todo } = await getBadges()
    if (todo > 0) await Taro.setTabBarBadge({ index: TODO_TAB_INDEX, text: badgeText(todo) })
    else await Taro.removeTabBarBadge({ index: TODO_TAB_INDEX })
    return todo
  } catch {
    return undefined
  }
}
