import type { Role } from '../../../types/roles';
import { unauthenticated } from './errors';

/** Who is calling: set by the auth plugin from a verified token and a live session. */
export interface AuthContext {
  personId: string;
  sessionId: string;
  roles: Role[];
}

/**
 * Every service method starts here (or with a stricter check built on it), so access is decided
 * in the service and a route cannot forget it.
 */
export function requireAuth(auth: AuthContext | null | undefined): asserts auth is AuthContext {
  if (!auth) throw unauthenticated();
}
