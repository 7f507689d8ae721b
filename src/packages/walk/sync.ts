/**
 * Getting today's steps to the server, the way each platform allows: WeChat hands encrypted
 * WeChat Run data to the client, which forwards it (the server decrypts it with the session_key
 * only it has); DingTalk's steps are fetched by the server; a browser only views.
 *
 * WeChat Run data is encrypted with the session_key of the latest wx.login. When the server
 * cannot decrypt it (WERUN_SESSION_STALE) or checkSession fails, the app logs in again silently
 * (a new session_key) and tries once more with fresh data.
 */
import type { SyncResult } from '@contract/walk'
import { silentLogin } from '@/shared/auth/silent-login'
import { ApiError, toApiError } from '@/shared/http/api-error'
import { platformAdapter, type WeRunData } from '@/shared/platform'
import { postWeRun, syncDingtalk } from './api'

export type SyncOutcome =
  | { status: 'synced'; result: SyncResult }
  /** the user refused scope.werun: explain, offer the settings page */
  | { status: 'denied' }
  /** H5: nothing to sync from here */
  | { status: 'view_only' }

async function relogin(): Promise<void> {
  if ((await silentLogin()) !== 'signed_in') throw new ApiError('UNAUTHENTICATED', '登录已失效，请重新登录后再同步')
}

async function weRunData(): Promise<WeRunData> {
  const data = await platformAdapter.getWeRunData()
  if (data.status !== 'session_expired') return data
  await relogin()
  return platformAdapter.getWeRunData()
}

async function syncWeRun(): Promise<SyncOutcome> {
  let data = await weRunData()
  for (let attempt = 0; ; attempt += 1) {
    if (data.status === 'denied') return { status: 'denied' }
    if (data.status !== 'ok') throw new ApiError('WERUN_SESSION_STALE', '微信登录状态已过期，请稍后重试')
    try {
      return { status: 'synced', result: await postWeRun({ encryptedData: data.encryptedData, iv: data.iv }) }
    } catch (caught) {
      const error = toApiError(caught)
      if (error.code !== 'WERUN_SESSION_STALE' || attempt > 0) throw error
      await relogin()
      data = await platformAdapter.getWeRunData()
    }
  }
}

/** Rejects with an ApiError the page shows (impossible data, upstream down, …). */
export async function syncSteps(): Promise<SyncOutcome> {
  switch (platformAdapter.platform) {
    case 'weapp':
      return syncWeRun()
    case 'dd':
      return { status: 'synced', result: await syncDingtalk() }
    default:
      return { status: 'view_only' }
  }
}
