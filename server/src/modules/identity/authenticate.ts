import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuthContext } from '../../shared/auth-context';
import { accountDisabled, sessionExpired, unauthenticated } from '../../shared/errors';
import type { AccessTokens } from './access-token';
import { findLiveSession, findRoles } from './identity.repository';

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;
const MAX_TOKEN_LENGTH = 4096;

/**
 * Turns an Authorization header into an AuthContext, or throws 401/403. The token proves who
 * signed in; the session row and the person's status decide whether that still counts.
 */
export function createAuthenticator(db: Kysely<Database>, tokens: AccessTokens) {
  return async function authenticate(authorization: string | undefined): Promise<AuthContext> {
    if (!authorization) throw unauthenticated();
    const token = BEARER.exec(authorization.trim())?.[1];
    if (!token || token.length > MAX_TOKEN_LENGTH) throw sessionExpired();

    const claims = await tokens.verify(token);
    if (!claims) throw sessionExpired();

    const owner = await findLiveSession(db, claims.sessionId, claims.personId, new Date());
    if (!owner) throw sessionExpired();
    if (owner.personStatus !== 'active') throw accountDisabled();

    return { personId: owner.personId, sessionId: claims.sessionId, roles: await findRoles(db, owner.personId) };
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
