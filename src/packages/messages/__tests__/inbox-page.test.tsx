import '@testing-library/jest-dom'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Message } from '@contract/microapp'
import { useSessionStore } from '@/shared/session/session-store'
import { dayjs } from '@/shared/time/dayjs'
import { loginResult } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp, type StubReply, type StubRequest } from '../../../../tests/setup/http-stub'
import { taroTestHarness } from '../../../../tests/setup/taro-test-harness'
import { messageTime } from '../message-time'
import InboxPage from '../pages/index'

const message = (n: number, overrides: Partial<Message> = {}): Message => ({
  id: `m-${n}`,
  title: `通知 ${n}`,
  body: `第 ${n} 条消息的正文`,
  read: false,
  createdAt: dayjs().subtract(n, 'hour').toISOString(),
  ...overrides,
})

let navigateTo: jest.SpyInstance
let switchTab: jest.SpyInstance

beforeEach(() => {
  useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-inbox' }))
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'stopPullDownRefresh').mockImplementation(() => undefined)
})

afterEach(async () => {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20))
  })
  restoreHttp()
})

function serve(routes: Record<string, (request: StubRequest) => StubReply>) {
  return stubHttp((request) => routes[`${request.method} ${request.url}`]?.(request) ?? reply.json(404, { code: 'NOT_FOUND', message: '接口不存在' }))
}

test('lists messages with unread dots; tapping one marks it read and opens its link', async () => {
  const { requests } = serve({
    'GET /api/messages': () =>
      reply.json(200, { items: [message(1, { link: '/packages/microapp/pages/detail/index?id=r-1' }), message(2), message(3, { read: true })], unread: 2 }),
    'POST /api/messages/m-1/read': () => reply.json(200, { ok: true }),
  })
  const { container } = render(<InboxPage />)
  await screen.findByText('通知 1')
  expect(container.querySelectorAll('.inbox-item__dot')).toHaveLength(2)
  expect(screen.getByText('2 条未读')).toBeInTheDocument()
  expect(screen.getByText('没有更早的消息了')).toBeInTheDocument()

  fireEvent.click(container.querySelector('.inbox-item')!)
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/microapp/pages/detail/index?id=r-1' })
  await waitFor(() => expect(requests.map((r) => `${r.method} ${r.url}`)).toContain('POST /api/messages/m-1/read'))
  expect(container.querySelectorAll('.inbox-item__dot')).toHaveLength(1)
  expect(screen.getByText('1 条未读')).toBeInTheDocument()
})

test('a link to a tab page switches tabs (navigateTo refuses tab pages)', async () => {
  serve({
    'GET /api/messages': () => reply.json(200, { items: [message(1, { link: '/pages/todo/index' })], unread: 1 }),
    'POST /api/messages/m-1/read': () => reply.json(200, { ok: true }),
  })
  const { container } = render(<InboxPage />)
  await screen.findByText('通知 1')
  fireEvent.click(container.querySelector('.inbox-item')!)
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/todo/index' })
  expect(navigateTo).not.toHaveBeenCalled()
})

test('全部已读 clears every dot; when the server refuses, the dots come back with the error', async () => {
  let refuse = true
  serve({
    'GET /api/messages': () => reply.json(200, { items: [message(1), message(2)], unread: 2 }),
    'POST /api/messages/read-all': () => (refuse ? reply.json(503, { code: 'UNAVAILABLE', message: '服务暂时不可用' }) : reply.json(200, { ok: true, read: 2 })),
  })
  const { container } = render(<InboxPage />)
  await screen.findByText('通知 1')
  fireEvent.click(screen.getByText('全部已读'))
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalled())
  await waitFor(() => expect(container.querySelectorAll('.inbox-item__dot')).toHaveLength(2))
  refuse = false
  fireEvent.click(screen.getByText('全部已读'))
  await waitFor(() => expect(container.querySelectorAll('.inbox-item__dot')).toHaveLength(0))
  expect(container.querySelector('.inbox-bar__count')).toHaveTextContent('全部已读')
})

test('scrolling to the bottom loads the next page once; pull-to-refresh starts over', async () => {
  const { requests } = serve({
    'GET /api/messages': (request) =>
      (request.params as { cursor?: string } | undefined)?.cursor === 'c-2'
        ? reply.json(200, { items: [message(21)], unread: 3 })
        : reply.json(200, { items: [message(1), message(2)], unread: 3, nextCursor: 'c-2' }),
  })
  render(<InboxPage />)
  await screen.findByText('上拉加载更多')
  await act(() => taroTestHarness.triggerReachBottom())
  await screen.findByText('通知 21')
  expect(screen.getByText('没有更早的消息了')).toBeInTheDocument()
  await act(() => taroTestHarness.triggerPullDownRefresh())
  await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled())
  expect(screen.queryByText('通知 21')).toBeNull()
  expect(requests.filter((r) => r.url === '/api/messages')).toHaveLength(3)
})

test('an empty inbox says what would be there; a failed load offers a retry', async () => {
  let fail = true
  serve({ 'GET /api/messages': () => (fail ? reply.network() : reply.json(200, { items: [], unread: 0 })) })
  render(<InboxPage />)
  const retry = await screen.findByText('重试')
  fail = false
  fireEvent.click(retry)
  await screen.findByText('暂无消息')
  expect(screen.getByText(/审批进度、待办提醒、预警/)).toBeInTheDocument()
})

test('message times read at a glance', () => {
  const now = dayjs('2026-12-04T10:00:00+08:00')
  expect(messageTime(now.subtract(20, 'second').toISOString(), now)).toBe('刚刚')
  expect(messageTime(now.subtract(5, 'minute').toISOString(), now)).toBe('5分钟前')
  expect(messageTime(now.subtract(2, 'hour').toISOString(), now)).toBe(`今天 ${now.subtract(2, 'hour').format('HH:mm')}`)
  expect(messageTime(now.subtract(1, 'day').toISOString(), now)).toBe(`昨天 ${now.format('HH:mm')}`)
  expect(messageTime(now.subtract(3, 'day').toISOString(), now)).toBe(now.subtract(3, 'day').format('M月D日 HH:mm'))
  expect(messageTime('2025-06-03T08:00:00+08:00', now)).toBe('2025年6月3日')
})
