/**
 * What the identity flows need from the outside world, as plain interfaces: the real clients
 * (server/src/integrations) satisfy them, and unit tests can hand in fakes. Every failure of an
 * upstream arrives as an IntegrationError and is turned into a 4xx / 503 here, with the context
 * the flow knows (a rejected CAS ticket is TICKET_INVALID, a rejected WeChat code CODE_INVALID).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ErrorCode } from '../../../../types/errors';
import { isIntegrationError, type IntegrationSystem } from '../../integrations/integration-error';
import { AppError } from '../../shared/errors';

export interface Principal {
  user: string;
  attributes: Record<string, unknown>;
}

export interface Upstreams {
  cas?: {
    loginUrl(serviceUrl: string): string;
    validateServiceTicket(ticket: string, serviceUrl: string): Promise<Principal>;
    verifyPassword(username: string, password: string): Promise<Principal | null>;
  };
  oidc?: {
    authorizationUrl(input: { state: string; nonce: string; codeChallenge: string; redirectUri: string }): Promise<string>;
    exchangeCode(input: { code: string; codeVerifier: string; redirectUri: string; nonce: string }): Promise<{
      sub: string;
      number?: string;
      name?: string;
      claims: Record<string, unknown>;
    }>;
  };
  wechat?: { code2session(code: string): Promise<{ openid: string; unionid?: string; sessionKey: string }> };
  dingtalk?: {
    getUserByAuthCode(authCode: string): Promise<{
      userid: string;
      name?: string;
      jobNumber?: string;
      mobile?: string;
      unionid?: string;
    }>;
    /** DingTalk 运动 steps (staff walking, issue 6) */
    getStepInfo?(userid: string, statDates: string[]): Promise<{ statDate: string; stepCount: number }[]>;
  };
  sms?: { sendCode(mobile: string, code: string): Promise<void> };
}

const UNAVAILABLE: Record<IntegrationSystem, string> = {
  cas: '统一身份认证服务暂时不可用，请稍后重试',
  oidc: '统一身份认证服务暂时不可用，请稍后重试',
  wechat: '微信登录服务暂时不可用，请稍后重试',
  dingtalk: '钉钉登录服务暂时不可用，请稍后重试',
  sms: '短信服务暂时不可用，请稍后重试',
};

export const upstreamUnavailable = (system: IntegrationSystem): AppError =>
  new AppError(503, 'UPSTREAM_UNAVAILABLE', UNAVAILABLE[system]);

/**
 * Runs an upstream call; an IntegrationError becomes `rejected` (401 with the given code and the
 * client's user-safe Chinese message) or 503 UPSTREAM_UNAVAILABLE. Logged with the upstream's code,
 * never with a secret (the integration clients keep those out of their errors).
 */
export async function callUpstream<T>(
  log: FastifyBaseLogger,
  rejectedAs: { status?: number; code: ErrorCode; message?: string },
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isIntegrationError(error)) throw error;
    log.warn(
      { upstream: { system: error.system, kind: error.kind, code: error.upstreamCode } },
      error.kind === 'rejected' ? 'upstream refused the login' : 'upstream unavailable',
    );
    if (error.kind === 'unavailable') throw upstreamUnavailable(error.system);
    throw new AppError(rejectedAs.status ?? 401, rejectedAs.code, rejectedAs.message ?? error.message);
  }
}
