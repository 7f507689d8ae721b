import axios, { type AxiosRequestConfig, type AxiosResponse } from 'axios'
import type { SessionTokens } from '@contract/auth'
import { CLIENT_PLATFORM_HEADER } from '@contract/headers'
import { pauseSilentLogin } from '../auth/silent-login-pause'
import { redirectToLogin } from '../navigation/redirect-to-login'
import { platformAdapter } from '@/shared/platform'
import {
  adoptNewerStoredSession,
  getUsableSession,
  isAccessTokenFresh,
  useSessionStore,
  type Session,
} from '../session/session-store'
import { ApiError, toApiError, unexpectedBodyError } from './api-error'

declare module 'axios' {
  interface AxiosRequestConfig {
    /**
     * An auth endpoint (login, exchange, bind, refresh, logout): a 401 is its answer (wrong
     * password), not an expired access token, so it is never refreshed, retried or redirected.
     */
    skipAuthRedirect?: boolean
    /** The access token this request went out with; tells a stale 401 from a fresh one. */
    sentAccessToken?: string | null
    /** Set on the one retry after a refresh, so a second 401 cannot loop. */
    retriedAfterRefresh?: boolean
  }
}

/** '' = the page's own origin (H5 served by the campus server). */
export const API_BASE_URL = process.env.TARO_APP_API_BASE ?? ''

export const httpClient = axios.create({
  baseURL: API_BASE_URL,
  timeout: 15_000,
  // On mini-programs @tarojs/plugin-http supplies XMLHttpRequest on top of the host's request
  // API; naming the adapter keeps axios from probing fetch, which those hosts lack.
  adapter: 'xhr',
  transitional: { clarifyTimeoutError: true },
})

// The response interceptor already unwraps `data`, which axios's own typings cannot express.
export const http = {
  get<T>(url: string, config?: AxiosRequestConfig): Promise<T> {
    return httpClient.get(url, config) as unknown as Promise<T>
  },
  post<T>(url: string, body?: unknown, config?: AxiosRequestConfig): Promise<T> {
    return httpClient.post(url, body, config) as unknown as Promise<T>
  },
  put<T>(url: string, body?: unknown, config?: AxiosRequestConfig): Promise<T> {
    return httpClient.put(url, body, config) as unknown as Promise<T>
  },
  delete<T>(url: string, config?: AxiosRequestConfig): Promise<T> {
    return httpClient.delete(url, config) as unknown as Promise<T>
  },
}

const SESSION_GONE_MESSAGE = '登录已过期，请重新登录'

/**
 * The server refused the refresh token itself (expired, revoked, reused): only a new login helps.
 * A network failure, a 5xx or a rate limit leaves the session as it is, to be tried again later.
 */
function refreshWasRefused(error: ApiError): boolean {
  return error.status === 400 || error.status === 401 || error.status === 403
}

function isSessionTokens(body: unknown): body is SessionTokens {
  const tokens = body as Partial<SessionTokens> | null
  return (
    !!tokens &&
    typeof tokens.accessToken === 'string' &&
    typeof tokens.refreshToken === 'string' &&
    typeof tokens.expiresIn === 'number' &&
    typeof tokens.refreshExpiresIn === 'number'
  )
}

/** How long to wait for another tab's refresh of the same token to land in the shared storage. */
const OTHER_TAB_REFRESH_WAIT_MS = 600

/**
 * Signs out without navigating. Silent login is paused first, before any page's session guard
 * sees the session go: the server ended this session (revoked, reused token), so the user belongs
 * on the login page rather than being logged straight back in on a mini-program.
 */
function abandonSessionQuietly(): void {
  pauseSilentLogin()
  useSessionStore.getState().signOut()
}

let refreshing: Promise<Session> | null = null

/**
 * Trades the refresh token for new tokens, once for everybody asking at the same time: the server
 * rotates the refresh token on every use and treats a second use of the old one as theft
 * (REFRESH_REUSED revokes the whole session), so two parallel refreshes would log the user out.
 * A refused refresh signs out; navigating is left to the caller.
 */
export function refreshSession(): Promise<Session> {
  refreshing ??= (async () => {
    const adopted = adoptNewerStoredSession()
    if (adopted && isAccessTokenFresh(adopted)) return adopted
    const session = getUsableSession()
    if (!session) {
      abandonSessionQuietly()
      throw new ApiError('UNAUTHENTICATED', SESSION_GONE_MESSAGE, { status: 401 })
    }
    let tokens: unknown
    try {
      tokens = await http.post<unknown>('/api/auth/refresh', { refreshToken: session.refreshToken }, { skipAuthRedirect: true })
    } catch (caught) {
      const error = toApiError(caught)
      // 409: the server is rotating this very token for someone else right now, i.e. another tab.
      if (error.status === 409) {
        await new Promise((resolve) => setTimeout(resolve, OTHER_TAB_REFRESH_WAIT_MS))
        const fromOtherTab = adoptNewerStoredSession()
        if (fromOtherTab) return fromOtherTab
      }
      // Only if nobody signed in afresh meanwhile: that new session is not the one refused.
      if (refreshWasRefused(error) && useSessionStore.getState().session?.refreshToken === session.refreshToken) {
        abandonSessionQuietly()
      }
      throw error
    }
    if (!isSessionTokens(tokens)) throw unexpectedBodyError()
    const store = useSessionStore.getState()
    if (store.session?.refreshToken === session.refreshToken) store.applyTokens(tokens)
    const current = useSessionStore.getState().session
    if (!current) throw new ApiError('UNAUTHENTICATED', SESSION_GONE_MESSAGE, { status: 401 })
    return current
  })().finally(() => {
    refreshing = null
  })
  return refreshing
}

let recovering: Promise<Session> | null = null

/** refreshSession for requests in flight: when the refresh is refused, one trip to the login page for all of them. */
function recoverSession(): Promise<Session> {
  recovering ??= refreshSession()
    .catch((error: unknown) => {
      if (error instanceof ApiError && refreshWasRefused(error)) redirectToLogin()
      throw error
    })
    .finally(() => {
      recovering = null
    })
  return recovering
}

function abandonSession(): void {
  abandonSessionQuietly()
  redirectToLogin()
}

httpClient.interceptors.request.use(async (config) => {
  config.headers.set(CLIENT_PLATFORM_HEADER, platformAdapter.platform)
  let session = getUsableSession()
  // An access token known to be expired would only earn a 401 and a second round trip.
  if (session && !isAccessTokenFresh(session) && !config.skipAuthRedirect) session = await recoverSession()
  const token = session && isAccessTokenFresh(session) ? session.accessToken : null
  config.sentAccessToken = token
  if (token) config.headers.set('Authorization', `Bearer ${token}`)
  else config.headers.delete('Authorization')
  return config
})

/**
 * A JSON API never answers 2xx with a string; this happens when the request reached something
 * else (an HTML fallback page, a captive portal).
 */
function hasUnexpectedBody(response: AxiosResponse): boolean {
  return response.status !== 204 && typeof response.data === 'string' && response.data.length > 0
}

/** The access token was not accepted (expired early, server restarted with a new key…); the refresh token may still be good. */
function isRefreshable(error: ApiError): boolean {
  return error.status === 401 && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED')
}

httpClient.interceptors.response.use(
  (response) => {
    if (hasUnexpectedBody(response)) throw unexpectedBodyError(response.status)
    return response.data
  },
  async (error: unknown) => {
    const apiError = toApiError(error)
    const config = (error as { config?: AxiosRequestConfig }).config
    // No config: the request never left (a refused refresh before sending), already handled.
    if (apiError.status !== 401 || !config || config.skipAuthRedirect) throw apiError
    const session = getUsableSession()
    if (!isRefreshable(apiError) || config.retriedAfterRefresh || !session) {
      abandonSession()
      throw apiError
    }
    // Another request may have refreshed while this one was on the wire: then its token is new already.
    if (session.accessToken === config.sentAccessToken) await recoverSession()
    return httpClient.request({ ...config, retriedAfterRefresh: true })
  },
)
