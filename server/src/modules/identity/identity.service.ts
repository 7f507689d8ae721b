import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { LoginBody, LoginResponse, Me } from '../../../../types/api';
import { PLATFORMS, type Platform } from '../../../../types/roles';
import type { Database } from '../../db/schema';
import { requireAuth, type AuthContext } from '../../shared/auth-context';
import { AppError, accountDisabled, sessionExpired } from '../../shared/errors';
import { verifyPassword } from '../../shared/password';
import type { AccessTokens } from './access-token';
import * as repository from './identity.repository';

export interface ClientInfo {
  userAgent?: string;
  platform?: string;
}

const invalidCredentials = (): AppError => new AppError(401, 'INVALID_CREDENTIALS', '账号或密码错误');

function toMe(profile: repository.Profile, roles: Me['roles']): Me {
  const me: Me = { id: profile.id, number: profile.number, name: profile.name, kind: profile.kind, roles };
  if (profile.college) me.college = profile.college;
  if (profile.major) me.major = profile.major;
  if (profile.className) me.className = profile.className;
  if (profile.department) me.department = profile.department;
  return me;
}

export function createIdentityService(db: Kysely<Database>, tokens: AccessTokens) {
  return {
    /**
     * Unknown user and wrong password get the same answer after the same work; a disabled
     * account is only revealed to someone who knows its password.
     */
    async login(body: LoginBody, client: ClientInfo = {}): Promise<LoginResponse> {
      const candidate = await repository.findLoginCandidate(db, body.username.trim());
      const passwordMatches = await verifyPassword(body.password, candidate?.passwordHash);
      if (!candidate || !passwordMatches) throw invalidCredentials();
      if (candidate.status !== 'active') throw accountDisabled();

      const [profile, roles] = await Promise.all([
        repository.findProfile(db, candidate.id),
        repository.findRoles(db, candidate.id),
      ]);
      if (!profile) throw invalidCredentials();

      const now = new Date();
      const sessionId = randomUUID();
      const platform = PLATFORMS.includes(client.platform as Platform) ? (client.platform as Platform) : null;
      await repository.insertSession(db, {
        id: sessionId,
        personId: candidate.id,
        authMethod: 'password',
        platform,
        userAgent: client.userAgent?.slice(0, 256) ?? null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + tokens.ttlSeconds * 1000),
      });
      const accessToken = await tokens.sign({ personId: candidate.id, sessionId }, now);
      return { accessToken, expiresIn: tokens.ttlSeconds, user: toMe(profile, roles) };
    },

    async me(auth: AuthContext | null): Promise<Me> {
      requireAuth(auth);
      const profile = await repository.findProfile(db, auth.personId);
      if (!profile) throw sessionExpired();
      return toMe(profile, auth.roles);
    },

    async logout(auth: AuthContext | null): Promise<void> {
      requireAuth(auth);
      await repository.revokeSession(db, auth.sessionId, new Date());
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
