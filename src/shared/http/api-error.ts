import { isAxiosError } from 'axios'
import type { ApiErrorBody, ErrorCode, FieldError } from '@contract/errors'
import { ERROR_CODES } from '@contract/errors'

export const CLIENT_MESSAGES = {
  NETWORK: '网络不可用，请检查网络后重试',
  TIMEOUT: '请求超时，请稍后重试',
  INTERNAL: '服务暂时不可用，请稍后重试',
} as const

/** The only error the UI ever sees from a request: a code for programs, a Chinese message for people. */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly status?: number
  readonly fields?: FieldError[]

  constructor(code: ErrorCode, message: string, options: { status?: number; fields?: FieldError[] } = {}) {
    super(message)
    // Transpiled to ES5, `extends Error` loses the subclass prototype; instanceof must keep working.
    Object.setPrototypeOf(this, ApiError.prototype)
    this.name = 'ApiError'
    this.code = code
    this.status = options.status
    this.fields = options.fields
  }

  /** The request never got an answer: trying again may help, the user's input is not at fault. */
  get isRetryable(): boolean {
    return this.code === 'NETWORK' || this.code === 'TIMEOUT'
  }
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES)

export function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null) return false
  const { code, message, fields } = body as Record<string, unknown>
  return (
    typeof code === 'string' &&
    KNOWN_CODES.has(code) &&
    typeof message === 'string' &&
    message.length > 0 &&
    (fields === undefined || Array.isArray(fields))
  )
}

export function unexpectedBodyError(status?: number): ApiError {
  return new ApiError('INTERNAL', CLIENT_MESSAGES.INTERNAL, { status })
}

/** Turns anything a request can throw into an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (!isAxiosError(error)) return unexpectedBodyError()

  const { response } = error
  if (response) {
    const body = response.data
    return isApiErrorBody(body)
      ? new ApiError(body.code, body.message, { status: response.status, fields: body.fields })
      : unexpectedBodyError(response.status)
  }
  // `clarifyTimeoutError` (set on the client) makes axios report timeouts as ETIMEDOUT, so an
  // ECONNABORTED here is an aborted connection, i.e. a network failure.
  if (error.code === 'ETIMEDOUT') {
    return new ApiError('TIMEOUT', CLIENT_MESSAGES.TIMEOUT)
  }
  return new ApiError('NETWORK', CLIENT_MESSAGES.NETWORK)
}
