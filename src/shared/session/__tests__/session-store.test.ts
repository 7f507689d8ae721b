import Taro from '@tarojs/taro'
import {
  SESSION_STORAGE_KEY,
  getAccessToken,
  isSessionValid,
  readStoredSession,
  useSessionStore,
} from '@/shared/session/session-store'
import { loginResponse, studentMe } from '../../../../tests/setup/fixtures'

beforeEach(() => {
  useSessionStore.getState().signOut()
  Taro.clearStorageSync()
})

test('signing in stores token, expiry and user through Taro storage', () => {
  const setStorage = jest.spyOn(Taro, 'setStorageSync')
  useSessionStore.getState().signIn(loginResponse({ accessToken: 'tok-9', expiresIn: 7200 }), 1_000_000)

  expect(setStorage).toHaveBeenCalledWith(SESSION_STORAGE_KEY, expect.any(String))
  expect(JSON.parse(Taro.getStorageSync(SESSION_STORAGE_KEY))).toEqual({
    accessToken: 'tok-9',
    expiresAt: 1_000_000 + 7_200_000,
    user: studentMe,
  })
})

test('a restarted app picks the session up from storage', () => {
  useSessionStore.getState().signIn(loginResponse({ accessToken: 'tok-restart' }))

  jest.isolateModules(() => {
    // A fresh copy of the module, as on the next launch of the mini-program.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fresh = require('@/shared/session/session-store') as {
      useSessionStore: typeof useSessionStore
      getAccessToken: typeof getAccessToken
    }
    expect(fresh.useSessionStore.getState().session?.accessToken).toBe('tok-restart')
    expect(fresh.getAccessToken()).toBe('tok-restart')
  })
})

test('signing out removes the stored session', () => {
  useSessionStore.getState().signIn(loginResponse())
  useSessionStore.getState().signOut()

  expect(Taro.getStorageSync(SESSION_STORAGE_KEY)).toBeFalsy()
  expect(readStoredSession()).toBeNull()
})

test('updating the user keeps the token', () => {
  useSessionStore.getState().signIn(loginResponse({ accessToken: 'tok-keep' }))
  useSessionStore.getState().updateUser({ ...studentMe, roles: ['student', 'admin'] })

  expect(readStoredSession()).toMatchObject({ accessToken: 'tok-keep', user: { roles: ['student', 'admin'] } })
})

test('a corrupt or foreign stored value is ignored', () => {
  Taro.setStorageSync(SESSION_STORAGE_KEY, '{not json')
  expect(readStoredSession()).toBeNull()
  Taro.setStorageSync(SESSION_STORAGE_KEY, JSON.stringify({ token: 'old-format' }))
  expect(readStoredSession()).toBeNull()
})

test('an expired session (or one about to expire) is not valid and yields no token', () => {
  const now = 5_000_000
  useSessionStore.getState().signIn(loginResponse({ expiresIn: 3600 }), now)
  const { session } = useSessionStore.getState()

  expect(isSessionValid(session, now)).toBe(true)
  expect(isSessionValid(session, now + 3_600_000 - 10_000)).toBe(false)
  expect(isSessionValid(null, now)).toBe(false)

  useSessionStore.getState().signIn(loginResponse({ expiresIn: 1 }), Date.now() - 5000)
  expect(getAccessToken()).toBeNull()
})
