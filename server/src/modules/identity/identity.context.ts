/**
 * What every identity flow shares: the database, sessions, rate limits, the upstream clients,
 * the keys for data at rest, and `completeLogin`, the one way a proven person gets a session.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { LoginResult } from '../../../../types/auth';
import { CLIENT_PLATFORM_HEADER } from '../../../../types/api';
import type { AppConfig } from '../../config';
import type { Database, OneTimePurpose } from '../../db/schema';
import { deriveKey, randomToken, sha256 } from '../../shared/crypto';
import { accountDisabled } from '../../shared/errors';
import type { RateLimiter } from '../../shared/rate-limit';
import * as repository from './identity.repository';
import type { AuthMethod } from './identity.repository';
import { createLoginGuard, type LoginGuard } from './login-guard';
import { buildMeDetail } from './me-detail';
import type { ClientInfo, Sessions } from './sessions';
import type { Upstreams } from './upstreams';

/** Who is asking, as far as an anonymous login endpoint can tell. */
export interface RequestInfo extends ClientInfo {
  ip: string;
  log: FastifyBaseLogger;
}

export function requestInfo(request: FastifyRequest): RequestInfo {
  const platform = request.headers[CLIENT_PLATFORM_HEADER];
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip,
    log: request.log,
    ...(typeof platform === 'string' ? { platform } : {}),
    ...(typeof userAgent === 'string' ? { userAgent } : {}),
  };
}

export interface IdentityDeps {
  db: Kysely<Database>;
  config: AppConfig;
  sessions: Sessions;
  limiter: RateLimiter;
  upstreams: Upstreams;
}

export function createIdentityContext(deps: IdentityDeps) {
  const { db } = deps;
  const guard: LoginGuard = createLoginGuard(deps.limiter, deps.config.loginIpLimitPerMinute);
  const keys = {
    wechatSessionKey: deriveKey(deps.config.dataSecret, 'wechat-session-key'),
    smsCode: deriveKey(deps.config.dataSecret, 'sms-code'),
  };
  let issued = 0;

  return {
    ...deps,
    guard,
    keys,

    /** A person who proved who they are gets a session, unless disabled. */
    async completeLogin(personId: string, method: AuthMethod, client: ClientInfo): Promise<LoginResult> {
      const person = await repository.findPersonById(db, personId);
      if (!person) throw accountDisabled();
      if (person.status !== 'active') throw accountDisabled();
      const tokens = await deps.sessions.start(personId, method, client);
      return { ...tokens, user: await buildMeDetail(db, personId) };
    },

    /** A single-use token standing for `payload`: only its sha-256 is stored. */
    async issueOneTime(purpose: OneTimePurpose, payload: object, ttlSeconds: number): Promise<string> {
      const token = randomToken();
      const now = new Date();
      await repository.insertOneTimeToken(db, {
        id: randomUUID(),
        purpose,
        tokenHash: sha256(token),
        payload: JSON.stringify(payload),
        createdAt: now,
        expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
      });
      issued += 1;
      if (issued % 200 === 0) await repository.pruneOneTimeTokens(db, new Date(now.getTime() - 86_400_000));
      return token;
    },

    /** The payload, once: a second call with the same token gets undefined. */
    async consumeOneTime<T>(purpose: OneTimePurpose, token: string): Promise<T | undefined> {
      const payload = await repository.consumeOneTimeToken(db, purpose, sha256(token), new Date());
      return payload === undefined ? undefined : (JSON.parse(payload) as T);
    },

    async peekOneTime<T>(purpose: OneTimePurpose, token: string): Promise<T | undefined> {
      const payload = await repository.peekOneTimeToken(db, purpose, sha256(token), new Date());
      return payload === undefined ? undefined : (JSON.parse(payload) as T);
    },
  };
}

export type IdentityContext = ReturnType<typeof createIdentityContext>;
