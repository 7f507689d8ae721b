/** The walking challenge's server calls (issue 6); shapes from the shared contract. */
import type {
  ChallengeDetail,
  ChallengeList,
  DepartmentSort,
  History,
  Leaderboard,
  LeaderboardBoard,
  LeaderboardPeriod,
  LikeResult,
  SyncResult,
} from '@contract/walk'
import { http } from '@/shared/http/http-client'
import { withQuery } from '@/shared/navigation/routes'

const challengeUrl = (id: string) => `/api/walk/challenges/${encodeURIComponent(id)}`

export const listChallenges = () => http.get<ChallengeList>('/api/walk/challenges')

export const getChallenge = (id: string) => http.get<ChallengeDetail>(challengeUrl(id))

/** Joining is the explicit consent to use step data in this challenge. */
export const joinChallenge = (id: string) => http.post<ChallengeDetail>(`${challengeUrl(id)}/participation`, { consent: true })

/** Leaves; the server deletes the step data once the person takes part in no other challenge. */
export const leaveChallenge = (id: string) => http.delete<null>(`${challengeUrl(id)}/participation`)

export interface BoardQuery {
  period: LeaderboardPeriod
  board: LeaderboardBoard
  sort: DepartmentSort
}

export const getLeaderboard = (id: string, query: BoardQuery) =>
  http.get<Leaderboard>(withQuery(`${challengeUrl(id)}/leaderboard`, { period: query.period, board: query.board, sort: query.sort }))

export const likeDay = (id: string, personId: string) => http.post<LikeResult>(`${challengeUrl(id)}/likes`, { personId })

export const getHistory = (days: 7 | 30, challengeId: string) =>
  http.get<History>(withQuery('/api/walk/me/history', { days: String(days), challengeId }))

/** WeChat Run data as wx.getWeRunData gave it: only the server can decrypt it. */
export const postWeRun = (body: { encryptedData: string; iv: string }) => http.post<SyncResult>('/api/walk/sync/wechat', body)

/** DingTalk: the server fetches the steps from DingTalk itself. */
export const syncDingtalk = () => http.post<SyncResult>('/api/walk/sync/dingtalk')
