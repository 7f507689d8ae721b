/**
 * The built-in directory login, the handoff exchange after CAS / OIDC, refresh and logout.
 * Each method starts with its access check: the rate limits for the anonymous ones,
 * requireAuth for logout.
 */
import type { LoginBody } from '../../../../types/api';
import type { LoginResult, Providers, SessionTokens } from '../../../../types/auth';
import { requireAuth, type AuthContext } from '../../shared/access';
import { AppError, accountDisabled } from '../../shared/errors';
import { verifyPassword } from '../../shared/password';
import type { IdentityContext, RequestInfo } from './identity.context';
import type { AuthMethod } from './identity.repository';
import * as repository from './identity.repository';

export const invalidCredentials = (): AppError => new AppError(401, 'INVALID_CREDENTIALS', '账号或密码错误');
export const handoffInvalid = (): AppError => new AppError(401, 'CODE_INVALID', '登录凭证无效或已过期，请重新登录');

/** What a CAS / OIDC callback hands to POST /api/auth/exchange through the one-time code. */
export interface HandoffPayload {
  personId: string;
  method: Extract<AuthMethod, 'cas' | 'oidc'>;
}
export const HANDOFF_TTL_SECONDS = 60;

export const UNIFIED_LABELS: Record<Providers['unified'], string> = {
  cas: '统一身份认证',
  oidc: '统一身份认证',
  password: '账号密码登录',
};

export function createIdentityService(ctx: IdentityContext) {
  const { db } = ctx;

  /**
   * Checks a username and password against the built-in directory, with the per-account back-off
   * (one bucket per account, shared by password login and binding).
   * Unknown user and wrong password cost the same scrypt and get the same 401; a disabled account
   * is only revealed to someone who knows its password.
   */
  async function checkDirectoryPassword(username: string, password: string): Promise<string> {
    const kind = 'password';
    await ctx.guard.account(kind, username);
    const candidate = await repository.findLoginCandidate(db, username);
    const passwordMatches = await verifyPassword(password, candidate?.passwordHash);
    if (!candidate || !passwordMatches) {
      await ctx.guard.failed(kind, username);
      throw invalidCredentials();
    }
    await ctx.guard.succeeded(kind, username);
    if (candidate.status !== 'active') throw accountDisabled();
    return candidate.id;
  }

  return {
    checkDirectoryPassword,

    providers(): Providers {
      const { unified } = ctx.config.integrations;
      return { unified, unifiedLabel: UNIFIED_LABELS[unified], parentSms: Boolean(ctx.upstreams.sms) };
    },

    async login(body: LoginBody, client: RequestInfo): Promise<LoginResult> {
      await ctx.guard.ip(client.ip);
      const personId = await checkDirectoryPassword(body.username.trim(), body.password);
      return ctx.completeLogin(personId, 'password', client);
    },

    /** The one-time code a CAS / OIDC callback put into the redirect: once, within 60 s. */
    async exchange(code: string, client: RequestInfo): Promise<LoginResult> {
      await ctx.guard.ip(client.ip);
      const handoff = await ctx.consumeOneTime<HandoffPayload>('handoff', code);
      if (!handoff) throw handoffInvalid();
      return ctx.completeLogin(handoff.personId, handoff.method, { ...client, platform: client.platform ?? 'h5' });
    },

    async refresh(refreshToken: string): Promise<SessionTokens> {
      const { personId: _personId, ...tokens } = await ctx.sessions.refresh(refreshToken);
      return tokens;
    },

    /** Ends this session (the whole token family). */
    async logout(auth: AuthContext | null): Promise<void> {
      requireAuth(auth);
      await ctx.sessions.end(auth.sessionId, 'logout');
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
