/**
 * The portrait subpackage boots in the built WeChat and DingTalk bundles: the student portrait
 * (view-drawn charts, tags) renders from the API's answer with small setData payloads and nothing
 * thrown or logged through console.error.
 */
import type { LoginResult } from '../../types/auth'
import { ownPortrait } from '../../src/packages/portrait/__tests__/fixtures'
import { MiniHost, assertBuilt, distDirOf, type HostRequest, type HostResponse, type MiniPlatform } from './mini-host'

const MAX_SETDATA_BYTES = 50 * 1024

const user: LoginResult['user'] = { id: 'u-1001', number: '2021110101', name: '李同学', kind: 'student', roles: ['student'], college: '计算机学院', bindings: [] }

// the client tests' fixture (type-only imports, so it loads here too), with a longer GPA history
const portrait = {
  ...ownPortrait,
  academic: {
    ...ownPortrait.academic!,
    semesters: ['2022-2023-1', '2022-2023-2', '2023-2024-1', '2023-2024-2', '2024-2025-1', '2024-2025-2'].map((semester, index) => ({ semester, gpa: 3.2 + index * 0.08, credits: 14, failedCredits: 0, averageScore: 85 })),
  },
}

function server(request: HostRequest): HostResponse {
  if (request.method === 'GET' && request.url === 'http://localhost:8080/api/portrait/students/u-1001') return { statusCode: 200, data: portrait }
  return { statusCode: 404, data: { code: 'NOT_FOUND', message: '接口不存在' } }
}

const hosts: MiniHost[] = []
afterEach(() => hosts.splice(0).forEach((host) => host.dispose()))

describe.each<MiniPlatform>(['weapp', 'dd'])('%s portrait subpackage', (platform) => {
  beforeAll(() => assertBuilt(platform))

  test('renders the student portrait with its radar and tags', async () => {
    const host = new MiniHost(platform, distDirOf(platform), server)
    hosts.push(host)
    host.signIn(user)
    host.launch({ path: 'packages/portrait/pages/student/index' })
    const page = await host.openPage('packages/portrait/pages/student/index')
    await host.settle()

    expect(host.errors).toEqual([])
    expect(host.requests.map((request) => request.url)).toEqual(['http://localhost:8080/api/portrait/students/u-1001'])
    const text = page.renderedText()
    for (const expected of ['李同学', '3.62', 'GPA 趋势', '学分进度', '能力雷达', '学习能力', '文艺素养', '图书馆常客', '不吃早餐', '校园生活']) expect(text).toContain(expected)
    const largest = Math.max(...page.setDataCalls.map((call) => call.size))
    console.log(`${platform} student portrait: ${page.setDataCalls.length} setData call(s), largest ${(largest / 1024).toFixed(1)} KB`)
    expect(largest).toBeLessThan(MAX_SETDATA_BYTES)
  })
})
