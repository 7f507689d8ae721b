import axios, { type AxiosRequestConfig, type AxiosResponse } from 'axios'
import { CLIENT_PLATFORM_HEADER } from '@contract/headers'
import { redirectToLogin } from '../navigation/redirect-to-login'
import { platformAdapter } from '@/shared/platform'
import { getAccessToken, useSessionStore } from '../session/session-store'
import { toApiError, unexpectedBodyError } from './api-error'

declare module 'axios' {
  interface AxiosRequestConfig {
    /** A 401 from this request is a result to show (wrong password), not an expired session. */
    skipAuthRedirect?: boolean
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

httpClient.interceptors.request.use((config) => {
  config.headers.set(CLIENT_PLATFORM_HEADER, platformAdapter.platform)
  const token = getAccessToken()
  if (token) config.headers.set('Authorization', `Bearer ${token}`)
  return config
})

/**
 * A JSON API never answers 2xx with a string; this happens when the request reached something
 * else (an HTML fallback page, a captive portal).
 */
function hasUnexpectedBody(response: AxiosResponse): boolean {
  return response.status !== 204 && typeof response.data === 'string' && response.data.length > 0
}

httpClient.interceptors.response.use(
  (response) => {
    if (hasUnexpectedBody(response)) throw unexpectedBodyError(response.status)
    return response.data
  },
  (error: unknown) => {
    const apiError = toApiError(error)
    const config = (error as { config?: AxiosRequestConfig }).config
    if (apiError.status === 401 && !config?.skipAuthRedirect) {
      useSessionStore.getState().signOut()
      redirectToLogin()
    }
    throw apiError
  },
)

// The response interceptor already unwrapped `data`, which axios's own typings cannot express.
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
