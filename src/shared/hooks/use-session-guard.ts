import { useEffect } from 'react'
import { redirectToLogin } from '../navigation/redirect-to-login'
import { isSessionValid, useSessionStore, type Session } from '../session/session-store'

/**
 * For pages that need a signed-in user: returns the session, or null while sending the user to
 * the login page (no session, expired, or signed out on another page).
 */
export function useSessionGuard(): Session | null {
  const session = useSessionStore((state) => state.session)
  const valid = isSessionValid(session)
  useEffect(() => {
    if (!valid) redirectToLogin()
  }, [valid])
  return valid ? session : null
}
