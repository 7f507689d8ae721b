import Taro from '@tarojs/taro'
import { create } from 'zustand'
import type { LoginResponse, Me } from '@contract/api'

export interface Session {
  accessToken: string
  /** epoch milliseconds */
  expiresAt: number
  user: Me
}

interface SessionState {
  session: Session | null
  signIn(response: LoginResponse, now?: number): void
  signOut(): void
  updateUser(user: Me): void
}

export const SESSION_STORAGE_KEY = 'campus.session.v1'

/** A token this close to expiry would likely die mid-request; treat it as gone already. */
const EXPIRY_MARGIN_MS = 30_000

function isStoredSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false
  const { accessToken, expiresAt, user } = value as Record<string, unknown>
  return (
    typeof accessToken === 'string' &&
    typeof expiresAt === 'number' &&
    typeof user === 'object' &&
    user !== null &&
    typeof (user as Record<string, unknown>).name === 'string'
  )
}

/** Mini-programs have no localStorage; Taro storage maps to wx/my storage there and to localStorage on H5. */
export function readStoredSession(): Session | null {
  try {
    const raw: unknown = Taro.getStorageSync(SESSION_STORAGE_KEY)
    if (!raw) return null
    const parsed: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw
    return isStoredSession(parsed) ? parsed : null
  } catch {
    return null
  }
}

function writeStoredSession(session: Session | null): void {
  try {
    if (session) Taro.setStorageSync(SESSION_STORAGE_KEY, JSON.stringify(session))
    else Taro.removeStorageSync(SESSION_STORAGE_KEY)
  } catch {
    // Storage full or unavailable: the session still lives for this run of the app.
  }
}

export const useSessionStore = create<SessionState>()((set) => ({
  session: readStoredSession(),
  signIn: (response, now = Date.now()) =>
    set({
      session: {
        accessToken: response.accessToken,
        expiresAt: now + response.expiresIn * 1000,
        user: response.user,
      },
    }),
  signOut: () => set({ session: null }),
  updateUser: (user) => set((state) => (state.session ? { session: { ...state.session, user } } : state)),
}))

useSessionStore.subscribe((state, previous) => {
  if (state.session !== previous.session) writeStoredSession(state.session)
})

export function isSessionValid(session: Session | null, now = Date.now()): session is Session {
  return session !== null && session.expiresAt - EXPIRY_MARGIN_MS > now
}

export function getValidSession(now = Date.now()): Session | null {
  const { session } = useSessionStore.getState()
  return isSessionValid(session, now) ? session : null
}

export function getAccessToken(): string | null {
  return getValidSession()?.accessToken ?? null
}
