import '@testing-library/jest-dom'
import { render, screen } from '@testing-library/react'
import type { AppStats } from '@contract/microapp'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResult, studentMe } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp } from '../../../../tests/setup/http-stub'
import { taroTestHarness } from '../../../../tests/setup/taro-test-harness'
import { flush } from '../../../lowcode/__tests__/render-form'
import AppStatsPage from '../pages/stats/index'
import { repairResponse } from './fixtures'

const stats: AppStats = {
  open: 5,
  overdue: 2,
  completed: 12,
  averageHoursToComplete: 20.25,
  averageRating: 4.5,
  groups: [
    { field: 'location', value: '北苑1栋', open: 3, overdue: 0 },
    { field: 'location', value: '北苑2栋', open: 2, overdue: 2 },
    { field: 'category', value: '水电 / 水龙头', open: 5, overdue: 2 },
  ],
}

beforeEach(() => {
  useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-stats', user: { ...studentMe, roles: ['dispatcher'] } }))
  taroTestHarness.setRouterParams({ key: 'repair' })
})

afterEach(async () => {
  await flush(20)
  restoreHttp()
  taroTestHarness.reset()
})

test('shows open and overdue requests by building and category, time to complete and satisfaction', async () => {
  stubHttp((request) => {
    if (request.url === '/api/microapps/repair/stats') return reply.json(200, stats)
    if (request.url === '/api/microapps/repair') return reply.json(200, repairResponse)
    return reply.json(404, { code: 'NOT_FOUND', message: '接口不存在' })
  })
  const { container } = render(<AppStatsPage />)
  await screen.findByText('按报修地点')
  expect(screen.getByText('按报修类别')).toBeInTheDocument()
  const figures = [...container.querySelectorAll('.stats-figure')].map((figure) => figure.textContent)
  expect(figures).toEqual(['5处理中', '2已超时', '12已完成', '20.3 小时平均用时', '4.5 星满意度'])
  // the overdue building first
  const rows = [...container.querySelectorAll('.stats-card')[1].querySelectorAll('.stats-row__name')].map((row) => row.textContent)
  expect(rows).toEqual(['北苑2栋', '北苑1栋'])
})

test('someone without the role gets the server refusal with a retry', async () => {
  stubHttp(() => reply.json(403, { code: 'FORBIDDEN', message: '只有报修调度可以查看统计' }))
  render(<AppStatsPage />)
  expect(await screen.findByText('只有报修调度可以查看统计')).toBeInTheDocument()
  expect(screen.getByText('重试')).toBeInTheDocument()
})
