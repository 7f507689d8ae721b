/**
 * The school's unified identity on H5: CAS 3.0 or OIDC (authorization code + PKCE). Both end the
 * same way: the callback maps the IdP's user to a person, stores a one-time handoff code (60 s,
 * hashed, single use) and redirects the browser to the app with `?handoff=<code>`, which the app
 * trades for tokens at POST /api/auth/exchange — tokens never travel in a URL.
 *
 * Callbacks never fail with an error page: every failure redirects to the login page with
 * `?error=<CODE>` (LOGIN_ERROR_MESSAGES in types/errors.ts has the Chinese text).
 */
import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '../../../../types/errors';
import { createPkcePair } from '../../integrations/oidc/oidc-client';
import { randomToken } from '../../shared/crypto';
import { AppError, accountDisabled } from '../../shared/errors';
import type { IdentityContext, RequestInfo } from './identity.context';
import * as repository from './identity.repository';
import { HANDOFF_TTL_SECONDS, type HandoffPayload } from './identity.service';
import { callUpstream } from './upstreams';

export const LOGIN_PAGE = '/pages/login/index';
export const OIDC_STATE_TTL_SECONDS = 10 * 60;
const MAX_REDIRECT_LENGTH = 512;

export const CAS_CALLBACK_PATH = '/api/auth/cas/callback';
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

export const redirectInvalid = (): AppError => new AppError(400, 'REDIRECT_INVALID', '跳转地址不合法');
const providerDisabled = (): AppError => new AppError(404, 'PROVIDER_DISABLED', '当前未启用该登录方式');
const notInDirectory = (): AppError =>
  new AppError(403, 'NOT_IN_DIRECTORY', '统一身份认证账号未在本校通讯录中，请联系管理员');
const stateMismatch = (): AppError => new AppError(400, 'STATE_MISMATCH', '登录请求已过期或不匹配，请重新登录');

/**
 * A same-origin app path: starts with one `/` (not `//host` or `/\host`, which browsers treat as
 * another origin), no whitespace, control characters or backslashes. undefined = none given.
 */
export function safeRedirect(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length > MAX_REDIRECT_LENGTH) throw redirectInvalid();
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!/^\/(?![/\\])[^\s\\\u0000-\u001f\u007f]*$/.test(raw)) throw redirectInvalid();
  // what a browser would make of it, resolved against a placeholder origin, must stay on it
  const resolved = new URL(raw, 'http://campus.invalid');
  if (resolved.origin !== 'http://campus.invalid') throw redirectInvalid();
  return raw;
}

/** `path` with `name=value` added to its query (before any #fragment). */
export function withParam(path: string, name: string, value: string): string {
  const hashAt = path.indexOf('#');
  const base = hashAt === -1 ? path : path.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : path.slice(hashAt);
  return `${base}${base.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}${hash}`;
}

export function loginErrorRedirect(code: ErrorCode, redirect?: string): string {
  const page = withParam(LOGIN_PAGE, 'error', code);
  return redirect ? withParam(page, 'redirect', redirect) : page;
}

interface OidcStatePayload {
  nonce: string;
  codeVerifier: string;
  redirect?: string;
}

export function createSsoService(ctx: IdentityContext) {
  const { db, config, upstreams } = ctx;
  const casServiceUrl = (redirect: string | undefined) =>
    redirect ? withParam(`${config.publicBaseUrl}${CAS_CALLBACK_PATH}`, 'redirect', redirect) : `${config.publicBaseUrl}${CAS_CALLBACK_PATH}`;
  const oidcRedirectUri = `${config.publicBaseUrl}${OIDC_CALLBACK_PATH}`;

  async function handoff(personId: string, method: HandoffPayload['method'], redirect: string | undefined): Promise<string> {
    const person = await repository.findPersonById(db, personId);
    if (!person) throw notInDirectory();
    if (person.status !== 'active') throw accountDisabled();
    const payload: HandoffPayload = { personId, method };
    const code = await ctx.issueOneTime('handoff', payload, HANDOFF_TTL_SECONDS);
    return withParam(redirect ?? LOGIN_PAGE, 'handoff', code);
  }

  /** Any failure → the login page with the error code; never an error page, never a 5xx. */
  async function asRedirect(
    client: RequestInfo,
    redirect: string | undefined | (() => string | undefined),
    run: () => Promise<string>,
  ): Promise<string> {
    try {
      return await run();
    } catch (error) {
      const back = typeof redirect === 'function' ? redirect() : redirect;
      if (error instanceof AppError) {
        client.log.info({ code: error.code }, 'unified login refused');
        return loginErrorRedirect(error.code, back);
      }
      client.log.error({ err: error }, 'unified login failed');
      return loginErrorRedirect('INTERNAL', back);
    }
  }

  /** the redirect a callback carries; an unsafe one is dropped (and reported) rather than followed */
  function callbackRedirect(raw: string | undefined): { redirect?: string; error?: ErrorCode } {
    try {
      const redirect = safeRedirect(raw);
      return redirect ? { redirect } : {};
    } catch {
      return { error: 'REDIRECT_INVALID' };
    }
  }

  return {
    /** GET /api/auth/cas/login → where to send the browser. */
    casLogin(rawRedirect: string | undefined): string {
      const cas = upstreams.cas;
      if (config.integrations.unified !== 'cas' || !cas) return loginErrorRedirect('PROVIDER_DISABLED');
      const redirect = safeRedirect(rawRedirect);
      return cas.loginUrl(casServiceUrl(redirect));
    },

    /** GET /api/auth/cas/callback: validate the ticket once, map the user, hand off. */
    async casCallback(query: { ticket?: string; redirect?: string }, client: RequestInfo): Promise<string> {
      const { redirect, error } = callbackRedirect(query.redirect);
      if (error) return loginErrorRedirect(error);
      return asRedirect(client, redirect, async () => {
        const cas = upstreams.cas;
        if (config.integrations.unified !== 'cas' || !cas) throw providerDisabled();
        await ctx.guard.ip(client.ip);
        const ticket = query.ticket;
        if (!ticket || ticket.length > 256) throw new AppError(401, 'TICKET_INVALID', '统一身份认证票据无效或已使用，请重新登录');
        const principal = await callUpstream(client.log, { code: 'TICKET_INVALID' }, () =>
          cas.validateServiceTicket(ticket, casServiceUrl(redirect)),
        );
        const bound = await repository.findBindingBySubject(db, 'cas', principal.user);
        const person = bound ? { id: bound.personId } : await repository.findPersonByNumber(db, principal.user);
        if (!person) throw notInDirectory();
        return handoff(person.id, 'cas', redirect);
      });
    },

    /** GET /api/auth/oidc/login: remember state, nonce and PKCE verifier (10 min, once), go to the IdP. */
    async oidcLogin(rawRedirect: string | undefined, client: RequestInfo): Promise<string> {
      const oidc = upstreams.oidc;
      if (config.integrations.unified !== 'oidc' || !oidc) return loginErrorRedirect('PROVIDER_DISABLED');
      const redirect = safeRedirect(rawRedirect);
      return asRedirect(client, redirect, async () => {
        const { codeVerifier, codeChallenge } = createPkcePair();
        const nonce = randomToken(16);
        const payload: OidcStatePayload = { nonce, codeVerifier, ...(redirect ? { redirect } : {}) };
        const state = await ctx.issueOneTime('oidc_state', payload, OIDC_STATE_TTL_SECONDS);
        return callUpstream(client.log, { code: 'CODE_INVALID' }, () =>
          oidc.authorizationUrl({ state, nonce, codeChallenge, redirectUri: oidcRedirectUri }),
        );
      });
    },

    /** GET /api/auth/oidc/callback: the state once, then the code (with PKCE and nonce checked). */
    async oidcCallback(
      query: { code?: string; state?: string; error?: string },
      client: RequestInfo,
    ): Promise<string> {
      let redirect: string | undefined;
      // the error redirect keeps where the user wanted to go, once the state has told us
      return asRedirect(client, () => redirect, async () => {
        const oidc = upstreams.oidc;
        if (config.integrations.unified !== 'oidc' || !oidc) throw providerDisabled();
        await ctx.guard.ip(client.ip);
        const saved = query.state && query.state.length <= 256 ? await ctx.consumeOneTime<OidcStatePayload>('oidc_state', query.state) : undefined;
        if (!saved) throw stateMismatch();
        redirect = saved.redirect;
        if (query.error || !query.code || query.code.length > 2048) {
            throw new AppError(401, 'CODE_INVALID', '统一身份认证未完成，请重新登录');
          }
          const code = query.code;
          const principal = await callUpstream(client.log, { code: 'CODE_INVALID' }, () =>
            oidc.exchangeCode({ code, codeVerifier: saved.codeVerifier, redirectUri: oidcRedirectUri, nonce: saved.nonce }),
          );
          const bound = await repository.findBindingBySubject(db, 'oidc', principal.sub);
          let personId = bound?.personId;
          if (!personId && principal.number) {
            const person = await repository.findPersonByNumber(db, principal.number);
            if (person) {
              personId = person.id;
              // remember sub → person, so the next login works even without the number claim
              if (!(await repository.findBindingByPerson(db, 'oidc', person.id))) {
                await repository
                  .insertBinding(db, { id: randomUUID(), provider: 'oidc', subject: principal.sub, unionid: null, personId, boundAt: new Date() })
                  .catch(() => undefined);
              }
            }
          }
        if (!personId) throw notInDirectory();
        return handoff(personId, 'oidc', redirect);
      });
    },
  };
}

export type SsoService = ReturnType<typeof createSsoService>;
