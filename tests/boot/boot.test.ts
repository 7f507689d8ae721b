/**
 * Boots the built WeChat and DingTalk bundles in a fake host and checks that they start, render
 * the login page and the service hall, and send small setData payloads, with nothing thrown or
 * logged through console.error on the way.
 */
import type { Catalog, LoginResponse } from '../../types/api'
import { MiniHost, assertBuilt, distDirOf, type HostRequest, type HostResponse, type MiniPlatform } from './mini-host'

const SESSION_STORAGE_KEY = 'campus.session.v1'
const MAX_SETDATA_BYTES = 50 * 1024

const user: LoginResponse['user'] = {
  id: 'u-1',
  number: '2021110101',
  name: '李同学',
  kind: 'student',
  roles: ['student'],
  college: '计算机学院',
}

const ICON_KEYS = ['repair', 'leave', 'walk', 'doc', 'notice', 'card', 'clinic', 'grade', 'course', 'pass', 'map', 'form']

/** A catalog the size of a real school's hall: 4 categories, 24 services. */
const catalog: Catalog = {
  categories: [
    { id: 'life', name: '生活服务', sort: 1 },
    { id: 'study', name: '学习服务', sort: 2 },
    { id: 'office', name: '办公服务', sort: 3 },
    { id: 'more', name: '更多服务', sort: 4 },
  ],
  services: [
    ...Array.from({ length: 22 }, (_, i) => ({
      id: `service-${i}`,
      name: `校园服务${i}`,
      icon: ICON_KEYS[i % ICON_KEYS.length],
      description: '',
      categoryId: ['life', 'study', 'office', 'more'][i % 4],
      department: '信息中心',
      kind: 'microapp' as const,
      target: `service-${i}`,
      status: 'online' as const,
      platforms: ['weapp' as const, 'dd' as const, 'h5' as const],
    })),
    {
      id: 'repair',
      name: '报修',
      icon: 'repair',
      description: '宿舍与教室报修',
      categoryId: 'life',
      department: '后勤处',
      kind: 'microapp',
      target: 'repair',
      status: 'online',
      platforms: ['weapp', 'dd', 'h5'],
    },
    {
      id: 'walk',
      name: '健步走',
      icon: 'walk',
      description: '',
      categoryId: 'life',
      department: '工会',
      kind: 'microapp',
      target: 'walk',
      status: 'online',
      platforms: ['weapp', 'dd'],
    },
  ],
}

function campusServer(request: HostRequest): HostResponse {
  if (request.method === 'GET' && request.url.startsWith('http://localhost:8080/api/services')) {
    return { statusCode: 200, data: catalog }
  }
  return { statusCode: 404, data: { code: 'NOT_FOUND', message: '接口不存在' } }
}

function expectClean(host: MiniHost) {
  expect(host.errors).toEqual([])
}

const hosts: MiniHost[] = []
function bootHost(...args: ConstructorParameters<typeof MiniHost>) {
  const host = new MiniHost(...args)
  hosts.push(host)
  return host
}
afterEach(() => hosts.splice(0).forEach((host) => host.dispose()))

describe.each<MiniPlatform>(['weapp', 'dd'])('%s bundle', (platform) => {
  beforeAll(() => assertBuilt(platform))

  test('launches without a session and sends the visitor to the login page', async () => {
    const host = bootHost(platform, distDirOf(platform))
    host.launch({ path: 'pages/index/index' })
    // the first page's session guard does the redirect once it has mounted
    await host.openPage('pages/index/index')
    await host.settle()

    expectClean(host)
    expect(host.callsTo('reLaunch').map((call) => (call.args[0] as { url: string }).url)).toEqual(['/pages/login/index'])
  })

  test('renders the login page with small setData payloads', async () => {
    const host = bootHost(platform, distDirOf(platform))
    host.launch({ path: 'pages/login/index' })
    const page = await host.openPage('pages/login/index')

    expectClean(host)
    expect(page.setDataCalls.length).toBeGreaterThan(0)
    const text = page.renderedText()
    for (const expected of ['智慧校园', '登录', '学号 / 工号', '密码']) expect(text).toContain(expected)
    // Launching on the login page itself must not bounce anywhere.
    expect(host.callsTo('reLaunch')).toEqual([])

    const largest = Math.max(...page.setDataCalls.map((call) => call.size))
    console.log(`${platform} login page: ${page.setDataCalls.length} setData call(s), largest ${(largest / 1024).toFixed(1)} KB`)
    expect(largest).toBeLessThan(MAX_SETDATA_BYTES)
  })

  test('with a stored session, the service hall loads the catalog through the host request API', async () => {
    const host = bootHost(platform, distDirOf(platform), campusServer)
    const session = { accessToken: 'tok-boot', expiresAt: Date.now() + 3_600_000, user }
    host.storage.set(SESSION_STORAGE_KEY, JSON.stringify(session))
    host.launch({ path: 'pages/index/index' })
    const page = await host.openPage('pages/index/index')
    await host.settle()

    expectClean(host)
    expect(host.callsTo('reLaunch')).toEqual([])
    expect(host.requests).toHaveLength(1)
    const [request] = host.requests
    expect(request.url).toBe(`http://localhost:8080/api/services?platform=${platform}`)
    const header = (name: string) => Object.entries(request.headers).find(([key]) => key.toLowerCase() === name)?.[1]
    expect(header('authorization')).toBe('Bearer tok-boot')
    expect(header('x-client-platform')).toBe(platform)

    const text = page.renderedText()
    for (const expected of ['李同学', '生活服务', '报修', '健步走']) expect(text).toContain(expected)

    const largest = Math.max(...page.setDataCalls.map((call) => call.size))
    console.log(`${platform} service hall: ${page.setDataCalls.length} setData call(s), largest ${(largest / 1024).toFixed(1)} KB`)
    expect(largest).toBeLessThan(MAX_SETDATA_BYTES)
  })

  test('reports the host APIs the bundle looked for but this fake lacks', async () => {
    const host = bootHost(platform, distDirOf(platform))
    host.launch({ path: 'pages/login/index' })
    await host.openPage('pages/login/index')
    // Informational: a new name here means the runtime started probing for something; decide
    // whether the fake should implement it.
    console.log(`${platform} host APIs probed but not faked: ${[...host.missingApis].sort().join(', ') || '(none)'}`)
    expectClean(host)
  })
})
