/**
 * The one error shape every failed request returns, from the server to the UI.
 * `message` is Chinese and safe to show to the user as is; `code` is for programs.
 */
export const ERROR_CODES = [
  'BAD_REQUEST', // malformed JSON, wrong content type
  'VALIDATION_FAILED', // body / query / params do not match the route's schema
  'UNAUTHENTICATED', // no token, expired or forged token
  'INVALID_CREDENTIALS', // wrong username or password
  'ACCOUNT_DISABLED',
  'FORBIDDEN', // authenticated but not allowed to touch this row or field
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'INTERNAL', // a bug: never carries details
  // identity (issue 3)
  'SESSION_EXPIRED', // refresh token unknown, expired or its session ended: log in again
  'REFRESH_REUSED', // an already-rotated refresh token came back: the whole session is revoked
  'TICKET_INVALID', // CAS ticket invalid, expired or already used
  'STATE_MISMATCH', // OIDC state unknown, expired or already used
  'CODE_INVALID', // a one-time code (handoff, OIDC code, WeChat/DingTalk login code, SMS code) is wrong or used
  'NEEDS_BINDING', // the platform identity is bound to nobody yet
  'BIND_TICKET_INVALID', // the bind ticket expired or was used
  'ALREADY_BOUND', // that WeChat / DingTalk account is bound to someone else
  'NOT_IN_DIRECTORY', // the unified identity knows the user, the campus directory does not
  'REDIRECT_INVALID', // a login redirect that is not a same-origin path
  'PROVIDER_DISABLED', // that login method is not configured on this deployment
  'UPSTREAM_UNAVAILABLE', // CAS / OIDC / WeChat / DingTalk / SMS did not answer properly
  // staff walking (issue 6)
  'WERUN_SESSION_STALE', // WeChat Run data would not decrypt with the stored session_key: log in silently again, then retry once
  'WERUN_DATA_INVALID', // WeChat Run data for another appid, or not WeChat Run data at all
  'WERUN_DATA_STALE', // WeChat Run data whose watermark is too old (or from the future): fetch it again
  'STEPS_IMPOSSIBLE', // negative, more than 100,000 a day, or a day in the future: recorded for the admin
  'WALK_CONSENT_REQUIRED', // step data is used only after the participant's separate consent
  'NETWORK', // client side only: the request never reached the server
  'TIMEOUT', // client side only
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  /** JSON pointer-ish path of the offending field, e.g. `/password`. */
  field: string;
  message: string;
}

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** Present for VALIDATION_FAILED: one entry per bad field. */
  fields?: FieldError[];
}

/**
 * Chinese messages for the codes the CAS / OIDC callbacks put in `/pages/login/index?error=CODE`
 * (a redirect carries no body): the login page shows `LOGIN_ERROR_MESSAGES[code]`.
 */
export const LOGIN_ERROR_MESSAGES: Partial<Record<ErrorCode, string>> = {
  TICKET_INVALID: '统一身份认证票据无效或已使用，请重新登录',
  STATE_MISMATCH: '登录请求已过期或不匹配，请重新登录',
  CODE_INVALID: '登录凭证无效或已过期，请重新登录',
  NOT_IN_DIRECTORY: '统一身份认证账号未在本校通讯录中，请联系管理员',
  ACCOUNT_DISABLED: '账号已停用，请联系管理员',
  UPSTREAM_UNAVAILABLE: '统一身份认证服务暂时不可用，请稍后重试',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  PROVIDER_DISABLED: '当前未启用该登录方式',
  BAD_REQUEST: '登录请求不正确，请重新登录',
  REDIRECT_INVALID: '登录后的跳转地址不合法，请从首页重新登录',
  INTERNAL: '服务器开小差了，请稍后重试',
};
