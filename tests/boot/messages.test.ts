/**
 * The inbox subpackage boots in the built WeChat and DingTalk bundles: the message list renders
 * from the API's answer in small setData payloads, and nothing is thrown or logged through
 * console.error. (Taps are covered by the client tests and the H5 browser test.)
 */
import type { LoginResult } from '../../types/auth'
import type { MessagePage } from '../../types/microapp'
import { MiniHost, assertBuilt, distDirOf, type HostRequest, type HostResponse, type MiniPlatform } from './mini-host'

const MAX_SETDATA_BYTES = 50 * 1024

const user: LoginResult['user'] = { id: 'u-2001', number: '200001', name: '王辅导员', kind: 'staff', roles: ['counselor'], college: '计算机学院', bindings: [] }

const inbox: MessagePage = {
  items: Array.from({ length: 20 }, (_, n) => ({
    id: `m-${n}`,
    title: n === 0 ? '学业预警 · 橙色' : `待办：请假申请 ${n}`,
    body: n === 0 ? '计算机2301班 陈同学 不及格 12 学分，请及时关注' : `学生${n} 提交了事假 2 天，等待你审批`,
    link: n === 0 ? '/packages/portrait/pages/counselor/index' : `/packages/microapp/pages/detail/index?id=r-${n}`,
    read: n > 3,
    createdAt: new Date(Date.now() - n * 3_600_000).toISOString(),
  })),
  unread: 4,
  nextCursor: 'c-20',
}

function server(request: HostRequest): HostResponse {
  if (request.method === 'GET' && request.url === 'http://localhost:8080/api/messages') return { statusCode: 200, data: inbox }
  return { statusCode: 404, data: { code: 'NOT_FOUND', message: '接口不存在' } }
}

const hosts: MiniHost[] = []
afterEach(() => hosts.splice(0).forEach((host) => host.dispose()))

describe.each<MiniPlatform>(['weapp', 'dd'])('%s inbox subpackage', (platform) => {
  beforeAll(() => assertBuilt(platform))

  test('renders the inbox with its unread count', async () => {
    const host = new MiniHost(platform, distDirOf(platform), server)
    hosts.push(host)
    host.signIn(user)
    host.launch({ path: 'packages/messages/pages/index/index' })
    const page = await host.openPage('packages/messages/pages/index/index')
    await host.settle()

    expect(host.errors).toEqual([])
    expect(host.requests.map((request) => request.url)).toEqual(['http://localhost:8080/api/messages'])
    const text = page.renderedText()
    for (const expected of ['4 条未读', '全部已读', '学业预警 · 橙色', '待办：请假申请 19', '上拉加载更多']) expect(text).toContain(expected)
    const largest = Math.max(...page.setDataCalls.map((call) => call.size))
    console.log(`${platform} inbox: ${page.setDataCalls.length} setData call(s), largest ${(largest / 1024).toFixed(1)} KB`)
    expect(largest).toBeLessThan(MAX_SETDATA_BYTES)
  })
})
