/**
 * The staff walking page booted from the WeChat build in the fake host, which answers
 * getWeRunData: the page reads the challenge, sends the encrypted WeChat Run data (and only that)
 * to the server, logs in again silently when the server says the session_key is stale and retries
 * once with fresh data, then renders my today, the leaderboard and the chart's fallback (the fake
 * host has no canvas), in small setData payloads and without errors.
 */
import type { LoginResult } from '../../types/auth'
import type { ChallengeDetail, History, Leaderboard } from '../../types/walk'
import { MiniHost, assertBuilt, distDirOf, type HostRequest, type HostResponse } from './mini-host'

const API = 'http://localhost:8080'
const MAX_SETDATA_BYTES = 50 * 1024

const user: LoginResult['user'] = { id: 'p-teacher', number: '100001', name: '张建国', kind: 'staff', roles: ['teacher'], department: '计算机学院', bindings: [] }

const challenge: ChallengeDetail = {
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
    joined: true,
    consented: true,
    left: false,
  },
  me: {
    today: '2027-02-08',
    todaySteps: 8765,
    todayCounted: 8765,
    goalProgress: 0.8765,
    total: 180000,
    rank: 4,
    gapToNext: 321,
    daysAtGoal: 9,
    daysElapsed: 20,
    goalShare: 0.45,
    streak: 3,
    lastSyncedAt: '2027-02-08T01:00:00.000Z',
  },
}

const board: Leaderboard = {
  period: 'today',
  board: 'people',
  sort: 'average',
  from: '2027-02-08',
  people: [
    { rank: 1, personId: 'p-1', name: '刘阳', team: '后勤保障处', steps: 15000, likes: 2, likedByMe: false },
    { rank: 2, personId: 'p-teacher', name: '张建国', team: '计算机学院', steps: 8765, likes: 0, likedByMe: false },
  ],
  departments: [],
  me: { rank: 2, steps: 8765, gapToNext: 6236 },
}

const history: History = { days: Array.from({ length: 7 }, (_, i) => ({ day: `2027-02-0${i + 2}`, steps: 5000 + i * 1000 })), goal: 10000 }

const bodyOf = (request: HostRequest): unknown => (typeof request.data === 'string' ? JSON.parse(request.data) : request.data)

function loginResult(accessToken: string): LoginResult {
  return { accessToken, expiresIn: 900, refreshToken: `${accessToken}-refresh-0123456789`, refreshExpiresIn: 2_592_000, user }
}

type HostCallback = { success?: (result: unknown) => void; complete?: (result: unknown) => void }

/** A host API that answers `result` asynchronously, as the real ones do. */
const ok = (name: string, result: Record<string, unknown> = {}) => (options: HostCallback = {}) => {
  setTimeout(() => {
    const response = { errMsg: `${name}:ok`, ...result }
    options.success?.(response)
    options.complete?.(response)
  }, 0)
}

/** The demo teacher's stored session, then the challenge page opened as the catalog entry leads there. */
async function openChallengePage(host: MiniHost) {
  host.signIn(user)
  host.launch({ path: 'packages/walk/pages/challenge/index' })
  const page = await host.openPage('packages/walk/pages/challenge/index', { id: 'demo-walk' })
  await host.settle(300)
  return page
}

/** The server's read endpoints for the page; anything else → `other` */
function readsThen(other: (url: string) => HostResponse | undefined) {
  return (request: HostRequest): HostResponse => {
    const url = request.url.replace(API, '')
    if (url === '/api/walk/challenges/demo-walk') return { statusCode: 200, data: challenge }
    if (url.startsWith('/api/walk/challenges/demo-walk/leaderboard')) return { statusCode: 200, data: board }
    if (url.startsWith('/api/walk/me/history')) return { statusCode: 200, data: history }
    return other(url) ?? { statusCode: 404, data: { code: 'NOT_FOUND', message: '接口不存在' } }
  }
}

beforeAll(() => assertBuilt('weapp'))

test('weapp: the challenge page syncs WeChat Run through the server, re-logging in once on a stale session_key', async () => {
  let weRunCalls = 0
  let syncCalls = 0
  const respond = readsThen((url) => {
    if (url === '/api/auth/wechat') return { statusCode: 200, data: { status: 'bound', ...loginResult('tok-relogin') } }
    if (url !== '/api/walk/sync/wechat') return undefined
    syncCalls += 1
    return syncCalls === 1
      ? { statusCode: 409, data: { code: 'WERUN_SESSION_STALE', message: '微信登录状态已过期，请重新同步' } }
      : { statusCode: 200, data: { changed: 31, days: 31, todaySteps: 8765, syncedAt: '2027-02-08T02:00:00.000Z' } }
  })
  const host = new MiniHost('weapp', distDirOf('weapp'), respond, {
    hostApis: {
      checkSession: ok('checkSession'),
      getSetting: ok('getSetting', { authSetting: { 'scope.werun': true } }),
      authorize: ok('authorize'),
      getWeRunData: (options: HostCallback = {}) => {
        weRunCalls += 1
        ok('getWeRunData', { encryptedData: `enc-${weRunCalls}`, iv: `iv-${weRunCalls}`, cloudID: 'unused' })(options)
      },
    },
  })
  try {
    const page = await openChallengePage(host)
    expect(host.errors).toEqual([])
    const syncs = host.requests.filter((request) => request.url === `${API}/api/walk/sync/wechat`)
    // the stale session_key: one silent wx.login, fresh WeRun data, one retry — and the data as WeChat gave it, nothing more
    expect(syncs.map(bodyOf)).toEqual([
      { encryptedData: 'enc-1', iv: 'iv-1' },
      { encryptedData: 'enc-2', iv: 'iv-2' },
    ])
    expect(host.callsTo('login')).toHaveLength(1)
    expect(host.requests.filter((request) => request.url === `${API}/api/auth/wechat`)).toHaveLength(1)
    const retried = syncs[1]!
    expect(Object.entries(retried.headers).find(([key]) => key.toLowerCase() === 'authorization')?.[1]).toBe('Bearer tok-relogin')

    const text = page.renderedText()
    for (const expected of ['秋冬季教职工健步走', '今日步数', '8,765', '第 4 名', '距上一名 321 步', '连续达标', '刘阳', '排行榜', '同步微信运动']) {
      expect(text).toContain(expected)
    }
    const largest = Math.max(...page.setDataCalls.map((call) => call.size))
    console.log(`weapp walk page: ${page.setDataCalls.length} setData call(s), largest ${(largest / 1024).toFixed(1)} KB`)
    expect(largest).toBeLessThan(MAX_SETDATA_BYTES)
  } finally {
    host.dispose()
  }
})

test('weapp: a refused scope.werun shows the explanation and sends nothing', async () => {
  const host = new MiniHost('weapp', distDirOf('weapp'), readsThen(() => undefined), {
    hostApis: {
      checkSession: ok('checkSession'),
      getSetting: ok('getSetting', { authSetting: { 'scope.werun': false } }),
      getWeRunData: ok('getWeRunData', { encryptedData: 'x', iv: 'y' }),
    },
  })
  try {
    const page = await openChallengePage(host)
    expect(host.errors).toEqual([])
    expect(host.callsTo('getWeRunData')).toEqual([])
    expect(host.requests.filter((request) => request.url.includes('/sync/'))).toEqual([])
    expect(page.renderedText()).toContain('微信运动步数')
  } finally {
    host.dispose()
  }
})

test('dd: the challenge page asks the server to fetch DingTalk steps, and never calls WeChat Run', async () => {
  assertBuilt('dd')
  const host = new MiniHost(
    'dd',
    distDirOf('dd'),
    readsThen((url) =>
      url === '/api/walk/sync/dingtalk' ? { statusCode: 200, data: { changed: 2, days: 31, todaySteps: 8765, syncedAt: '2027-02-08T02:00:00.000Z' } } : undefined,
    ),
  )
  try {
    const page = await openChallengePage(host)
    expect(host.errors).toEqual([])
    const syncs = host.requests.filter((request) => request.url.includes('/api/walk/sync/'))
    expect(syncs.map((request) => [request.method, request.url])).toEqual([['POST', `${API}/api/walk/sync/dingtalk`]])
    expect(host.callsTo('getWeRunData')).toEqual([])
    for (const expected of ['秋冬季教职工健步走', '8,765', '同步钉钉运动', '刘阳']) expect(page.renderedText()).toContain(expected)
  } finally {
    host.dispose()
  }
})
