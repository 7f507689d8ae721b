/**
 * Access tokens are short-lived HS256 JWTs naming the person (`sub`) and the session (`sid`).
 * The session row stays the source of truth: a token for a revoked session is refused.
 */
import { SignJWT, jwtVerify } from 'jose';

const ISSUER = 'zhihui-xiaoyuan';
const AUDIENCE = 'campus-api';

export interface AccessTokenClaims {
  personId: string;
  sessionId: string;
}

export interface AccessTokens {
  readonly ttlSeconds: number;
  sign(claims: AccessTokenClaims, issuedAt?: Date): Promise<string>;
  /** the claims of a valid, unexpired token of ours; undefined for anything else */
  verify(token: string): Promise<AccessTokenClaims | undefined>;
}

export function createAccessTokens(secret: string, ttlSeconds: number): AccessTokens {
  const key = new TextEncoder().encode(secret);
  return {
    ttlSeconds,
    async sign({ personId, sessionId }, issuedAt = new Date()) {
      const iat = Math.floor(issuedAt.getTime() / 1000);
      return new SignJWT({ sid: sessionId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(personId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .sign(key);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
        });
        if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return undefined;
        return { personId: payload.sub, sessionId: payload.sid };
      } catch {
        return undefined;
      }
    },
  };
}
