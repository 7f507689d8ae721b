import Taro from '@tarojs/taro'
import { ROUTES, normalizeRoute } from './routes'

let redirecting = false

function currentRoute(): string | null {
  const pages = Taro.getCurrentPages()
  const top = pages[pages.length - 1] as { route?: string; path?: string } | undefined
  const route = top?.route ?? top?.path
  return route ? normalizeRoute(route) : null
}

/**
 * Several requests can fail with 401 at once (a page loads three things); only the first one
 * navigates, and nothing happens while the login page is already showing.
 */
export function redirectToLogin(): void {
  if (redirecting || currentRoute() === normalizeRoute(ROUTES.login)) return
  redirecting = true
  const done = () => {
    redirecting = false
  }
  Taro.reLaunch({ url: ROUTES.login }).then(done, done)
}
