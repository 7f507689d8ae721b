import { useCallback, useRef, useState } from 'react'

export interface Lookup<T> {
  items: T[] | undefined
  failed: boolean
  load(run: () => Promise<T[]>): void
}

/** A list a picker fetches on demand; an older answer never overwrites a newer one. */
export function useLookup<T>(): Lookup<T> {
  const [items, setItems] = useState<T[]>()
  const [failed, setFailed] = useState(false)
  const latest = useRef(0)
  const load = useCallback((run: () => Promise<T[]>) => {
    const call = ++latest.current
    setItems(undefined)
    setFailed(false)
    run().then(
      (result) => call === latest.current && setItems(result),
      () => call === latest.current && setFailed(true),
    )
  }, [])
  return { items, failed, load }
}
