import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'
import type { Challenge } from '@contract/walk'
import { EmptyBlock, ErrorBlock } from '@/shared/components/status-block'
import { useRemoteData } from '@/shared/hooks/use-remote-data'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { withQuery } from '@/shared/navigation/routes'
import { listChallenges } from '../../api'
import { CHALLENGE_PAGE, STATUS_LABELS, dateRange, formatSteps } from '../../format'
import './index.scss'

function ChallengeCard({ challenge }: { challenge: Challenge }) {
  const open = () => void Taro.navigateTo({ url: withQuery(CHALLENGE_PAGE, { id: challenge.id }) })
  return (
    <View className={`walk-card walk-card--${challenge.status}`} onClick={open}>
      <View className="walk-card__head">
        <Text className="walk-card__name">{challenge.name}</Text>
        <Text className={`walk-status walk-status--${challenge.status}`}>{STATUS_LABELS[challenge.status]}</Text>
      </View>
      <Text className="walk-card__meta">
        {dateRange(challenge)} · 每日目标 {formatSteps(challenge.dailyGoal)} 步 · {challenge.participants} 人参加
      </Text>
      <Text className="walk-card__action">{challenge.consented ? '查看排行' : challenge.status === 'ended' ? '查看' : '参加活动'}</Text>
    </View>
  )
}

/** Every challenge open to the caller: running first, past ones stay viewable. */
export default function WalkChallengesPage() {
  const session = useSessionGuard()
  const { data, error, reload } = useRemoteData(listChallenges, { enabled: Boolean(session) })
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  let body
  if (error) body = <ErrorBlock error={error} onRetry={() => void reload()} />
  else if (!data) body = <Skeleton className="walk-skeleton" rows={6} animated />
  else if (data.challenges.length === 0) body = <EmptyBlock title="暂无健步走活动" description="工会发布活动后会出现在这里" />
  else body = data.challenges.map((challenge) => <ChallengeCard key={challenge.id} challenge={challenge} />)

  return <View className="walk-page walk-list">{body}</View>
}
