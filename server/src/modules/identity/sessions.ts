/**
 * Sessions and their tokens. A session is one refresh-token family: every login starts one, every
 * refresh rotates its refresh token, and presenting a token that was already rotated means two
 * parties hold it (someone stole it) — the whole session ends, the thief's copy and the
 * legitimate one alike.
 *
 * Access token: HS256 JWT (≤ 15 min) naming the session; checked against the session row on every
 * request, so ending a session takes effect at once. Refresh token: 32 random bytes (base64url),
 * stored only as its sha-256.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SessionTokens } from '../../../../types/auth';
import { PLATFORMS, type Platform } from '../../../../types/roles';
import type { Database } from '../../db/schema';
import { randomToken, sha256 } from '../../shared/crypto';
import { AppError, accountDisabled } from '../../shared/errors';
import type { AccessTokens } from './access-token';
import * as repository from './identity.repository';
import type { AuthMethod, RevokeReason } from './identity.repository';

export interface ClientInfo {
  userAgent?: string;
  platform?: string;
}

/**
 * A second refresh of the same token this soon after the first is a race of the legitimate client
 * (two tabs, a retried request), not theft: it gets 409 and revokes nothing. Later, it is theft.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 10;

export const refreshInvalid = (): AppError => new AppError(401, 'SESSION_EXPIRED', '登录状态已失效，请重新登录');
export const refreshReused = (): AppError => new AppError(401, 'REFRESH_REUSED', '登录状态已失效，请重新登录');
const refreshRace = (): AppError => new AppError(409, 'CONFLICT', '登录状态刚刚已刷新，请重试');

export interface RefreshOutcome extends SessionTokens {
  personId: string;
}

export function createSessions(db: Kysely<Database>, tokens: AccessTokens, refreshTtlSeconds: number) {
  const refreshExpiry = (from: Date) => new Date(from.getTime() + refreshTtlSeconds * 1000);

  const tokensFor = async (personId: string, sessionId: string, refreshToken: string, now: Date): Promise<SessionTokens> => ({
    accessToken: await tokens.sign({ personId, sessionId }, now),
    expiresIn: tokens.ttlSeconds,
    refreshToken,
    refreshExpiresIn: refreshTtlSeconds,
  });

  return {
    /** A new session (token family) for a person who just proved who they are. */
    async start(personId: string, method: AuthMethod, client: ClientInfo = {}): Promise<SessionTokens> {
      const now = new Date();
      const sessionId = randomUUID();
      const refreshToken = randomToken();
      const refreshId = randomUUID();
      const platform = PLATFORMS.includes(client.platform as Platform) ? (client.platform as Platform) : null;
      await db.transaction().execute(async (trx) => {
        await repository.insertSession(trx, {
          id: sessionId,
          personId,
          authMethod: method,
          platform,
          userAgent: client.userAgent?.slice(0, 256) ?? null,
          createdAt: now,
          expiresAt: refreshExpiry(now),
        });
        await repository.insertRefreshToken(trx, {
          id: refreshId,
          sessionId,
          tokenHash: sha256(refreshToken),
          createdAt: now,
          expiresAt: refreshExpiry(now),
        });
      });
      return tokensFor(personId, sessionId, refreshToken, now);
    },

    /**
     * Rotates a refresh token: exactly one of any number of concurrent callers wins (conditional
     * update on rotated_at IS NULL); an already-rotated token ends the session.
     */
    async refresh(refreshToken: string): Promise<RefreshOutcome> {
      const now = new Date();
      const state = await repository.findRefreshToken(db, sha256(refreshToken));
      if (!state || state.sessionRevoked || state.revokedAt) throw refreshInvalid();
      if (state.rotatedAt) {
        if (now.getTime() - state.rotatedAt.getTime() < REFRESH_REUSE_GRACE_SECONDS * 1000) throw refreshRace();
        await db.transaction().execute(async (trx) => {
          await repository.revokeSession(trx, state.sessionId, now, 'refresh_reused');
          await repository.revokeFamily(trx, state.sessionId, now);
        });
        throw refreshReused();
      }
      if (state.expiresAt <= now) throw refreshInvalid();
      if (state.personStatus !== 'active') throw accountDisabled();

      const next = randomToken();
      const nextId = randomUUID();
      const won = await db.transaction().execute(async (trx) => {
        if (!(await repository.markRotated(trx, state.id, nextId, now))) return false;
        await repository.insertRefreshToken(trx, {
          id: nextId,
          sessionId: state.sessionId,
          tokenHash: sha256(next),
          createdAt: now,
          expiresAt: refreshExpiry(now),
        });
        await repository.extendSession(trx, state.sessionId, refreshExpiry(now));
        return true;
      });
      if (!won) throw refreshRace();
      return { ...(await tokensFor(state.personId, state.sessionId, next, now)), personId: state.personId };
    },

    async end(sessionId: string, reason: RevokeReason): Promise<void> {
      const now = new Date();
      await repository.revokeSession(db, sessionId, now, reason);
      await repository.revokeFamily(db, sessionId, now);
    },

    /** Ends every session of a person at once (unbind, disable). */
    async endAll(personId: string, reason: RevokeReason, authMethod?: AuthMethod): Promise<number> {
      return repository.revokePersonSessions(db, personId, new Date(), reason, authMethod);
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
