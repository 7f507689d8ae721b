import Taro from '@tarojs/taro'
import type { FormValues } from '@contract/microapp'

/**
 * A form in progress, kept in Taro storage (wx / my storage on mini-programs, localStorage on
 * H5): leaving the page, or the app being killed, loses nothing. The idempotency key lives with
 * the draft, so a submit retried after a lost answer — even after a restart — is recognised by
 * the server as the same submission.
 */
export interface Draft {
  version: number
  values: FormValues
  idempotencyKey: string
  savedAt: number
}

const PREFIX = 'campus.microapp.draft.v1'
/** A draft older than this is stale (last term's repair): the form opens fresh. */
const MAX_AGE_MS = 30 * 24 * 3600 * 1000

export const draftKey = (userId: string, appKey: string) => `${PREFIX}.${userId}.${appKey}`

/** ≥ 8 chars as the contract asks; no crypto API on every host, and uniqueness per user is enough. */
export function newIdempotencyKey(now = Date.now()): string {
  const random = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0')
  return `${now.toString(36)}-${random()}${random()}`
}

function isDraft(value: unknown): value is Draft {
  const draft = value as Partial<Draft> | null
  return (
    !!draft &&
    typeof draft.version === 'number' &&
    typeof draft.values === 'object' &&
    draft.values !== null &&
    typeof draft.idempotencyKey === 'string' &&
    typeof draft.savedAt === 'number'
  )
}

export function readDraft(key: string, now = Date.now()): Draft | null {
  try {
    const raw: unknown = Taro.getStorageSync(key)
    if (!raw) return null
    const parsed: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw
    if (!isDraft(parsed) || now - parsed.savedAt > MAX_AGE_MS) return null
    return parsed
  } catch {
    return null
  }
}

export function writeDraft(key: string, draft: Draft): void {
  try {
    Taro.setStorageSync(key, JSON.stringify(draft))
  } catch {
    // storage full: the form still works, only the draft is not kept
  }
}

export function clearDraft(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    // nothing to clear
  }
}
