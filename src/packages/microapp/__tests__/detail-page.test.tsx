import '@testing-library/jest-dom'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { RequestDetail } from '@contract/microapp'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResult } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp, type StubReply, type StubRequest } from '../../../../tests/setup/http-stub'
import { taroTestHarness } from '../../../../tests/setup/taro-test-harness'
import { flush, typeIntoField } from '../../../lowcode/__tests__/render-form'
import RequestDetailPage from '../pages/detail/index'
import { requestDetail } from './fixtures'

beforeEach(() => {
  useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-detail' }))
  taroTestHarness.setRouterParams({ id: 'r-1' })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

afterEach(async () => {
  await flush(20)
  restoreHttp()
  taroTestHarness.reset()
})

function serve(detail: RequestDetail, routes: Record<string, (request: StubRequest) => StubReply> = {}) {
  return stubHttp((request) => {
    const route = routes[`${request.method} ${request.url}`]
    if (route) return route(request)
    if (request.method === 'GET' && request.url === '/api/workflow/requests/r-1') return reply.json(200, detail)
    return reply.json(404, { code: 'NOT_FOUND', message: '接口不存在' })
  })
}

const dispatcherTask: RequestDetail['myTasks'][number] = {
  task: {
    id: 'task-9',
    requestId: 'r-1',
    nodeId: 'dispatch',
    nodeName: '调度派单',
    nodeType: 'task',
    assignee: { id: 'd-1', name: '刘志强' },
    status: 'open',
    createdAt: '2026-12-04T01:00:00.000Z',
    overdue: false,
  },
  actions: ['approve', 'reject', 'transfer', 'comment'],
  form: 'assign',
  rejectTo: [{ id: 'applicant', name: '申请人' }],
}

test('shows the fields, the current node with its people, and every action on the timeline', async () => {
  serve(
    requestDetail({
      timeline: [
        { id: 't-1', action: 'submit', actor: { id: 'u-1001', name: '李同学' }, nodeName: '提交报修', at: '2026-12-04T01:00:00.000Z' },
        { id: 't-2', action: 'urge', actor: { id: 'u-1001', name: '李同学' }, comment: '水一直在流', at: '2026-12-04T02:00:00.000Z' },
        {
          id: 't-3',
          action: 'transfer',
          actor: { id: 'd-1', name: '刘志强' },
          nodeName: '调度派单',
          targets: [{ id: 'd-2', name: '王调度' }],
          at: '2026-12-04T03:00:00.000Z',
        },
      ],
    }),
  )
  const { container } = render(<RequestDetailPage />)
  await screen.findByText('申请内容')
  expect(container.querySelector('.detail__status')).toHaveTextContent('进行中')
  expect(container.querySelector('.detail__current')).toHaveTextContent('当前：调度派单（刘志强）')
  expect(container.querySelector('.lc-view')).toHaveTextContent('水电 / 水龙头')
  expect(container.querySelector('.lc-view')).toHaveTextContent('7号楼 301')
  const entries = container.querySelectorAll('.timeline__entry')
  expect(entries).toHaveLength(3)
  expect(entries[1]).toHaveTextContent('催办')
  expect(entries[1]).toHaveTextContent('水一直在流')
  expect(entries[2]).toHaveTextContent('刘志强转办')
  expect(entries[2]).toHaveTextContent('交给 王调度')
  // the applicant may withdraw and urge, but has no task here
  expect(container.querySelector('.detail-action--withdraw')).toHaveTextContent('撤回')
  expect(container.querySelector('.detail-action--approve')).toBeNull()
})

test('the dispatcher assigns a worker through the node form; the sheet says what will happen', async () => {
  const assigned = requestDetail({
    updatedAt: '2026-12-04T04:00:00.000Z',
    currentNodes: [{ id: 'handle', name: '上门维修', type: 'task', assignees: [{ id: 'p-2', name: '赵德明' }] }],
    myTasks: [],
    actions: [],
  })
  const { requests } = serve(requestDetail({ myTasks: [dispatcherTask], actions: [] }), {
    'POST /api/workflow/tasks/task-9/actions': () => reply.json(200, assigned),
    'GET /api/microapps/people': () => reply.json(200, { people: [{ id: 'p-2', name: '赵德明', department: '后勤保障处' }] }),
  })
  const { container } = render(<RequestDetailPage />)
  await screen.findByText('申请内容')
  fireEvent.click(container.querySelector('.detail-action--approve')!)
  expect(await screen.findByText('确认后，申请将进入下一步。')).toBeInTheDocument()

  // the assign form requires a worker: nothing is sent without one
  act(() => (document.querySelector('.action-confirm') as HTMLElement).click())
  await flush()
  expect(requests.filter((request) => request.method === 'POST')).toHaveLength(0)
  expect(document.querySelector('[data-field="worker"] .lc-field__error')).toHaveTextContent('维修人员不能为空')

  fireEvent.click(document.querySelector('[data-field="worker"] .lc-trigger')!)
  fireEvent.click(await screen.findByText('赵德明'))
  typeIntoField(document, 'dispatchNote', '带上扳手')
  act(() => (document.querySelector('.action-confirm') as HTMLElement).click())
  await waitFor(() => expect(container.querySelector('.detail__current')).toHaveTextContent('上门维修（赵德明）'))
  const post = requests.find((request) => request.method === 'POST')!
  expect(post.body).toEqual({ action: 'approve', values: { worker: { id: 'p-2', name: '赵德明' }, dispatchNote: '带上扳手' } })
})

test('reject needs a reason and names where the request goes back to', async () => {
  const { requests } = serve(requestDetail({ myTasks: [dispatcherTask], actions: [] }), {
    'POST /api/workflow/tasks/task-9/actions': () => reply.json(200, requestDetail({ status: 'returned', currentNodes: [] })),
  })
  const { container } = render(<RequestDetailPage />)
  await screen.findByText('申请内容')
  fireEvent.click(container.querySelector('.detail-action--reject')!)
  expect(await screen.findByText('驳回后，申请将退回到「申请人」。')).toBeInTheDocument()
  act(() => (document.querySelector('.action-confirm') as HTMLElement).click())
  await flush()
  expect(requests.filter((request) => request.method === 'POST')).toHaveLength(0)
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请填写驳回原因' }))

})

test('a task someone else already handled answers 409: the message shows and the page reloads', async () => {
  let loads = 0
  serve(requestDetail({ myTasks: [dispatcherTask], actions: [] }), {
    'GET /api/workflow/requests/r-1': () => {
      loads += 1
      return reply.json(200, requestDetail({ myTasks: loads > 1 ? [] : [dispatcherTask], actions: [] }))
    },
    'POST /api/workflow/tasks/task-9/actions': () => reply.json(409, { code: 'CONFLICT', message: '该任务已被处理' }),
  })
  const { container } = render(<RequestDetailPage />)
  await screen.findByText('申请内容')
  fireEvent.click(container.querySelector('.detail-action--comment')!)
  const comment = document.querySelector('.action-panel__comment taro-textarea-core')!
  act(() => {
    fireEvent(comment, new CustomEvent('input', { detail: { value: '稍等' }, bubbles: true }))
  })
  act(() => (document.querySelector('.action-confirm') as HTMLElement).click())
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该任务已被处理' })))
  await waitFor(() => expect(container.querySelector('.detail-action--comment')).toBeNull())
})

test('a returned request is resubmitted through the start form, prefilled with what was sent', async () => {
  const { requests } = serve(requestDetail({ status: 'returned', currentNodes: [], actions: ['resubmit', 'withdraw', 'comment'] }), {
    'POST /api/workflow/requests/r-1/actions': () => reply.json(200, requestDetail({ updatedAt: '2026-12-04T05:00:00.000Z' })),
  })
  const { container } = render(<RequestDetailPage />)
  await screen.findByText('申请内容')
  expect(container.querySelector('.detail__status')).toHaveTextContent('已退回')
  fireEvent.click(container.querySelector('.detail-action--resubmit')!)
  expect(await screen.findByText('修改后重新提交，流程从头开始。')).toBeInTheDocument()
  expect(document.querySelector('.action-sheet [data-field="description"] taro-textarea-core')).toHaveAttribute('value', '卫生间水龙头一直滴水')
  typeIntoField(document, 'description', '卫生间水龙头一直滴水，晚上声音很大')
  act(() => (document.querySelector('.action-confirm') as HTMLElement).click())
  await waitFor(() => expect(requests.some((request) => request.method === 'POST')).toBe(true))
  const post = requests.find((request) => request.method === 'POST')!
  expect(post.body).toMatchObject({ action: 'resubmit', values: { category: '水电/水龙头', description: '卫生间水龙头一直滴水，晚上声音很大' } })
})

test('urging twice within ten minutes shows the server limit', async () => {
  serve(requestDetail(), {
    'POST /api/workflow/requests/r-1/actions': () => reply.json(429, { code: 'RATE_LIMITED', message: '10 分钟内只能催办一次' }),
  })
  const { container } = render(<RequestDetailPage />)
  await screen.findByText('申请内容')
  fireEvent.click(container.querySelector('.detail-action--urge')!)
  expect(await screen.findByText(/将提醒当前处理人尽快处理/)).toBeInTheDocument()
  act(() => (document.querySelector('.action-confirm') as HTMLElement).click())
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '10 分钟内只能催办一次' })))
})
