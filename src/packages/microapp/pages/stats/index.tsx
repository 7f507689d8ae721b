import { useCallback } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'
import type { AppStats, DefinitionResponse } from '@contract/microapp'
import { EmptyBlock, ErrorBlock } from '@/shared/components/status-block'
import { useRemoteData } from '@/shared/hooks/use-remote-data'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { decodeParam } from '@/shared/navigation/routes'
import { getAppStats, getDefinition } from '../../api'
import './index.scss'

interface StatsView {
  stats: AppStats
  response: DefinitionResponse
}

const hours = (value: number | undefined) => (value === undefined ? '—' : value < 1 ? `${Math.round(value * 60)} 分钟` : `${value.toFixed(1)} 小时`)

/** For the dispatcher: open and overdue requests by the definition's groups, time to complete, satisfaction. */
export default function AppStatsPage() {
  const { params } = useRouter()
  const appKey = decodeParam(params.key)
  const session = useSessionGuard()
  const load = useCallback(async (): Promise<StatsView> => {
    const [stats, response] = await Promise.all([getAppStats(appKey), getDefinition(appKey)])
    return { stats, response }
  }, [appKey])
  const remote = useRemoteData(load, { enabled: session !== null && appKey !== '' })

  usePullDownRefresh(() => {
    void remote.reload().then(() => Taro.stopPullDownRefresh())
  })

  if (!session) return <View className="stats-page" />
  if (!appKey) return <EmptyBlock title="没有找到这个应用" description="请从办事大厅重新进入" />
  if (remote.error) return <ErrorBlock error={remote.error} onRetry={() => void remote.reload()} />
  if (!remote.data) {
    return (
      <View className="stats-page">
        <View className="stats-card">
          <Skeleton rows={4} animated />
        </View>
      </View>
    )
  }

  const { stats, response } = remote.data
  const labels = new Map(response.definition.metadata.fields.map((field) => [field.key, field.label]))
  const byField = new Map<string, AppStats['groups']>()
  for (const group of stats.groups) byField.set(group.field, [...(byField.get(group.field) ?? []), group])

  return (
    <View className="stats-page">
      <Text className="stats-title">{response.definition.name}</Text>
      <View className="stats-card stats-figures">
        {[
          { label: '处理中', value: String(stats.open), tone: 'primary' },
          { label: '已超时', value: String(stats.overdue), tone: stats.overdue ? 'danger' : 'muted' },
          { label: '已完成', value: String(stats.completed), tone: 'muted' },
          { label: '平均用时', value: hours(stats.averageHoursToComplete), tone: 'muted' },
          { label: '满意度', value: stats.averageRating === undefined ? '—' : `${stats.averageRating.toFixed(1)} 星`, tone: 'muted' },
        ].map((figure) => (
          <View className={`stats-figure stats-figure--${figure.tone}`} key={figure.label}>
            <Text className="stats-figure__value">{figure.value}</Text>
            <Text className="stats-figure__label">{figure.label}</Text>
          </View>
        ))}
      </View>
      {[...byField.entries()].map(([field, groups]) => (
        <View className="stats-card" key={field}>
          <Text className="stats-card__title">按{labels.get(field) ?? field}</Text>
          {[...groups]
            .sort((a, b) => b.overdue - a.overdue || b.open - a.open)
            .map((group) => (
              <View className="stats-row" key={`${field}-${group.value}`}>
                <Text className="stats-row__name">{group.value}</Text>
                <Text className="stats-row__open">{group.open} 处理中</Text>
                <Text className={`stats-row__overdue${group.overdue ? ' stats-row__overdue--on' : ''}`}>{group.overdue} 超时</Text>
              </View>
            ))}
        </View>
      ))}
      {stats.groups.length === 0 && <EmptyBlock title="暂无处理中的申请" description="新的申请会按楼栋和类别列在这里" />}
    </View>
  )
}
