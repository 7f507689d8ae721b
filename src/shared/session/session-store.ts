import Taro from '@tarojs/taro'
import { create } from 'zustand'
import type { LoginResult, MeDetail, SessionTokens } from '@contract/auth'

/**
 * A signed-in session. The access token is short-lived (≤ 15 min); the session stays usable as
 * long as the refresh token is valid, because the HTTP client trades it for a new access token.
 */
export interface Session {
  accessToken: string
  /** epoch milliseconds */
  accessExpiresAt: number
  refreshToken: string
  /** epoch milliseconds */
  refreshExpiresAt: number
  user: MeDetail
}

interface SessionState {
  session: Session | null
  signIn(result: LoginResult, now?: number): void
  /** Keeps the user; swaps in the rotated tokens a refresh returned. */
  applyTokens(tokens: SessionTokens, now?: number): void
  signOut(): void
  updateUser(user: MeDetail): void
}

// v1 held one long-lived token and no refresh token; such a value is ignored (read as signed out).
export const SESSION_STORAGE_KEY = 'campus.session.v2'

/** A token this close to expiry would likely die mid-request; treat it as gone already. */
const EXPIRY_MARGIN_MS = 30_000

function isStoredSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false
  const { accessToken, accessExpiresAt, refreshToken, refreshExpiresAt, user } = value as Record<string, unknown>
  return (
    typeof accessToken === 'string' &&
    typeof accessExpiresAt === 'number' &&
    typeof refreshToken === 'string' &&
    typeof refreshExpiresAt === 'number' &&
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

function tokenFields(tokens: SessionTokens, now: number) {
  return {
    accessToken: tokens.accessToken,
    accessExpiresAt: now + tokens.expiresIn * 1000,
    refreshToken: tokens.refreshToken,
    refreshExpiresAt: now + tokens.refreshExpiresIn * 1000,
  }
}

export const useSessionStore = create<SessionState>()((set) => ({
  session: readStoredSession(),
  signIn: (result, now = Date.now()) => set({ session: { ...tokenFields(result, now), user: result.user } }),
  applyTokens: (tokens, now = Date.now()) =>
    set((state) => (state.session ? { session: { ...state.session, ...tokenFields(tokens, now) } } : state)),
  signOut: () => set({ session: null }),
  updateUser: (user) => set((state) => (state.session ? { session: { ...state.session, user } } : state)),
}))

useSessionStore.subscribe((state, previous) => {
  if (state.session !== previous.session) writeStoredSession(state.session)
})

/** Usable = the refresh token still works, even if the access token has to be renewed first. */
export function isSessionUsable(session: Session | null, now = Date.now()): session is Session {
  return session !== null && session.refreshExpiresAt - EXPIRY_MARGIN_MS > now
}

/** The access token can be sent as is (not expired, not about to). */
export function isAccessTokenFresh(session: Session, now = Date.now()): boolean {
  return session.accessExpiresAt - EXPIRY_MARGIN_MS > now
}

/**
 * Another H5 tab shares this storage and may have rotated the tokens already: its newer copy of
 * the same user's session replaces ours (ours holds a refresh token the server now treats as
 * reused). Returns the adopted session, or null when storage has nothing newer.
 */
export function adoptNewerStoredSession(now = Date.now()): Session | null {
  const current = useSessionStore.getState().session
  const stored = readStoredSession()
  if (!current || !stored || stored.refreshToken === current.refreshToken) return null
  if (stored.user.id !== current.user.id || !isSessionUsable(stored, now)) return null
  useSessionStore.setState({ session: stored })
  return stored
}

export function getUsableSession(now = Date.now()): Session | null {
  const { session } = useSessionStore.getState()
  return isSessionUsable(session, now) ? session : null
}
