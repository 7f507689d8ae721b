/** Page URLs as Taro's navigation APIs take them. */
export const ROUTES = {
  login: '/pages/login/index',
  bind: '/pages/bind/index',
  home: '/pages/index/index',
  todo: '/pages/todo/index',
  me: '/pages/me/index',
  microapp: '/packages/microapp/pages/index/index',
  microappDetail: '/packages/microapp/pages/detail/index',
  microappStats: '/packages/microapp/pages/stats/index',
  webview: '/packages/webview/pages/index/index',
  hallSearch: '/packages/hall/pages/search/index',
  hallAll: '/packages/hall/pages/all/index',
  hallFavorites: '/packages/hall/pages/favorites/index',
  messages: '/packages/messages/pages/index/index',
} as const

/** `URLSearchParams` is missing from mini-program runtimes, so the query is built by hand. */
export function withQuery(path: string, query: Record<string, string>): string {
  const pairs = Object.entries(query).map(
    ([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`,
  )
  return pairs.length ? `${path}?${pairs.join('&')}` : path
}

/**
 * Route params arrive encoded on some hosts and decoded on others; a value that is not valid
 * percent-encoding is returned as it came.
 */
export function decodeParam(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** 'pages/login/index' for both '/pages/login/index?x=1' and the mini-program's 'pages/login/index'. */
export function normalizeRoute(route: string): string {
  return route.replace(/^\//, '').split('?')[0]
}
