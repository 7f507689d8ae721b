import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'

// Set once here so every module that imports dayjs from this file formats in Chinese.
dayjs.locale('zh-cn')

export { dayjs }

export function greetingAt(time: dayjs.Dayjs): string {
  const hour = time.hour()
  if (hour < 5) return '夜深了'
  if (hour < 9) return '早上好'
  if (hour < 12) return '上午好'
  if (hour < 14) return '中午好'
  if (hour < 18) return '下午好'
  return '晚上好'
}

/** e.g. 12月4日 星期四 */
export function formatToday(time: dayjs.Dayjs): string {
  return time.format('M月D日 dddd')
}
