import type { Challenge } from '@contract/walk'

export const STATUS_LABELS: Record<Challenge['status'], string> = { running: '进行中', upcoming: '未开始', ended: '已结束' }

/** 12,345 → "12,345" without Intl (mini-program runtimes may lack locale data) */
export function formatSteps(steps: number): string {
  return String(Math.round(steps)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** "2027-02-01" → "2月1日" */
export function shortDay(day: string): string {
  const [, month, date] = day.split('-')
  return `${Number(month)}月${Number(date)}日`
}

export const dateRange = (challenge: Pick<Challenge, 'startDate' | 'endDate'>) => `${shortDay(challenge.startDate)} – ${shortDay(challenge.endDate)}`

export const CHALLENGE_PAGE = '/packages/walk/pages/challenge/index'
