import '@testing-library/jest-dom'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { TaskBox, TaskBoxCounts, TaskBoxItem } from '@contract/microapp'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResult } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp, type StubReply, type StubRequest } from '../../../../tests/setup/http-stub'
import { taroTestHarness } from '../../../../tests/setup/taro-test-harness'
import TodoPage from '../index'

const counts: TaskBoxCounts = { todo: 3, done: 5, mine: 2, cc: 1, mineOpen: 1, ccUnread: 1 }

function item(n: number, overrides: Partial<TaskBoxItem> = {}): TaskBoxItem {
  return {
    requestId: `r-${n}`,
    appKey: 'leave',
    appName: '请假申请',
    title: `学生${n} · 事假 2 天`,
    status: 'running',
    applicant: { id: `u-${n}`, name: `学生${n}` },
    currentNodeNames: ['辅导员审批'],
    task: {
      id: `task-${n}`,
      requestId: `r-${n}`,
      nodeId: 'counselor',
      nodeName: '辅导员审批',
      nodeType: 'approval',
      assignee: { id: 'c-1', name: '王老师' },
      status: 'open',
      createdAt: '2026-12-04T15:00:00.000Z',
      overdue: n === 3,
    },
    createdAt: '2026-12-04T15:00:00.000Z',
    updatedAt: '2026-12-04T15:00:00.000Z',
    ...overrides,
  }
}

let navigateTo: jest.SpyInstance
let showModal: jest.SpyInstance

beforeEach(() => {
  useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-todo' }))
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'ok' })
  jest.spyOn(Taro, 'removeTabBarBadge').mockResolvedValue({ errMsg: 'ok' })
  jest.spyOn(Taro, 'stopPullDownRefresh').mockImplementation(() => undefined)
})

afterEach(async () => {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20))
  })
  restoreHttp()
})

function serve(boxes: Partial<Record<TaskBox, TaskBoxItem[]>>, routes: Record<string, (request: StubRequest) => StubReply> = {}) {
  return stubHttp((request) => {
    const route = routes[`${request.method} ${request.url}`]
    if (route) return route(request)
    if (request.url === '/api/workflow/counts') return reply.json(200, counts)
    if (request.url === '/api/workflow/tasks') return reply.json(200, { items: boxes[(request.params as { box: TaskBox }).box] ?? [] })
    return reply.json(404, { code: 'NOT_FOUND', message: '接口不存在' })
  })
}

test('opens on 待办 with count badges, each task saying where it stands', async () => {
  serve({ todo: [item(1), item(2), item(3)] })
  const { container } = render(<TodoPage />)
  await screen.findByText('学生1 · 事假 2 天')
  expect(container.querySelector('.todo-tab--todo')).toHaveTextContent('3')
  expect(container.querySelector('.todo-tab--mine')).toHaveTextContent('1')
  expect(container.querySelectorAll('.task-card')).toHaveLength(3)
  expect(container.querySelectorAll('.task-card')[0]).toHaveTextContent('待你处理：辅导员审批')
  expect(container.querySelectorAll('.task-card')[2]).toHaveTextContent('已超时')
  expect(Taro.setTabBarBadge).toHaveBeenCalledWith({ index: 1, text: '3' })

  fireEvent.click(container.querySelectorAll('.task-card')[1])
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/microapp/pages/detail/index?id=r-2' })
})

test('each tab loads its own box; an empty box says what would be there', async () => {
  const { requests } = serve({ todo: [item(1)], mine: [item(7, { task: undefined, currentNodeNames: ['上门维修'] })] })
  const { container } = render(<TodoPage />)
  await screen.findByText('学生1 · 事假 2 天')
  fireEvent.click(container.querySelector('.todo-tab--mine')!)
  await screen.findByText('当前：上门维修')
  fireEvent.click(container.querySelector('.todo-tab--cc')!)
  await screen.findByText('暂无抄送')
  const boxes = requests.filter((request) => request.url === '/api/workflow/tasks').map((request) => (request.params as { box: string }).box)
  expect(boxes).toEqual(['todo', 'mine', 'cc'])
})

test('a failed load offers a retry', async () => {
  let fail = true
  serve({}, {
    'GET /api/workflow/tasks': () => (fail ? reply.network() : reply.json(200, { items: [item(1)] })),
  })
  render(<TodoPage />)
  const retry = await screen.findByText('重试')
  fail = false
  fireEvent.click(retry)
  await screen.findByText('学生1 · 事假 2 天')
})

test('pull-to-refresh reloads the box and the badges', async () => {
  const { requests } = serve({ todo: [item(1)] })
  render(<TodoPage />)
  await screen.findByText('学生1 · 事假 2 天')
  const before = requests.length
  await act(() => taroTestHarness.triggerPullDownRefresh())
  await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled())
  expect(requests.slice(before).map((request) => request.url).sort()).toEqual(['/api/workflow/counts', '/api/workflow/tasks'])
})

test('a counselor batch-approves the selected requests after confirming how many', async () => {
  const { requests } = serve({ todo: [item(1), item(2), item(3)] }, {
    'POST /api/workflow/tasks/batch': () =>
      reply.json(200, {
        results: [
          { taskId: 'task-1', ok: true },
          { taskId: 'task-3', ok: false, code: 'CONFLICT', message: '该任务已被处理' },
        ],
      }),
  })
  const { container } = render(<TodoPage />)
  await screen.findByText('学生1 · 事假 2 天')
  fireEvent.click(screen.getByText('批量审批'))
  const cards = container.querySelectorAll('.task-card')
  fireEvent.click(cards[0])
  fireEvent.click(cards[2])
  expect(navigateTo).not.toHaveBeenCalled()
  expect(container.querySelector('.todo-batch-approve')).toHaveTextContent('同意所选（2）')
  act(() => (container.querySelector('.todo-batch-approve') as HTMLElement).click())
  await waitFor(() => expect(requests.some((request) => request.url === '/api/workflow/tasks/batch')).toBe(true))
  expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '将同意所选的 2 项申请，确定吗？' }))
  expect(requests.find((request) => request.url === '/api/workflow/tasks/batch')?.body).toEqual({ taskIds: ['task-1', 'task-3'], action: 'approve' })
  await waitFor(() =>
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已同意 1 项，1 项未成功：该任务已被处理' })),
  )
})

test('nothing is approved when the counselor cancels the confirmation', async () => {
  showModal.mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
  const { requests } = serve({ todo: [item(1), item(2)] })
  const { container } = render(<TodoPage />)
  await screen.findByText('学生1 · 事假 2 天')
  fireEvent.click(screen.getByText('批量审批'))
  fireEvent.click(screen.getByText('全选'))
  act(() => (container.querySelector('.todo-batch-approve') as HTMLElement).click())
  await waitFor(() => expect(showModal).toHaveBeenCalled())
  expect(requests.some((request) => request.method === 'POST')).toBe(false)
})
