import { useCallback, useRef, useState } from 'react'
import type { TaskBox, TaskBoxCounts, TaskBoxItem } from '@contract/microapp'
import { toApiError, type ApiError } from '@/shared/http/api-error'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { getTaskBox, getTaskCounts } from './api'

export interface BoxState {
  items: TaskBoxItem[]
  nextCursor?: string
}

/**
 * The four boxes of the to-do center, each loaded when first opened and kept while the user
 * switches tabs; a refresh reloads the open box and the badge counts together.
 */
export function useTaskBoxes() {
  const [boxes, setBoxes] = useState<Partial<Record<TaskBox, BoxState>>>({})
  const [errors, setErrors] = useState<Partial<Record<TaskBox, ApiError>>>({})
  const [counts, setCounts] = useState<TaskBoxCounts>()
  const [loadingMore, setLoadingMore] = useState(false)
  const latest = useRef<Partial<Record<TaskBox, number>>>({})
  const boxesRef = useRef(boxes)
  boxesRef.current = boxes

  const loadCounts = useCallback(async () => {
    try {
      setCounts(await getTaskCounts())
    } catch {
      // the badges stay as they were; the list shows its own error
    }
  }, [])

  const load = useCallback(async (box: TaskBox) => {
    const call = (latest.current[box] ?? 0) + 1
    latest.current[box] = call
    setErrors((current) => ({ ...current, [box]: undefined }))
    try {
      const page = await getTaskBox(box)
      if (latest.current[box] !== call) return
      setBoxes((current) => ({ ...current, [box]: { items: page.items, nextCursor: page.nextCursor } }))
    } catch (caught) {
      if (latest.current[box] !== call) return
      if (boxesRef.current[box]) showErrorToast(caught)
      else setErrors((current) => ({ ...current, [box]: toApiError(caught) }))
    }
  }, [])

  const loadMore = useCallback(async (box: TaskBox) => {
    const state = boxesRef.current[box]
    if (!state?.nextCursor) return
    setLoadingMore(true)
    try {
      const page = await getTaskBox(box, state.nextCursor)
      setBoxes((current) => ({
        ...current,
        [box]: { items: [...(current[box]?.items ?? []), ...page.items], nextCursor: page.nextCursor },
      }))
    } catch (caught) {
      showErrorToast(caught)
    } finally {
      setLoadingMore(false)
    }
  }, [])

  const refresh = useCallback((box: TaskBox) => Promise.all([load(box), loadCounts()]).then(() => undefined), [load, loadCounts])

  return { boxes, errors, counts, loadingMore, load, loadMore, refresh }
}
