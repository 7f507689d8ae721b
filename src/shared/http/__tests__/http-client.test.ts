import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Taro from '@tarojs/taro'
import { login } from '@/shared/auth/login'
import { ApiError, toApiError } from '@/shared/http/api-error'
import { http as client, httpClient } from '@/shared/http/http-client'
import { SESSION_STORAGE_KEY, useSessionStore } from '@/shared/session/session-store'
import { loginResult, sessionTokens } from '../../../../tests/setup/fixtures'
import { deferred } from '../../../../tests/setup/taro-test-harness'
import { reply, restoreHttp, stubHttp, type StubReply, type StubRequest } from '../../../../tests/setup/http-stub'

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('the request was expected to fail')
}

let reLaunch: jest.SpyInstance

beforeEach(() => {
  useSessionStore.getState().signOut()
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([])
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
})

afterEach(restoreHttp)

describe('success', () => {
  test('resolves with the body itself and sends the bearer token of a valid session', async () => {
    useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-1' }))
    const { requests } = stubHttp(() => reply.json(200, { hello: '世界' }))

    await expect(client.get('/api/anything')).resolves.toEqual({ hello: '世界' })
    expect(requests[0].headers.Authorization).toBe('Bearer tok-1')
    expect(requests[0].headers['x-client-platform']).toBe('h5')
  })

  test('sends no token once the whole session (refresh token included) has expired', async () => {
    useSessionStore.getState().signIn(loginResult({ expiresIn: 10, refreshExpiresIn: 20 }), Date.now() - 60_000)
    const { requests } = stubHttp(() => reply.json(200, {}))

    await client.get('/api/anything')
    expect(requests).toHaveLength(1)
    expect(requests[0].headers.Authorization).toBeUndefined()
  })

  test('a 204 resolves without a body', async () => {
    stubHttp(() => reply.json(204))
    await expect(client.post('/api/auth/logout')).resolves.toBe('')
  })
})

describe('failures become one ApiError', () => {
  test('a server error body keeps its code, Chinese message, status and fields', async () => {
    stubHttp(() =>
      reply.json(400, {
        code: 'VALIDATION_FAILED',
        message: '请求参数有误',
        fields: [{ field: '/username', message: '不能为空' }],
      }),
    )
    const error = await failureOf(client.post('/api/things', {}))
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '请求参数有误',
      status: 400,
      fields: [{ field: '/username', message: '不能为空' }],
    })
  })

  test('a 5xx without the error shape is INTERNAL, not the proxy page text', async () => {
    stubHttp(() => reply.text(502, '<html>Bad Gateway</html>'))
    const error = await failureOf(client.get('/api/services'))
    expect(error).toMatchObject({ code: 'INTERNAL', message: '服务暂时不可用，请稍后重试', status: 502 })
  })

  test('an unknown error code is treated as an unexpected body', async () => {
    stubHttp(() => reply.json(418, { code: 'TEAPOT', message: 'I am a teapot' }))
    expect(await failureOf(client.get('/api/x'))).toMatchObject({ code: 'INTERNAL', status: 418 })
  })

  test('a 200 that is not JSON (an HTML fallback page) is INTERNAL', async () => {
    stubHttp(() => reply.text(200, '<!doctype html><title>智慧校园</title>'))
    expect(await failureOf(client.get('/api/services'))).toMatchObject({ code: 'INTERNAL', status: 200 })
  })

  test('no answer at all is NETWORK', async () => {
    stubHttp(() => reply.network())
    const error = await failureOf(client.get('/api/services'))
    expect(error).toMatchObject({ code: 'NETWORK', message: '网络不可用，请检查网络后重试' })
    expect(error.isRetryable).toBe(true)
  })

  test('a timeout is TIMEOUT', async () => {
    stubHttp(() => reply.timeout())
    const error = await failureOf(client.get('/api/services'))
    expect(error).toMatchObject({ code: 'TIMEOUT', message: '请求超时，请稍后重试' })
    expect(error.isRetryable).toBe(true)
  })

  test('a programming error is INTERNAL and never leaks its English message', () => {
    expect(toApiError(new TypeError('x is undefined'))).toMatchObject({
      code: 'INTERNAL',
      message: '服务暂时不可用，请稍后重试',
    })
  })
})

describe('401', () => {
  test('clears the session and sends the user to the login page', async () => {
    useSessionStore.getState().signIn(loginResult())
    stubHttp(() => reply.json(401, { code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' }))

    const error = await failureOf(client.get('/api/me'))
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录', status: 401 })
    expect(useSessionStore.getState().session).toBeNull()
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' })
  })

  test('several 401s at once navigate only once', async () => {
    useSessionStore.getState().signIn(loginResult())
    stubHttp(() => reply.json(401, { code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' }))

    await Promise.allSettled([client.get('/api/a'), client.get('/api/b'), client.get('/api/c')])
    expect(reLaunch).toHaveBeenCalledTimes(1)
  })

  test('does not navigate when the login page is already showing', async () => {
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'pages/login/index' } as Taro.Page])
    stubHttp(() => reply.json(401, { code: 'UNAUTHENTICATED', message: '请先登录' }))

    await failureOf(client.get('/api/me'))
    expect(reLaunch).not.toHaveBeenCalled()
  })

  test('wrong credentials on login are a message to show, not a lost session', async () => {
    const { requests } = stubHttp(() => reply.json(401, { code: 'INVALID_CREDENTIALS', message: '账号或密码错误' }))

    const error = await failureOf(login({ username: '2021110101', password: 'nope' }))
    expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '账号或密码错误' })
    expect(requests[0]).toMatchObject({ method: 'POST', url: '/api/auth/login', body: { username: '2021110101', password: 'nope' } })
    expect(reLaunch).not.toHaveBeenCalled()
  })
})

const UNAUTHENTICATED = { code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' }
const isRefresh = (request: StubRequest) => request.url === '/api/auth/refresh'
const bearer = (request: StubRequest) => request.headers.Authorization

/** A session whose access token expired a minute ago and whose refresh token is still good. */
function signInWithExpiredAccessToken() {
  useSessionStore
    .getState()
    .signIn(loginResult({ accessToken: 'tok-old', expiresIn: 60, refreshToken: 'ref-old-0123456789' }), Date.now() - 120_000)
}

/** The server side of a refresh: rotates once, answers business requests only for the new token. */
function campusServer(refreshReply: () => StubReply | Promise<StubReply> = () => reply.json(200, sessionTokens({ accessToken: 'tok-new', refreshToken: 'ref-new-0123456789' }))) {
  return stubHttp((request) => {
    if (isRefresh(request)) return refreshReply()
    return bearer(request) === 'Bearer tok-new' ? reply.json(200, { url: request.url }) : reply.json(401, UNAUTHENTICATED)
  })
}

describe('refreshing the access token', () => {
  test('three parallel requests with a known-expired token share exactly one refresh, then all succeed', async () => {
    signInWithExpiredAccessToken()
    const { requests } = campusServer()

    const results = await Promise.all([client.get('/api/a'), client.get('/api/b'), client.get('/api/c')])

    expect(results).toEqual([{ url: '/api/a' }, { url: '/api/b' }, { url: '/api/c' }])
    const refreshes = requests.filter(isRefresh)
    expect(refreshes).toHaveLength(1)
    expect(refreshes[0]).toMatchObject({ method: 'POST', body: { refreshToken: 'ref-old-0123456789' } })
    expect(refreshes[0].headers.Authorization).toBeUndefined()
    // nothing went out with the dead token
    expect(requests.filter((request) => !isRefresh(request)).map(bearer)).toEqual(['Bearer tok-new', 'Bearer tok-new', 'Bearer tok-new'])
    expect(useSessionStore.getState().session).toMatchObject({ accessToken: 'tok-new', refreshToken: 'ref-new-0123456789' })
    expect(reLaunch).not.toHaveBeenCalled()
  })

  test('three parallel requests the server answers 401 (token revoked early) share one refresh and are each retried once', async () => {
    useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-old' }))
    const refreshAnswer = deferred<StubReply>()
    const { requests } = campusServer(() => refreshAnswer.promise)

    const pending = Promise.all([client.get('/api/a'), client.get('/api/b'), client.get('/api/c')])
    await new Promise((resolve) => setTimeout(resolve, 20))
    refreshAnswer.resolve(reply.json(200, sessionTokens({ accessToken: 'tok-new', refreshToken: 'ref-new-0123456789' })))

    await expect(pending).resolves.toEqual([{ url: '/api/a' }, { url: '/api/b' }, { url: '/api/c' }])
    expect(requests.filter(isRefresh)).toHaveLength(1)
    const tries = (url: string) => requests.filter((request) => request.url === url).map(bearer)
    for (const url of ['/api/a', '/api/b', '/api/c']) expect(tries(url)).toEqual(['Bearer tok-old', 'Bearer tok-new'])
  })

  test('SESSION_EXPIRED on a request is refreshed like UNAUTHENTICATED', async () => {
    useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-old' }))
    const { requests } = stubHttp((request) => {
      if (isRefresh(request)) return reply.json(200, sessionTokens({ accessToken: 'tok-new' }))
      return bearer(request) === 'Bearer tok-new'
        ? reply.json(200, { ok: true })
        : reply.json(401, { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' })
    })

    await expect(client.get('/api/me')).resolves.toEqual({ ok: true })
    expect(requests.filter(isRefresh)).toHaveLength(1)
  })

  test('a 401 that arrives after another request already refreshed is retried with the new token, without a second refresh', async () => {
    useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-old' }))
    const slowAnswer = deferred<StubReply>()
    const { requests } = stubHttp((request) => {
      if (isRefresh(request)) return reply.json(200, sessionTokens({ accessToken: 'tok-new' }))
      if (bearer(request) === 'Bearer tok-new') return reply.json(200, { url: request.url })
      return request.url === '/api/slow' ? slowAnswer.promise : reply.json(401, UNAUTHENTICATED)
    })

    const slow = client.get('/api/slow')
    await expect(client.get('/api/fast')).resolves.toEqual({ url: '/api/fast' })
    slowAnswer.resolve(reply.json(401, UNAUTHENTICATED))

    await expect(slow).resolves.toEqual({ url: '/api/slow' })
    expect(requests.filter(isRefresh)).toHaveLength(1)
  })

  test('a refused refresh (REFRESH_REUSED) signs out and goes to the login page once for all requests', async () => {
    signInWithExpiredAccessToken()
    const { requests } = campusServer(() =>
      reply.json(401, { code: 'REFRESH_REUSED', message: '登录状态异常，已退出所有设备，请重新登录' }),
    )

    const results = await Promise.allSettled([client.get('/api/a'), client.get('/api/b'), client.get('/api/c')])

    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected'])
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'REFRESH_REUSED', status: 401 })
    expect(requests.filter(isRefresh)).toHaveLength(1)
    expect(requests.filter((request) => !isRefresh(request))).toHaveLength(0)
    expect(useSessionStore.getState().session).toBeNull()
    expect(reLaunch).toHaveBeenCalledTimes(1)
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' })
  })

  test('a refused refresh after 401s from the server also navigates once', async () => {
    useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-old' }))
    const { requests } = campusServer(() => reply.json(401, { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' }))

    await Promise.allSettled([client.get('/api/a'), client.get('/api/b'), client.get('/api/c')])

    expect(requests.filter(isRefresh)).toHaveLength(1)
    expect(useSessionStore.getState().session).toBeNull()
    expect(reLaunch).toHaveBeenCalledTimes(1)
  })

  test('a refresh that cannot reach the server keeps the session and fails the request as NETWORK', async () => {
    signInWithExpiredAccessToken()
    campusServer(() => reply.network())

    const error = await failureOf(client.get('/api/a'))
    expect(error.code).toBe('NETWORK')
    expect(useSessionStore.getState().session?.refreshToken).toBe('ref-old-0123456789')
    expect(reLaunch).not.toHaveBeenCalled()
  })

  test('a request still refused after the refresh is not retried again: the session is abandoned', async () => {
    useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-old' }))
    const { requests } = stubHttp((request) =>
      isRefresh(request) ? reply.json(200, sessionTokens({ accessToken: 'tok-new' })) : reply.json(401, UNAUTHENTICATED),
    )

    const error = await failureOf(client.get('/api/me'))
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 })
    expect(requests.map((request) => request.url)).toEqual(['/api/me', '/api/auth/refresh', '/api/me'])
    expect(useSessionStore.getState().session).toBeNull()
    expect(reLaunch).toHaveBeenCalledTimes(1)
  })

  test('auth endpoints are never refreshed or retried', async () => {
    signInWithExpiredAccessToken()
    const { requests } = stubHttp(() => reply.json(401, { code: 'INVALID_CREDENTIALS', message: '账号或密码错误' }))

    await failureOf(client.post('/api/auth/login', { username: 'a', password: 'b' }, { skipAuthRedirect: true }))
    expect(requests.map((request) => request.url)).toEqual(['/api/auth/login'])
    expect(reLaunch).not.toHaveBeenCalled()
  })

  test('tokens another H5 tab has rotated already are taken from the shared storage instead of refreshing again', async () => {
    signInWithExpiredAccessToken()
    const { requests } = campusServer()
    // the other tab refreshed and stored the result; this tab's copy is now the reused token
    const otherTab = { ...useSessionStore.getState().session, accessToken: 'tok-new', accessExpiresAt: Date.now() + 600_000, refreshToken: 'ref-other-tab-0123' }
    Taro.setStorageSync(SESSION_STORAGE_KEY, JSON.stringify(otherTab))

    await expect(client.get('/api/a')).resolves.toEqual({ url: '/api/a' })
    expect(requests.filter(isRefresh)).toHaveLength(0)
    expect(useSessionStore.getState().session?.refreshToken).toBe('ref-other-tab-0123')
  })

  test('409 (another tab is refreshing the same token) waits for that tab’s tokens instead of signing out', async () => {
    signInWithExpiredAccessToken()
    const { requests } = campusServer(() => {
      // the other tab's refresh wins and lands in the shared storage a moment later
      setTimeout(() => {
        const otherTab = { ...useSessionStore.getState().session, accessToken: 'tok-new', accessExpiresAt: Date.now() + 600_000, refreshToken: 'ref-other-tab-0123' }
        Taro.setStorageSync(SESSION_STORAGE_KEY, JSON.stringify(otherTab))
      }, 100)
      return reply.json(409, { code: 'CONFLICT', message: '登录状态正在刷新，请稍后重试' })
    })

    await expect(client.get('/api/a')).resolves.toEqual({ url: '/api/a' })
    expect(requests.filter(isRefresh)).toHaveLength(1)
    expect(useSessionStore.getState().session?.accessToken).toBe('tok-new')
    expect(reLaunch).not.toHaveBeenCalled()
  })

  test('a 403 is an answer (not allowed), not a reason to refresh', async () => {
    useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-old' }))
    const { requests } = stubHttp(() => reply.json(403, { code: 'FORBIDDEN', message: '无权访问' }))

    expect(await failureOf(client.get('/api/x'))).toMatchObject({ code: 'FORBIDDEN' })
    expect(requests).toHaveLength(1)
    expect(useSessionStore.getState().session).not.toBeNull()
  })
})

describe('through the real XHR adapter (jsdom)', () => {
  let server: http.Server
  let baseURL: string

  beforeAll(async () => {
    // Accepts connections and never answers.
    server = http.createServer(() => undefined)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  test('a server that never answers times out as TIMEOUT', async () => {
    const error = await failureOf(client.get('/api/slow', { baseURL, timeout: 200 }))
    expect(error.code).toBe('TIMEOUT')
  })

  test('a refused connection is NETWORK', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined) // jsdom reports the refusal itself
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise((resolve) => closed.close(resolve))

    // jsdom leaves an XHR's timeout timer running after a connection error; a short timeout keeps
    // it from holding jest open for the client's default 15 s.
    const error = await failureOf(client.get('/api/x', { baseURL: `http://127.0.0.1:${port}`, timeout: 500 }))
    expect(error.code).toBe('NETWORK')
  })

  test('uses the xhr adapter that @tarojs/plugin-http provides on mini-programs', () => {
    expect(httpClient.defaults.adapter).toBe('xhr')
  })
})
