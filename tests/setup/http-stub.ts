import { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse } from 'axios'
import { httpClient } from '@/shared/http/http-client'

export interface StubRequest {
  method: string
  url: string
  params: Record<string, unknown> | undefined
  headers: Record<string, unknown>
  body: unknown
}

export type StubReply =
  | { status: number; body?: unknown; contentType?: string }
  | { fail: 'network' | 'timeout' }

export const reply = {
  json: (status: number, body?: unknown): StubReply => ({ status, body }),
  text: (status: number, body: string): StubReply => ({ status, body, contentType: 'text/html' }),
  network: (): StubReply => ({ fail: 'network' }),
  timeout: (): StubReply => ({ fail: 'timeout' }),
}

const originalAdapter = httpClient.defaults.adapter

/**
 * Replaces the network under the real axios instance (interceptors, transforms and status checks
 * all run). Bodies travel as strings, as they do on the wire, so axios parses them itself; errors
 * are built the way axios' xhr adapter builds them.
 */
export function stubHttp(handler: (request: StubRequest) => StubReply | Promise<StubReply>) {
  const requests: StubRequest[] = []
  const adapter: AxiosAdapter = async (config) => {
    const request: StubRequest = {
      method: (config.method ?? 'get').toUpperCase(),
      url: config.url ?? '',
      params: config.params,
      headers: AxiosHeaders.from(config.headers).toJSON(),
      body: typeof config.data === 'string' ? JSON.parse(config.data) : config.data,
    }
    requests.push(request)
    const result = await handler(request)
    if ('fail' in result) {
      throw result.fail === 'network'
        ? new AxiosError('Network Error', AxiosError.ERR_NETWORK, config, {})
        : new AxiosError(`timeout of ${config.timeout}ms exceeded`, AxiosError.ETIMEDOUT, config, {})
    }
    const response: AxiosResponse = {
      data: result.body === undefined ? '' : typeof result.body === 'string' ? result.body : JSON.stringify(result.body),
      status: result.status,
      statusText: String(result.status),
      headers: new AxiosHeaders({ 'content-type': result.contentType ?? 'application/json; charset=utf-8' }),
      config,
      request: {},
    }
    if (!config.validateStatus || config.validateStatus(result.status)) return response
    throw new AxiosError(
      `Request failed with status code ${result.status}`,
      result.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
      config,
      {},
      response,
    )
  }
  httpClient.defaults.adapter = adapter
  return { requests }
}

export function restoreHttp() {
  httpClient.defaults.adapter = originalAdapter
}
