/**
 * The one error type every integration client throws. `message` is Chinese and safe to show to
 * the user as is; it never carries secrets (app secrets, session keys, tokens) nor upstream
 * internals. The identity module maps `kind` to a status: 'rejected' → 4xx, 'unavailable' → 502/503.
 */
export type IntegrationSystem = 'cas' | 'oidc' | 'wechat' | 'dingtalk' | 'sms';
/**
 * 'rejected': the user's input was bad (ticket invalid/reused, code expired/used, wrong password,
 * PKCE/state/nonce mismatch). 'unavailable': upstream down, timeout, malformed answer, bad app
 * credentials — nothing the user can fix.
 */
export type IntegrationErrorKind = 'rejected' | 'unavailable';

export class IntegrationError extends Error {
  constructor(
    readonly system: IntegrationSystem,
    readonly kind: IntegrationErrorKind,
    /** the upstream's own code (CAS `INVALID_TICKET`, WeChat `40029`, RFC 6749 `invalid_grant`…) or ours: `timeout`, `network`, `malformed`, `http_503` */
    readonly upstreamCode: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'IntegrationError';
  }
}

export const isIntegrationError = (error: unknown): error is IntegrationError => error instanceof IntegrationError;
