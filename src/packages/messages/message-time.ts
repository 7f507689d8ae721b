import { dayjs } from '@/shared/time/dayjs'

/** 刚刚 · 5分钟前 · 今天 09:30 · 昨天 21:05 · 12月1日 08:00 · 2025年6月3日: what a glance at a list needs. */
export function messageTime(at: string, now: dayjs.Dayjs = dayjs()): string {
  const time = dayjs(at)
  const minutes = now.diff(time, 'minute')
  if (minutes < 1) return '刚刚'
  if (minutes < 60) return `${minutes}分钟前`
  if (time.isSame(now, 'day')) return `今天 ${time.format('HH:mm')}`
  if (time.isSame(now.subtract(1, 'day'), 'day')) return `昨天 ${time.format('HH:mm')}`
  if (time.isSame(now, 'year')) return time.format('M月D日 HH:mm')
  return time.format('YYYY年M月D日')
}
