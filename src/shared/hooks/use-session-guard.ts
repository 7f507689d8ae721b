import { useEffect } from 'react'
import { requireSignIn } from '../auth/silent-login'
import { isSessionUsable, useSessionStore, type Session } from '../session/session-store'

/**
 * For pages that need a signed-in user: returns the session, or null while getting one (silent
 * login on mini-programs, the login page in a browser) when there is none, it has expired, or the
 * user signed out on another page.
 */
export function useSessionGuard(): Session | null {
  const session = useSessionStore((state) => state.session)
  const usable = isSessionUsable(session)
  useEffect(() => {
    if (!usable) void requireSignIn()
  }, [usable])
  return usable ? session : null
}
