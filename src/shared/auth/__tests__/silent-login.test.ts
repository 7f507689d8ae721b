/**
 * Silent login as the WeChat and DingTalk builds run it: the platform adapter is swapped for the
 * mini-program one (Taro's build picks index.weapp.ts / index.dd.ts the same way).
 */
import Taro from '@tarojs/taro'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResult } from '../../../../tests/setup/fixtures'
import { http } from '@/shared/http/http-client'
import { reply, restoreHttp, stubHttp } from '../../../../tests/setup/http-stub'

const mockPlatform = { current: 'weapp' as 'weapp' | 'dd' }
jest.mock('@/shared/platform', () => ({
  get platformAdapter() {
    return mockPlatform.current === 'weapp'
      ? jest.requireActual('../../platform/index.weapp').platformAdapter
      : jest.requireActual('../../platform/index.dd').platformAdapter
  },
}))

import { pauseSilentLogin, requireSignIn, silentLogin } from '../silent-login'

let reLaunch: jest.SpyInstance
let showToast: jest.SpyInstance
let wxLogin: jest.SpyInstance

beforeEach(() => {
  mockPlatform.current = 'weapp'
  useSessionStore.getState().signOut()
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'pages/index/index' } as Taro.Page])
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  wxLogin = jest.spyOn(Taro, 'login').mockResolvedValue({ code: 'wx-code-1', errMsg: 'login:ok' })
})

afterEach(() => {
  restoreHttp()
  delete (globalThis as { dd?: unknown }).dd
})

test('weapp: a bound WeChat identity signs in without leaving the page', async () => {
  const { requests } = stubHttp(() => reply.json(200, { status: 'bound', ...loginResult({ accessToken: 'tok-wx' }) }))

  await expect(silentLogin()).resolves.toBe('signed_in')

  expect(requests).toHaveLength(1)
  expect(requests[0]).toMatchObject({ method: 'POST', url: '/api/auth/wechat', body: { code: 'wx-code-1' } })
  expect(requests[0].headers['x-client-platform']).toBe('weapp')
  expect(useSessionStore.getState().session?.accessToken).toBe('tok-wx')
  expect(reLaunch).not.toHaveBeenCalled()
})

test('weapp: an unbound identity goes to the binding page with its ticket', async () => {
  stubHttp(() => reply.json(200, { status: 'needs_binding', bindTicket: 'bt-0123456789abcdef', verifyWith: 'cas' }))

  await expect(silentLogin()).resolves.toBe('needs_binding')

  expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/bind/index?ticket=bt-0123456789abcdef&verifyWith=cas' })
  expect(useSessionStore.getState().session).toBeNull()
})

test('dd: the 免登 auth code goes to /api/auth/dingtalk', async () => {
  mockPlatform.current = 'dd'
  ;(globalThis as { dd?: unknown }).dd = {
    getAuthCode: ({ success }: { success(result: { authCode: string }): void }) => success({ authCode: 'dd-code-1' }),
  }
  const { requests } = stubHttp(() => reply.json(200, { status: 'bound', ...loginResult({ accessToken: 'tok-dd' }) }))

  await expect(silentLogin()).resolves.toBe('signed_in')
  expect(requests[0]).toMatchObject({ url: '/api/auth/dingtalk', body: { authCode: 'dd-code-1' } })
  expect(requests[0].headers['x-client-platform']).toBe('dd')
})

test('pages asking at the same time share one login code (each code works once)', async () => {
  const { requests } = stubHttp(() => reply.json(200, { status: 'bound', ...loginResult() }))

  await Promise.all([silentLogin(), silentLogin(), requireSignIn()])

  expect(wxLogin).toHaveBeenCalledTimes(1)
  expect(requests).toHaveLength(1)
})

test('when the server fails, the message is shown and the login page is the fallback', async () => {
  stubHttp(() => reply.json(503, { code: 'UPSTREAM_UNAVAILABLE', message: '微信服务暂时不可用，请稍后重试' }))

  await requireSignIn()

  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '微信服务暂时不可用，请稍后重试' }))
  expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' })
})

test('when the host refuses a code, a Chinese message is shown, not the host’s', async () => {
  wxLogin.mockRejectedValue({ errMsg: 'login:fail timeout' })
  const { requests } = stubHttp(() => reply.json(200, {}))

  await requireSignIn()

  expect(requests).toHaveLength(0)
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '微信登录失败，请重试' }))
  expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' })
})

test('after 退出登录 the user is not logged straight back in; signing in again ends the pause', async () => {
  const { requests } = stubHttp(() => reply.json(200, { status: 'bound', ...loginResult() }))

  pauseSilentLogin()
  await requireSignIn()
  expect(requests).toHaveLength(0)
  expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' })

  useSessionStore.getState().signIn(loginResult())
  useSessionStore.getState().signOut()
  await requireSignIn()
  expect(requests).toHaveLength(1)
})

test('a session the server ended (refresh refused) leads to the login page, not straight back in', async () => {
  useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-old' }))
  const { requests } = stubHttp((request) =>
    request.url === '/api/auth/refresh'
      ? reply.json(401, { code: 'REFRESH_REUSED', message: '登录状态异常，请重新登录' })
      : reply.json(401, { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' }),
  )

  await expect(http.get('/api/me')).rejects.toMatchObject({ code: 'REFRESH_REUSED' })
  // what the page's session guard does next
  await requireSignIn()

  expect(wxLogin).not.toHaveBeenCalled()
  expect(requests.map((request) => request.url)).toEqual(['/api/me', '/api/auth/refresh'])
  expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' })
})
