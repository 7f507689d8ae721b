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
