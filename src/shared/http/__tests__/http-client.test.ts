import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Taro from '@tarojs/taro'
import { login } from '@/shared/auth/login'
import { ApiError, toApiError } from '@/shared/http/api-error'
import { http as client, httpClient } from '@/shared/http/http-client'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResponse } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp } from '../../../../tests/setup/http-stub'

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
    useSessionStore.getState().signIn(loginResponse({ accessToken: 'tok-1' }))
    const { requests } = stubHttp(() => reply.json(200, { hello: '世界' }))

    await expect(client.get('/api/anything')).resolves.toEqual({ hello: '世界' })
    expect(requests[0].headers.Authorization).toBe('Bearer tok-1')
    expect(requests[0].headers['x-client-platform']).toBe('h5')
  })

  test('sends no token once the session has expired', async () => {
    useSessionStore.getState().signIn(loginResponse({ expiresIn: 10 }), Date.now() - 60_000)
    const { requests } = stubHttp(() => reply.json(200, {}))

    await client.get('/api/anything')
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
    useSessionStore.getState().signIn(loginResponse())
    stubHttp(() => reply.json(401, { code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' }))

    const error = await failureOf(client.get('/api/me'))
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录', status: 401 })
    expect(useSessionStore.getState().session).toBeNull()
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' })
  })

  test('several 401s at once navigate only once', async () => {
    useSessionStore.getState().signIn(loginResponse())
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
