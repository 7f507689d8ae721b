/**
 * The challenge page on H5 (view-only): someone who has not joined gets the consent dialog; only
 * an explicit yes sends the join, and nothing is synced from a browser.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { ChallengeDetail, History, Leaderboard } from '@contract/walk'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResult } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp, type StubRequest } from '../../../../tests/setup/http-stub'
import { taroTestHarness } from '../../../../tests/setup/taro-test-harness'
import WalkChallengePage from '../pages/challenge/index'

// uCharts ships ESM only, and jsdom has no 2d canvas anyway (the chart falls back to plain bars)
jest.mock('@qiun/ucharts', () => ({ __esModule: true, default: jest.fn() }))

const notJoined: ChallengeDetail = {
  challenge: {
    id: 'demo-walk',
    name: '秋冬季教职工健步走',
    startDate: '2027-01-20',
    endDate: '2027-02-18',
    status: 'running',
    scope: 'all',
    departments: [],
    teamMode: 'department',
    groups: [],
    dailyGoal: 10000,
    dailyCap: 20000,
    joinMode: 'opt_in',
    participants: 33,
    joined: false,
    consented: false,
    left: false,
  },
  me: null,
}
const joined: ChallengeDetail = {
  challenge: { ...notJoined.challenge, joined: true, consented: true, left: false, participants: 34 },
  me: { today: '2027-02-08', todaySteps: 0, todayCounted: 0, goalProgress: 0, total: 0, rank: null, gapToNext: null, daysAtGoal: 0, daysElapsed: 20, goalShare: 0, streak: 0, lastSyncedAt: null },
}
const emptyBoard: Leaderboard = { period: 'today', board: 'people', sort: 'average', from: '2027-02-08', people: [], departments: [], me: null }
const history: History = { days: [{ day: '2027-02-08', steps: 0 }], goal: 10000 }

async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 30))
  })
}

let requests: StubRequest[]
let consented = false
let hasLeft = false
beforeEach(() => {
  consented = false
  hasLeft = false
  useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-walk' }))
  taroTestHarness.setRouterParams({ id: 'demo-walk' })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  // no Taro page is mounted under jsdom: the chart's canvas query finds nothing, as on a host without canvas
  const query = { select: () => query, fields: () => query, boundingClientRect: () => query, exec: (callback: (result: unknown[]) => void) => setTimeout(() => callback([]), 0) }
  jest.spyOn(Taro, 'createSelectorQuery').mockReturnValue(query as unknown as Taro.SelectorQuery)
  requests = stubHttp((request) => {
    if (request.url === '/api/walk/challenges/demo-walk/participation') {
      consented = true
      return reply.json(200, joined)
    }
    if (request.url === '/api/walk/challenges/demo-walk') return reply.json(200, consented ? joined : hasLeft ? { ...notJoined, challenge: { ...notJoined.challenge, left: true } } : notJoined)
    if (request.url.startsWith('/api/walk/challenges/demo-walk/leaderboard')) return reply.json(200, emptyBoard)
    if (request.url.startsWith('/api/walk/me/history')) return reply.json(200, history)
    return reply.json(404, { code: 'NOT_FOUND', message: '不存在' })
  }).requests
})

afterEach(async () => {
  await settle()
  restoreHttp()
  taroTestHarness.reset()
  jest.restoreAllMocks()
})

test('asks for consent; declining sends nothing, agreeing joins with consent: true', async () => {
  render(<WalkChallengePage />)
  expect(await screen.findByText('使用步数数据')).toBeInTheDocument()
  expect(screen.getByText(/退出后你的步数数据会被删除/)).toBeInTheDocument()
  expect(screen.getByText(/网页版仅供查看/)).toBeInTheDocument()

  fireEvent.click(screen.getByText('暂不参加'))
  await settle()
  expect(requests.filter((request) => request.method === 'POST')).toEqual([])
  expect(screen.getByText('你还没有参加本次活动')).toBeInTheDocument()

  fireEvent.click(screen.getByText('参加活动'))
  fireEvent.click(await screen.findByText('同意并参加'))
  await waitFor(() => expect(screen.getByText('今日步数')).toBeInTheDocument())
  const posts = requests.filter((request) => request.method === 'POST')
  expect(posts.map((request) => [request.url, request.body])).toEqual([['/api/walk/challenges/demo-walk/participation', { consent: true }]])
  // a browser views only: no sync request
  expect(requests.some((request) => request.url.includes('/sync/'))).toBe(false)
})

test('someone who left is not asked again on opening; 重新参加 asks, then joins', async () => {
  hasLeft = true
  render(<WalkChallengePage />)
  expect(await screen.findByText('你已退出本次活动')).toBeInTheDocument()
  await settle()
  expect(screen.queryByText('同意并参加')).toBeNull()
  fireEvent.click(screen.getByText('重新参加'))
  fireEvent.click(await screen.findByText('同意并参加'))
  await waitFor(() => expect(screen.getByText('今日步数')).toBeInTheDocument())
  expect(requests.filter((request) => request.method === 'POST').map((request) => request.url)).toEqual(['/api/walk/challenges/demo-walk/participation'])
})
