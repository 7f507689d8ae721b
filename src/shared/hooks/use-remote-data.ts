import { useCallback, useEffect, useRef, useState } from 'react'
import { toApiError, type ApiError } from '../http/api-error'
import { showErrorToast } from '../http/show-error-toast'

export interface RemoteData<T> {
  data: T | undefined
  /** Set only when there is nothing to show; a failed refresh keeps the old data and toasts. */
  error: ApiError | undefined
  /** Never rejects: failures land in `error` (or a toast when there is data to keep). */
  reload(): Promise<void>
}

/** Loads server data for a page: first load, retry and pull-to-refresh share one code path. */
export function useRemoteData<T>(load: () => Promise<T>, options: { enabled?: boolean } = {}): RemoteData<T> {
  const enabled = options.enabled ?? true
  const [data, setData] = useState<T>()
  const [error, setError] = useState<ApiError>()
  const loadRef = useRef(load)
  loadRef.current = load
  const hasData = useRef(false)
  const latestCall = useRef(0)

  const reload = useCallback(async () => {
    const call = ++latestCall.current
    // A retry from the error state goes back to the loading state, so the tap visibly did something.
    if (!hasData.current) setError(undefined)
    let result: T
    try {
      result = await loadRef.current()
    } catch (caught) {
      if (call !== latestCall.current) return
      if (hasData.current) showErrorToast(caught)
      else setError(toApiError(caught))
      return
    }
    // A slower, older call must not overwrite what a newer one (a retry tap) already showed.
    if (call !== latestCall.current) return
    hasData.current = true
    setData(result)
    setError(undefined)
  }, [])

  useEffect(() => {
    if (enabled) void reload()
  }, [enabled, reload])

  return { data, error, reload }
}
