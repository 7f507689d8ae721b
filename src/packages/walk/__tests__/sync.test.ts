/**
 * WeChat Run sync as the WeChat build runs it (the weapp platform adapter): the data goes to the
 * server encrypted; a session_key the server cannot use means one silent re-login and one retry.
 */
import Taro from '@tarojs/taro'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResult } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp, type StubRequest } from '../../../../tests/setup/http-stub'

jest.mock('@/shared/platform', () => ({
  get platformAdapter() {
    return jest.requireActual('../../../shared/platform/index.weapp').platformAdapter
  },
}))

import { syncSteps } from '../sync'

const synced = { changed: 31, days: 31, todaySteps: 8000, syncedAt: '2027-02-10T02:00:00.000Z' }
const stale = { code: 'WERUN_SESSION_STALE', message: '微信登录状态已过期，请重新同步' }

let weRunCalls = 0
let checkSession: jest.SpyInstance
let getSetting: jest.SpyInstance

beforeEach(() => {
  weRunCalls = 0
  useSessionStore.getState().signIn(loginResult())
  jest.spyOn(Taro, 'login').mockResolvedValue({ code: 'wx-code-1', errMsg: 'login:ok' })
  checkSession = jest.spyOn(Taro, 'checkSession').mockResolvedValue({ errMsg: 'checkSession:ok' })
  getSetting = jest.spyOn(Taro, 'getSetting').mockResolvedValue({ authSetting: { 'scope.werun': true }, errMsg: 'getSetting:ok' } as never)
  jest.spyOn(Taro, 'getWeRunData').mockImplementation(async () => {
    weRunCalls += 1
    return { encryptedData: `data-${weRunCalls}`, iv: `iv-${weRunCalls}`, errMsg: 'getWeRunData:ok' } as never
  })
})

afterEach(() => {
  restoreHttp()
  jest.restoreAllMocks()
})

function server(syncAnswers: Array<ReturnType<typeof reply.json>>) {
  const posted: StubRequest[] = []
  const stub = stubHttp((request) => {
    if (request.url === '/api/auth/wechat') return reply.json(200, { status: 'bound', ...loginResult() })
    if (request.url === '/api/walk/sync/wechat') {
      posted.push(request)
      return syncAnswers.shift() ?? reply.json(500, { code: 'INTERNAL', message: 'x' })
    }
    return reply.json(404, { code: 'NOT_FOUND', message: '不存在' })
  })
  return { posted, stub }
}

test('sends what getWeRunData gave, nothing else', async () => {
  const { posted } = server([reply.json(200, synced)])
  await expect(syncSteps()).resolves.toEqual({ status: 'synced', result: synced })
  expect(posted.map((request) => request.body)).toEqual([{ encryptedData: 'data-1', iv: 'iv-1' }])
})

test('a stale session_key: silent re-login, fresh WeRun data, one retry', async () => {
  const { posted, stub } = server([reply.json(409, stale), reply.json(200, synced)])
  await expect(syncSteps()).resolves.toEqual({ status: 'synced', result: synced })
  expect(posted.map((request) => request.body)).toEqual([
    { encryptedData: 'data-1', iv: 'iv-1' },
    { encryptedData: 'data-2', iv: 'iv-2' },
  ])
  expect(stub.requests.filter((request) => request.url === '/api/auth/wechat')).toHaveLength(1)
})

test('retries only once', async () => {
  const { posted } = server([reply.json(409, stale), reply.json(409, stale), reply.json(200, synced)])
  await expect(syncSteps()).rejects.toMatchObject({ code: 'WERUN_SESSION_STALE' })
  expect(posted).toHaveLength(2)
})

test('checkSession failing logs in again before reading WeRun data', async () => {
  checkSession.mockRejectedValueOnce(new Error('session expired'))
  const { posted, stub } = server([reply.json(200, synced)])
  await expect(syncSteps()).resolves.toMatchObject({ status: 'synced' })
  expect(stub.requests.map((request) => request.url)).toEqual(['/api/auth/wechat', '/api/walk/sync/wechat'])
  expect(posted).toHaveLength(1)
})

test('a refused scope.werun is reported, and nothing is sent', async () => {
  getSetting.mockResolvedValue({ authSetting: { 'scope.werun': false }, errMsg: 'getSetting:ok' })
  const { posted } = server([])
  await expect(syncSteps()).resolves.toEqual({ status: 'denied' })
  expect(posted).toHaveLength(0)
  expect(weRunCalls).toBe(0)
})

test('impossible data is the server’s clear error, not retried', async () => {
  const { posted } = server([reply.json(422, { code: 'STEPS_IMPOSSIBLE', message: '步数数据异常' })])
  await expect(syncSteps()).rejects.toMatchObject({ code: 'STEPS_IMPOSSIBLE', message: '步数数据异常' })
  expect(posted).toHaveLength(1)
})
