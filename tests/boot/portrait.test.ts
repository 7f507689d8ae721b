/**
 * The portrait subpackage boots in the built WeChat and DingTalk bundles: the student portrait
 * (view-drawn charts, tags) renders from the API's answer with small setData payloads and nothing
 * thrown or logged through console.error.
 */
import type { LoginResult } from '../../types/auth'
import type { StudentPortrait } from '../../types/portrait'
import { MiniHost, assertBuilt, distDirOf, type HostRequest, type HostResponse, type MiniPlatform } from './mini-host'

const SESSION_STORAGE_KEY = 'campus.session.v2'
const MAX_SETDATA_BYTES = 50 * 1024

const user: LoginResult['user'] = { id: 'u-1', number: '2021110101', name: '李同学', kind: 'student', roles: ['student'], college: '计算机学院', bindings: [] }

const portrait: StudentPortrait = {
  student: { id: 'u-1', name: '李同学', number: '2021110101', className: '软件2101班', major: '软件工程', college: '计算机学院' },
  groups: ['summary', 'academic', 'radar', 'tags', 'life', 'warnings'],
  summary: { cumulativeGpa: 3.62, creditsEarned: 78, creditsRequired: 106, rankInMajor: 3, majorSize: 120, majorPercentile: 3, rankInClass: 1, classSize: 30, gpaFormula: 'GPA = Σ(课程绩点 × 学分) ÷ Σ学分' },
  academic: {
    semesters: ['2022-2023-1', '2022-2023-2', '2023-2024-1', '2023-2024-2', '2024-2025-1', '2024-2025-2'].map((semester, index) => ({ semester, gpa: 3.2 + index * 0.08, credits: 14, failedCredits: 0, averageScore: 85 })),
    credits: [
      { category: 'required', earned: 57, required: 77 },
      { category: 'elective', earned: 8, required: 12 },
      { category: 'general', earned: 13, required: 17 },
    ],
    failedCredits: 0,
    failedCourses: [],
    trend: 'up',
    coursePreferences: [],
    attendanceRate: 0.98,
  },
  radar: ['学习能力', '实践能力', '创新能力', '体育健康', '社会服务', '文艺素养'].map((label, index) => ({ key: `d${index}`, label, score: 50 + index * 8, basis: '' })),
  tags: [{ key: 'library_regular', kind: 'dynamic', label: '图书馆常客', why: '最近 90 天借书 7 本（规则：≥ 6 本）。' }],
  life: { breakfastRate: 0.14, breakfastRateEarlier: 0.43, spend30dYuan: 894, cohortMedianSpend30dYuan: 1138, monthlySpend: [], libraryLoans90d: 7, libraryTopCategory: '文学', lastActivityAt: '2026-12-03T14:54:00.000Z' },
  warnings: [],
}

function server(request: HostRequest): HostResponse {
  if (request.method === 'GET' && request.url === 'http://localhost:8080/api/portrait/students/u-1') return { statusCode: 200, data: portrait }
  return { statusCode: 404, data: { code: 'NOT_FOUND', message: '接口不存在' } }
}

const hosts: MiniHost[] = []
afterEach(() => hosts.splice(0).forEach((host) => host.dispose()))

describe.each<MiniPlatform>(['weapp', 'dd'])('%s portrait subpackage', (platform) => {
  beforeAll(() => assertBuilt(platform))

  test('renders the student portrait with its radar and tags', async () => {
    const host = new MiniHost(platform, distDirOf(platform), server)
    hosts.push(host)
    host.storage.set(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 'tok-boot', accessExpiresAt: Date.now() + 600_000, refreshToken: 'ref-boot-0123456789', refreshExpiresAt: Date.now() + 86_400_000, user }),
    )
    host.launch({ path: 'packages/portrait/pages/student/index' })
    const page = await host.openPage('packages/portrait/pages/student/index')
    await host.settle()

    expect(host.errors).toEqual([])
    expect(host.requests.map((request) => request.url)).toEqual(['http://localhost:8080/api/portrait/students/u-1'])
    const text = page.renderedText()
    for (const expected of ['李同学', '3.62', 'GPA 趋势', '学分进度', '能力雷达', '学习能力', '文艺素养', '图书馆常客', '校园生活']) expect(text).toContain(expected)
    const largest = Math.max(...page.setDataCalls.map((call) => call.size))
    console.log(`${platform} student portrait: ${page.setDataCalls.length} setData call(s), largest ${(largest / 1024).toFixed(1)} KB`)
    expect(largest).toBeLessThan(MAX_SETDATA_BYTES)
  })
})
