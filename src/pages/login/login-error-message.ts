import { LOGIN_ERROR_MESSAGES } from '@contract/errors'

const FALLBACK = '登录失败，请重试'

/**
 * The message for `?error=CODE`, where the CAS / OIDC callback sends the browser when a login
 * fails: a redirect carries no body, so the text comes from the shared contract. A code this
 * build does not know (a newer server) still gets a message.
 */
export function loginErrorMessage(code: string): string {
  return (LOGIN_ERROR_MESSAGES as Partial<Record<string, string>>)[code] ?? FALLBACK
}
