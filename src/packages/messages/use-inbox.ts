import { useCallback, useRef, useState } from 'react'
import type { Message } from '@contract/microapp'
import { toApiError, type ApiError } from '@/shared/http/api-error'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { listMessages, markAllMessagesRead, markMessageRead } from './api'

export interface InboxState {
  items: Message[]
  unread: number
  nextCursor?: string
}

/**
 * The inbox, newest first, 20 at a time. Marking read is optimistic (the dot goes at once) and
 * put back if the server refuses; 全部已读 likewise. A reload that loses the race to a newer one
 * is dropped.
 */
export function useInbox() {
  const [inbox, setInbox] = useState<InboxState>()
  const [error, setError] = useState<ApiError>()
  const [loadingMore, setLoadingMore] = useState(false)
  const latest = useRef(0)
  const inboxRef = useRef(inbox)
  inboxRef.current = inbox

  const reload = useCallback(async () => {
    const call = (latest.current += 1)
    setError(undefined)
    try {
      const page = await listMessages()
      if (latest.current === call) setInbox({ items: page.items, unread: page.unread, nextCursor: page.nextCursor })
    } catch (caught) {
      if (latest.current !== call) return
      if (inboxRef.current) showErrorToast(caught)
      else setError(toApiError(caught))
    }
  }, [])

  const loadMore = useCallback(async () => {
    const cursor = inboxRef.current?.nextCursor
    if (!cursor || loadingMore) return
    setLoadingMore(true)
    try {
      const page = await listMessages(cursor)
      setInbox((current) => current && { items: [...current.items, ...page.items.filter((m) => !current.items.some((seen) => seen.id === m.id))], unread: page.unread, nextCursor: page.nextCursor })
    } catch (caught) {
      showErrorToast(caught)
    } finally {
      setLoadingMore(false)
    }
  }, [loadingMore])

  /** Marks the listed (or all loaded) messages; `unread` replaces the count when the server's total is known. */
  const setRead = (ids: Set<string> | 'all', read: boolean, unread?: number) =>
    setInbox((current) => {
      if (!current) return current
      let changed = 0
      const items = current.items.map((m) => {
        if ((ids === 'all' || ids.has(m.id)) && m.read !== read) {
          changed += 1
          return { ...m, read }
        }
        return m
      })
      return { ...current, items, unread: unread ?? Math.max(0, current.unread + (read ? -changed : changed)) }
    })

  const markRead = useCallback(async (message: Message) => {
    if (message.read) return
    setRead(new Set([message.id]), true)
    try {
      await markMessageRead(message.id)
    } catch (caught) {
      setRead(new Set([message.id]), false)
      showErrorToast(caught)
    }
  }, [])

  const markAll = useCallback(async () => {
    const before = inboxRef.current
    if (!before || before.unread === 0) return
    const unreadIds = new Set(before.items.filter((m) => !m.read).map((m) => m.id))
    // messages not loaded yet are cleared too: the count goes to 0, not down by the loaded ones
    setRead('all', true, 0)
    try {
      await markAllMessagesRead()
    } catch (caught) {
      setRead(unreadIds, false, before.unread)
      showErrorToast(caught)
    }
  }, [])

  return { inbox, error, loadingMore, reload, loadMore, markRead, markAll }
}
