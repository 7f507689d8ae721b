import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Segmented, Skeleton } from '@nutui/nutui-react-taro'
import type { DepartmentSort, Leaderboard, LeaderboardBoard, LeaderboardPeriod, PersonEntry } from '@contract/walk'
import { EmptyBlock, ErrorBlock } from '@/shared/components/status-block'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { useRemoteData } from '@/shared/hooks/use-remote-data'
import { getLeaderboard, likeDay } from '../api'
import { formatSteps } from '../format'

const PERIODS: Array<{ label: string; value: LeaderboardPeriod }> = [
  { label: '今日', value: 'today' },
  { label: '本周', value: 'week' },
  { label: '全程', value: 'all' },
]
const PERIOD_LABELS: Record<LeaderboardPeriod, string> = { today: '今日', week: '本周', all: '全程' }
const BOARDS: Array<{ label: string; value: LeaderboardBoard }> = [
  { label: '个人', value: 'people' },
  { label: '部门', value: 'departments' },
]
const SORTS: Array<{ label: string; value: DepartmentSort }> = [
  { label: '人均', value: 'average' },
  { label: '总数', value: 'total' },
]

export interface LeaderboardCardProps {
  challengeId: string
  myId: string
  /** likes only while the challenge runs, and only on today's board */
  canLike: boolean
  /** bumped by the page after a sync, to read the board again */
  version: number
}

function PersonRow({ entry, mine, likeable, onLike }: { entry: PersonEntry; mine: boolean; likeable: boolean; onLike(entry: PersonEntry): void }) {
  return (
    <View className={`walk-rank ${mine ? 'walk-rank--me' : ''}`}>
      <Text className={`walk-rank__place walk-rank__place--${Math.min(entry.rank, 4)}`}>{entry.rank}</Text>
      <View className="walk-rank__who">
        <Text className="walk-rank__name">{mine ? `${entry.name}（我）` : entry.name}</Text>
        <Text className="walk-rank__team">{entry.team}</Text>
      </View>
      <Text className="walk-rank__steps">{formatSteps(entry.steps)}</Text>
      {likeable && (
        <View className={`walk-like ${entry.likedByMe ? 'walk-like--done' : ''}`} onClick={() => !mine && !entry.likedByMe && onLike(entry)}>
          <Text className="walk-like__icon">{entry.likedByMe ? '♥' : '♡'}</Text>
          <Text className="walk-like__count">{entry.likes}</Text>
        </View>
      )}
    </View>
  )
}

/** 今日 / 本周 / 全程 × 个人 / 部门 (人均 or 总数), my place, likes on today's board. */
export function LeaderboardCard({ challengeId, myId, canLike, version }: LeaderboardCardProps) {
  const [period, setPeriod] = useState<LeaderboardPeriod>('today')
  const [board, setBoard] = useState<LeaderboardBoard>('people')
  const [sort, setSort] = useState<DepartmentSort>('average')
  const [liked, setLiked] = useState<Record<string, { likes: number }>>({})
  const query = `${period}|${board}|${sort}|${version}`
  const { data, error, reload } = useRemoteData<Leaderboard & { query: string }>(
    async () => ({ ...(await getLeaderboard(challengeId, { period, board, sort })), query }),
  )
  const mounted = useRef(false)
  useEffect(() => {
    // the first load is useRemoteData's own
    if (!mounted.current) {
      mounted.current = true
      return
    }
    setLiked({})
    void reload()
  }, [query, reload])
  const current = data && data.query === query ? data : undefined

  async function like(entry: PersonEntry) {
    setLiked((state) => ({ ...state, [entry.personId]: { likes: entry.likes + 1 } }))
    try {
      const result = await likeDay(challengeId, entry.personId)
      setLiked((state) => ({ ...state, [entry.personId]: { likes: result.likes } }))
    } catch (caught) {
      setLiked((state) => {
        const { [entry.personId]: _dropped, ...rest } = state
        return rest
      })
      showErrorToast(caught)
    }
  }

  let list
  if (error) list = <ErrorBlock error={error} onRetry={() => void reload()} />
  else if (!current) list = <Skeleton className="walk-board__skeleton" rows={5} animated />
  else if (board === 'departments') {
    list = current.departments.length ? (
      current.departments.map((team) => (
        <View key={team.team} className="walk-rank">
          <Text className={`walk-rank__place walk-rank__place--${Math.min(team.rank, 4)}`}>{team.rank}</Text>
          <View className="walk-rank__who">
            <Text className="walk-rank__name">{team.team}</Text>
            <Text className="walk-rank__team">{team.members} 人 · 总数 {formatSteps(team.total)}</Text>
          </View>
          <Text className="walk-rank__steps">{formatSteps(sort === 'total' ? team.total : team.average)}</Text>
        </View>
      ))
    ) : (
      <EmptyBlock title="还没有部门数据" />
    )
  } else {
    list = current.people.length ? (
      current.people.map((entry) => {
        const override = liked[entry.personId]
        const shown = override ? { ...entry, likes: override.likes, likedByMe: true } : entry
        return <PersonRow key={entry.personId} entry={shown} mine={entry.personId === myId} likeable={canLike && period === 'today'} onLike={like} />
      })
    ) : (
      <EmptyBlock title="还没有人同步步数" description="同步后就能看到排行" />
    )
  }

  return (
    <View className="walk-panel walk-board">
      <View className="walk-board__head">
        <Text className="walk-panel__title">排行榜</Text>
        <View className="walk-board__tabs walk-board__periods">
          <Segmented value={period} options={PERIODS} onChange={(value) => setPeriod(value as LeaderboardPeriod)} />
        </View>
      </View>
      <View className="walk-board__filters">
        <View className="walk-board__tabs walk-board__boards">
          <Segmented value={board} options={BOARDS} onChange={(value) => setBoard(value as LeaderboardBoard)} />
        </View>
        {board === 'departments' && (
          <View className="walk-board__tabs walk-board__sorts">
          <Segmented value={sort} options={SORTS} onChange={(value) => setSort(value as DepartmentSort)} />
        </View>
        )}
      </View>
      {board === 'people' && current?.me && current.me.rank !== null && (
        <Text className="walk-board__me">
          {PERIOD_LABELS[period]}我第 {current.me.rank} 名 · {formatSteps(current.me.steps)} 步
          {current.me.gapToNext !== null ? ` · 距上一名还差 ${formatSteps(current.me.gapToNext)} 步` : ' · 暂列第一'}
        </Text>
      )}
      <View className="walk-board__list">{list}</View>
    </View>
  )
}
