import { useCallback, useEffect, useRef, useState } from 'react'
import type { Home } from '@contract/catalog'
import { getHome } from '@/shared/catalog/catalog-api'
import { toApiError, type ApiError } from '@/shared/http/api-error'
import { platformAdapter } from '@/shared/platform'
import { homeCacheKey, readCachedHome, writeCachedHome } from './home-cache'

export interface HomeData {
  data: Home | undefined
  /** the last load failed: with data, what is shown is the cached or previous copy */
  error: ApiError | undefined
  reload(): Promise<void>
}

/**
 * The home page's data: the last copy from storage at once (instant start, and offline), then
 * the server's. A failure keeps what is on screen and reports itself in `error`.
 */
export function useHome(userId: string | undefined): HomeData {
  const key = userId ? homeCacheKey(userId, platformAdapter.platform) : ''
  const [data, setData] = useState<Home | undefined>(() => (key ? readCachedHome(key) : undefined))
  const [error, setError] = useState<ApiError>()
  const latestCall = useRef(0)

  const reload = useCallback(async () => {
    if (!key) return
    const call = ++latestCall.current
    setError(undefined)
    try {
      const home = await getHome()
      if (call !== latestCall.current) return
      writeCachedHome(key, home)
      setData(home)
    } catch (caught) {
      if (call === latestCall.current) setError(toApiError(caught))
    }
  }, [key])

  useEffect(() => {
    if (!key) return
    setData(readCachedHome(key))
    void reload()
  }, [key, reload])

  return { data, error, reload }
}
