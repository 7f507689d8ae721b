/**
 * Boots the generic micro-app runner in the built WeChat and DingTalk bundles: the 报修
 * definition's form renders from the server's definition (no eval, no window on the way), a
 * request's detail renders its timeline, and the to-do tab its list, all with small setData
 * payloads. The runner lives in the `packages/microapp` subpackage.
 */
import { repairResponse, requestDetail } from '../../src/packages/microapp/__tests__/fixtures'
import type { TaskBoxCounts, TaskBoxPage } from '../../types/microapp'
import { MiniHost, assertBuilt, distDirOf, type HostRequest, type HostResponse, type MiniPlatform } from './mini-host'

const MAX_SETDATA_BYTES = 50 * 1024
const API = 'http://localhost:8080'

// the same 报修 definition response and request the component tests use
const definition = { ...repairResponse, version: 1, definition: { ...repairResponse.definition, version: 1 } }
const detail = requestDetail({
  timeline: [
    { id: 't-1', action: 'submit', actor: { id: 'u-1001', name: '李同学' }, nodeName: '提交报修', at: '2026-12-04T01:00:00.000Z' },
    { id: 't-2', action: 'urge', actor: { id: 'u-1001', name: '李同学' }, comment: '水一直在流', at: '2026-12-04T02:00:00.000Z' },
  ],
})

const counts: TaskBoxCounts = { todo: 2, done: 0, mine: 1, cc: 0, mineOpen: 1, ccUnread: 0 }
const todoBox: TaskBoxPage = {
  items: [1, 2].map((n) => ({
    requestId: `r-${n}`,
    appKey: 'repair',
    appName: '公寓报修',
    title: `网络 / 无线网 · 7号楼 30${n}`,
    status: 'running' as const,
    applicant: { id: `u-${n}`, name: `学生${n}` },
    currentNodeNames: ['调度派单'],
    task: {
      id: `task-${n}`,
      requestId: `r-${n}`,
      nodeId: 'dispatch',
      nodeName: '调度派单',
      nodeType: 'task' as const,
      assignee: { id: 'd-1', name: '刘志强' },
      status: 'open' as const,
      createdAt: '2026-12-04T01:00:00.000Z',
      overdue: false,
    },
    createdAt: '2026-12-04T01:00:00.000Z',
    updatedAt: '2026-12-04T01:00:00.000Z',
  })),
}

function campusServer(request: HostRequest): HostResponse {
  const url = request.url
  if (request.method === 'GET' && url === `${API}/api/microapps/repair`) return { statusCode: 200, data: definition }
  if (request.method === 'GET' && url === `${API}/api/workflow/requests/r-1`) return { statusCode: 200, data: detail }
  if (request.method === 'GET' && url === `${API}/api/workflow/counts`) return { statusCode: 200, data: counts }
  if (request.method === 'GET' && url.startsWith(`${API}/api/workflow/tasks?`)) {
    return { statusCode: 200, data: url.includes('box=todo') ? todoBox : { items: [] } }
  }
  return { statusCode: 404, data: { code: 'NOT_FOUND', message: '接口不存在' } }
}

const hosts: MiniHost[] = []
afterEach(() => hosts.splice(0).forEach((host) => host.dispose()))

function signedInHost(platform: MiniPlatform) {
  const host = new MiniHost(platform, distDirOf(platform), campusServer)
  hosts.push(host)
  host.signIn({ id: 'u-1', number: '2021110101', name: '李同学', kind: 'student', roles: ['student'], bindings: [] })
  return host
}

function largestSetData(calls: Array<{ size: number }>): number {
  return Math.max(...calls.map((call) => call.size))
}

describe.each<MiniPlatform>(['weapp', 'dd'])('%s bundle', (platform) => {
  beforeAll(() => assertBuilt(platform))

  test('the runner renders the 报修 form from its definition', async () => {
    const host = signedInHost(platform)
    host.launch({ path: 'packages/microapp/pages/index/index', query: { key: 'repair' } })
    const page = await host.openPage('packages/microapp/pages/index/index', { key: 'repair', name: '公寓报修' })
    await host.settle()

    expect(host.errors).toEqual([])
    expect(host.requests.map((request) => request.url)).toEqual([`${API}/api/microapps/repair`])
    const text = page.renderedText()
    for (const expected of ['报修信息', '报修类别', '报修地点', '7号楼 301', '问题描述', '现场照片', '联系电话', '紧急情况', '提交报修']) {
      expect(text).toContain(expected)
    }
    // the dispatcher's and worker's fields belong to later steps
    expect(text).not.toContain('维修人员')
    const largest = largestSetData(page.setDataCalls)
    console.log(`${platform} micro-app runner (报修): ${page.setDataCalls.length} setData call(s), largest ${(largest / 1024).toFixed(1)} KB`)
    expect(largest).toBeLessThan(MAX_SETDATA_BYTES)
  })

  test('a request detail renders its fields, current node and timeline', async () => {
    const host = signedInHost(platform)
    host.launch({ path: 'packages/microapp/pages/detail/index', query: { id: 'r-1' } })
    const page = await host.openPage('packages/microapp/pages/detail/index', { id: 'r-1' })
    await host.settle()

    expect(host.errors).toEqual([])
    const text = page.renderedText()
    for (const expected of ['水电 / 水龙头', '调度派单', '刘志强', '流程记录', '提交申请', '催办', '水一直在流', '撤回']) {
      expect(text).toContain(expected)
    }
    const largest = largestSetData(page.setDataCalls)
    console.log(`${platform} request detail: largest setData ${(largest / 1024).toFixed(1)} KB`)
    expect(largest).toBeLessThan(MAX_SETDATA_BYTES)
  })

  test('the to-do tab lists open tasks with their counts', async () => {
    const host = signedInHost(platform)
    host.launch({ path: 'pages/todo/index' })
    const page = await host.openPage('pages/todo/index')
    await host.settle()

    expect(host.errors).toEqual([])
    const text = page.renderedText()
    for (const expected of ['待办', '已办', '我发起的', '抄送我的', '网络 / 无线网 · 7号楼 301', '待你处理：调度派单']) expect(text).toContain(expected)
    const largest = largestSetData(page.setDataCalls)
    console.log(`${platform} to-do center: largest setData ${(largest / 1024).toFixed(1)} KB`)
    expect(largest).toBeLessThan(MAX_SETDATA_BYTES)
  })
})
