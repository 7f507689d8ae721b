/**
 * Boots the built WeChat and DingTalk bundles in a fake host and checks that they start, log in
 * silently with the host's login code (as far as the binding page for a first-time user), render
 * the login page and the service hall, and send small setData payloads, with nothing thrown or
 * logged through console.error on the way.
 */
import type { Catalog } from '../../types/api'
import type { Home, ServiceTile } from '../../types/catalog'
import type { LoginResult, PlatformLoginResult } from '../../types/auth'
import {
  MiniHost,
  SESSION_STORAGE_KEY,
  assertBuilt,
  distDirOf,
  type HostRequest,
  type HostResponse,
  type MiniHostOptions,
  type MiniPlatform,
} from './mini-host'

const MAX_SETDATA_BYTES = 50 * 1024

const user: LoginResult['user'] = {
  id: 'u-1',
  number: '2021110101',
  name: '李同学',
  kind: 'student',
  roles: ['student'],
  college: '计算机学院',
  bindings: [],
}

/** Where each mini-program sends its host login code, and what the fake host's code is. */
const HOST_LOGIN = {
  weapp: { url: 'http://localhost:8080/api/auth/wechat', api: 'login', body: { code: 'fake-wx-login-code' } },
  dd: { url: 'http://localhost:8080/api/auth/dingtalk', api: 'getAuthCode', body: { authCode: 'fake-dd-auth-code' } },
} as const

function loginResult(accessToken: string): LoginResult {
  return { accessToken, expiresIn: 900, refreshToken: `${accessToken}-refresh-0123456789`, refreshExpiresIn: 2_592_000, user }
}

/** Bodies arrive as the JSON string @tarojs/plugin-http's XHR sends. */
function bodyOf(request: HostRequest): unknown {
  return typeof request.data === 'string' ? JSON.parse(request.data) : request.data
}

const headerOf = (request: HostRequest, name: string) =>
  Object.entries(request.headers).find(([key]) => key.toLowerCase() === name)?.[1]

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

const tileOf = ({ description: _d, department: _p, ...tile }: Catalog['services'][number]): ServiceTile => tile
const inLife = catalog.services.filter((service) => service.categoryId === 'life').map(tileOf)

/** The home page data for that catalog, with a full first screen: favorites, recent, hot, notices. */
const home: Home = {
  version: 1,
  categories: catalog.categories.map((category) => ({
    id: category.id,
    name: category.name,
    count: catalog.services.filter((service) => service.categoryId === category.id).length,
  })),
  firstCategory: { services: inLife },
  favorites: catalog.services.slice(0, 8).map(tileOf),
  recent: catalog.services.slice(8, 16).map(tileOf),
  hot: catalog.services.slice(16, 24).map(tileOf),
  notices: [{ id: 'n1', title: '寒假离返校安排', body: '1 月 10 日起可提交离校申请', level: 'info', startsAt: '2026-12-01T00:00:00.000Z' }],
}

const HOME_URL = (platform: MiniPlatform) => `http://localhost:8080/api/home?platform=${platform}`
const BADGES_URL = 'http://localhost:8080/api/me/badges'

/** The campus server: the home data, badges, and for the host login whatever `hostLogin` answers. */
function campusServer(hostLogin?: PlatformLoginResult) {
  return (request: HostRequest): HostResponse => {
    if (request.method === 'GET' && request.url.startsWith('http://localhost:8080/api/home')) {
      return { statusCode: 200, data: home }
    }
    if (request.method === 'GET' && request.url === BADGES_URL) {
      return { statusCode: 200, data: { todo: 3, unreadMessages: 0 } }
    }
    if (request.method === 'POST' && /\/api\/auth\/(wechat|dingtalk)$/.test(request.url) && hostLogin) {
      return { statusCode: 200, data: hostLogin }
    }
    if (request.method === 'POST' && request.url === 'http://localhost:8080/api/auth/refresh') {
      return { statusCode: 200, data: { ...loginResult('tok-refreshed'), user: undefined } }
    }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '接口不存在' } }
  }
}

function expectClean(host: MiniHost) {
  expect(host.errors).toEqual([])
}

const hosts: MiniHost[] = []
function bootHost(
  platform: MiniPlatform,
  respond?: (request: HostRequest) => HostResponse,
  options?: MiniHostOptions,
) {
  const host = new MiniHost(platform, distDirOf(platform), respond, options)
  hosts.push(host)
  return host
}
afterEach(() => hosts.splice(0).forEach((host) => host.dispose()))

describe.each<MiniPlatform>(['weapp', 'dd'])('%s bundle', (platform) => {
  beforeAll(() => assertBuilt(platform))

  test('a first-time user is logged in silently as far as the binding page', async () => {
    const host = bootHost(
      platform,
      campusServer({ status: 'needs_binding', bindTicket: 'bind-ticket-boot-0123456789', verifyWith: 'cas' }),
      { followNavigation: true },
    )
    host.launch({ path: 'pages/index/index' })
    // the first page's session guard starts the silent login once it has mounted
    await host.openPage('pages/index/index')
    await host.settle()

    expectClean(host)
    const hostLogin = HOST_LOGIN[platform]
    expect(host.callsTo(hostLogin.api)).toHaveLength(1)
    if (platform === 'dd') {
      // 免登 codes are per organisation: the build's corpId goes along
      expect(host.callsTo('getAuthCode')[0].args[0]).toMatchObject({ corpId: 'ding-demo-corp' })
    }
    expect(host.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`POST ${hostLogin.url}`])
    expect(bodyOf(host.requests[0])).toEqual(hostLogin.body)
    expect(headerOf(host.requests[0], 'x-client-platform')).toBe(platform)

    expect(host.callsTo('reLaunch').map((call) => (call.args[0] as { url: string }).url)).toEqual([
      '/pages/bind/index?ticket=bind-ticket-boot-0123456789&verifyWith=cas',
    ])
    const page = host.currentPage()
    expect(page?.route).toBe('pages/bind/index')
    const text = page?.renderedText() ?? ''
    for (const expected of ['首次使用请绑定校园身份', '统一身份认证账号', '学号 / 工号', '绑定并登录']) expect(text).toContain(expected)
    // no login page on the way
    expect(host.pagesOpened()).toEqual(['pages/index/index', 'pages/bind/index'])
    expect(host.storage.has(SESSION_STORAGE_KEY)).toBe(false)

    const largest = Math.max(...(page?.setDataCalls ?? []).map((call) => call.size))
    console.log(`${platform} binding page: largest setData ${(largest / 1024).toFixed(1)} KB`)
    expect(largest).toBeLessThan(MAX_SETDATA_BYTES)
  })

  test('a bound user is logged in silently and lands on the service hall, with no login page shown', async () => {
    const host = bootHost(platform, campusServer({ status: 'bound', ...loginResult('tok-silent') }), { followNavigation: true })
    host.launch({ path: 'pages/index/index' })
    const page = await host.openPage('pages/index/index')
    await host.settle()

    expectClean(host)
    expect(host.callsTo('reLaunch')).toEqual([])
    expect(host.pagesOpened()).toEqual(['pages/index/index'])
    const [login, ...after] = host.requests
    expect(login.url).toBe(HOST_LOGIN[platform].url)
    expect(after.map((request) => request.url).sort()).toEqual([BADGES_URL, HOME_URL(platform)].sort())
    for (const request of after) expect(headerOf(request, 'authorization')).toBe('Bearer tok-silent')

    const text = page.renderedText()
    for (const expected of ['李同学', '生活服务', '报修']) expect(text).toContain(expected)
    // the session is kept in the host's storage for the next launch
    expect(JSON.parse(String(host.storage.get(SESSION_STORAGE_KEY)))).toMatchObject({
      accessToken: 'tok-silent',
      refreshToken: 'tok-silent-refresh-0123456789',
    })
  })

  test('when silent login fails, the visitor gets the login page', async () => {
    const host = bootHost(platform)
    host.launch({ path: 'pages/index/index' })
    await host.openPage('pages/index/index')
    await host.settle()

    expectClean(host)
    expect(host.callsTo(HOST_LOGIN[platform].api)).toHaveLength(1)
    expect(host.callsTo('reLaunch').map((call) => (call.args[0] as { url: string }).url)).toEqual(['/pages/login/index'])
  })

  test('renders the login page with small setData payloads', async () => {
    const host = bootHost(platform)
    host.launch({ path: 'pages/login/index' })
    const page = await host.openPage('pages/login/index')

    expectClean(host)
    expect(page.setDataCalls.length).toBeGreaterThan(0)
    const text = page.renderedText()
    // the server (404 here) does not say which providers it has: the password form is the fallback
    for (const expected of ['智慧校园', '登录', '学号 / 工号', '密码', '家长登录']) expect(text).toContain(expected)
    expect(text).toContain(platform === 'weapp' ? '微信一键登录' : '钉钉一键登录')
    // Launching on the login page itself must not bounce anywhere, nor log in by itself.
    expect(host.callsTo('reLaunch')).toEqual([])
    expect(host.callsTo(HOST_LOGIN[platform].api)).toEqual([])

    const largest = Math.max(...page.setDataCalls.map((call) => call.size))
    console.log(`${platform} login page: ${page.setDataCalls.length} setData call(s), largest ${(largest / 1024).toFixed(1)} KB`)
    expect(largest).toBeLessThan(MAX_SETDATA_BYTES)
  })

  test('with a stored session, the service hall loads the home data through the host request API, in small setData pieces', async () => {
    const host = bootHost(platform, campusServer())
    const session = {
      accessToken: 'tok-boot',
      accessExpiresAt: Date.now() + 600_000,
      refreshToken: 'ref-boot-0123456789',
      refreshExpiresAt: Date.now() + 86_400_000,
      user,
    }
    host.storage.set(SESSION_STORAGE_KEY, JSON.stringify(session))
    host.launch({ path: 'pages/index/index' })
    const page = await host.openPage('pages/index/index')
    await host.settle()

    expectClean(host)
    expect(host.callsTo('reLaunch')).toEqual([])
    expect(host.callsTo(HOST_LOGIN[platform].api)).toEqual([])
    expect(host.requests.map((request) => request.url).sort()).toEqual([BADGES_URL, HOME_URL(platform)].sort())
    const request = host.requests.find((candidate) => candidate.url === HOME_URL(platform))!
    expect(headerOf(request, 'authorization')).toBe('Bearer tok-boot')
    expect(headerOf(request, 'x-client-platform')).toBe(platform)

    const text = page.renderedText()
    for (const expected of ['李同学', '寒假离返校安排', '我的收藏', '最近使用', '本周热门', '生活服务', '报修', '健步走']) expect(text).toContain(expected)
    // the 待办 tab shows the waiting tasks
    expect(host.callsTo('setTabBarBadge').map((call) => call.args[0])).toEqual([expect.objectContaining({ index: 1, text: '3' })])
    // the home was cached for the next start
    expect(String(host.storage.get(`campus.hall.home.v1:${user.id}:${platform}`))).toContain('寒假离返校安排')

    const largest = Math.max(...page.setDataCalls.map((call) => call.size))
    console.log(`${platform} service hall: ${page.setDataCalls.length} setData call(s), largest ${(largest / 1024).toFixed(1)} KB`)
    expect(largest).toBeLessThan(MAX_SETDATA_BYTES)
  })

  test('a stored session whose access token expired is renewed before the first request', async () => {
    const host = bootHost(platform, campusServer())
    const session = {
      accessToken: 'tok-stale',
      accessExpiresAt: Date.now() - 60_000,
      refreshToken: 'ref-boot-0123456789',
      refreshExpiresAt: Date.now() + 86_400_000,
      user,
    }
    host.storage.set(SESSION_STORAGE_KEY, JSON.stringify(session))
    host.launch({ path: 'pages/index/index' })
    await host.openPage('pages/index/index')
    await host.settle()

    expectClean(host)
    // two requests wait on one refresh
    const [refresh, ...after] = host.requests.map((request) => request.url)
    expect(refresh).toBe('http://localhost:8080/api/auth/refresh')
    expect(after.sort()).toEqual([BADGES_URL, HOME_URL(platform)].sort())
    expect(bodyOf(host.requests[0])).toEqual({ refreshToken: 'ref-boot-0123456789' })
    expect(headerOf(host.requests[1], 'authorization')).toBe('Bearer tok-refreshed')
    expect(JSON.parse(String(host.storage.get(SESSION_STORAGE_KEY)))).toMatchObject({ refreshToken: 'tok-refreshed-refresh-0123456789' })
  })

  test('reports the host APIs the bundle looked for but this fake lacks', async () => {
    const host = bootHost(platform)
    host.launch({ path: 'pages/login/index' })
    await host.openPage('pages/login/index')
    // Informational: a new name here means the runtime started probing for something; decide
    // whether the fake should implement it.
    console.log(`${platform} host APIs probed but not faked: ${[...host.missingApis].sort().join(', ') || '(none)'}`)
    expectClean(host)
  })
})
