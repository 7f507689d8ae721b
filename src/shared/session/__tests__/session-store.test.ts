import Taro from '@tarojs/taro'
import {
  SESSION_STORAGE_KEY,
  getUsableSession,
  isAccessTokenFresh,
  isSessionUsable,
  readStoredSession,
  useSessionStore,
} from '@/shared/session/session-store'
import { loginResult, sessionTokens, studentMe } from '../../../../tests/setup/fixtures'

beforeEach(() => {
  useSessionStore.getState().signOut()
  Taro.clearStorageSync()
})

test('signing in stores both tokens, their expiry and the user through Taro storage', () => {
  const setStorage = jest.spyOn(Taro, 'setStorageSync')
  useSessionStore
    .getState()
    .signIn(loginResult({ accessToken: 'tok-9', expiresIn: 900, refreshToken: 'ref-9', refreshExpiresIn: 86_400 }), 1_000_000)

  expect(setStorage).toHaveBeenCalledWith(SESSION_STORAGE_KEY, expect.any(String))
  expect(JSON.parse(Taro.getStorageSync(SESSION_STORAGE_KEY))).toEqual({
    accessToken: 'tok-9',
    accessExpiresAt: 1_000_000 + 900_000,
    refreshToken: 'ref-9',
    refreshExpiresAt: 1_000_000 + 86_400_000,
    user: studentMe,
  })
})

test('a restarted app picks the session up from storage', () => {
  useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-restart' }))

  jest.isolateModules(() => {
    // A fresh copy of the module, as on the next launch of the mini-program.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fresh = require('@/shared/session/session-store') as {
      useSessionStore: typeof useSessionStore
      getUsableSession: typeof getUsableSession
    }
    expect(fresh.useSessionStore.getState().session?.accessToken).toBe('tok-restart')
    expect(fresh.getUsableSession()?.refreshToken).toBe('refresh-abc-0123456789')
  })
})

test('signing out removes the stored session', () => {
  useSessionStore.getState().signIn(loginResult())
  useSessionStore.getState().signOut()

  expect(Taro.getStorageSync(SESSION_STORAGE_KEY)).toBeFalsy()
  expect(readStoredSession()).toBeNull()
})

test('updating the user keeps the tokens', () => {
  useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-keep' }))
  useSessionStore.getState().updateUser({ ...studentMe, roles: ['student', 'admin'] })

  expect(readStoredSession()).toMatchObject({ accessToken: 'tok-keep', user: { roles: ['student', 'admin'] } })
})

test('rotated tokens replace the old ones and keep the user', () => {
  useSessionStore.getState().signIn(loginResult({ accessToken: 'old', refreshToken: 'old-refresh' }), 0)
  useSessionStore.getState().applyTokens(sessionTokens({ accessToken: 'new', refreshToken: 'new-refresh', expiresIn: 600 }), 5_000)

  expect(readStoredSession()).toMatchObject({
    accessToken: 'new',
    accessExpiresAt: 605_000,
    refreshToken: 'new-refresh',
    user: studentMe,
  })
})

test('rotated tokens that arrive after signing out do not sign anyone in', () => {
  useSessionStore.getState().applyTokens(sessionTokens())
  expect(useSessionStore.getState().session).toBeNull()
})

test('a corrupt or foreign stored value is ignored, including the single-token format of before', () => {
  Taro.setStorageSync(SESSION_STORAGE_KEY, '{not json')
  expect(readStoredSession()).toBeNull()
  Taro.setStorageSync(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'old-format', expiresAt: Date.now() + 1e6, user: studentMe }))
  expect(readStoredSession()).toBeNull()
})

test('a session is usable while its refresh token is valid, even when the access token has expired', () => {
  const now = 5_000_000
  useSessionStore.getState().signIn(loginResult({ expiresIn: 900, refreshExpiresIn: 3600 }), now)
  const { session } = useSessionStore.getState()
  if (!session) throw new Error('no session')

  expect(isAccessTokenFresh(session, now)).toBe(true)
  // 30 s before expiry the access token counts as gone: it would die mid-request.
  expect(isAccessTokenFresh(session, now + 900_000 - 10_000)).toBe(false)
  expect(isSessionUsable(session, now + 900_000 + 1)).toBe(true)
  expect(isSessionUsable(session, now + 3_600_000 - 10_000)).toBe(false)
  expect(isSessionUsable(null, now)).toBe(false)

  useSessionStore.getState().signIn(loginResult({ refreshExpiresIn: 1 }), Date.now() - 5000)
  expect(getUsableSession()).toBeNull()
})
