import { Text, View } from '@tarojs/components'
import type { Challenge, MyWalk } from '@contract/walk'
import { formatSteps } from '../format'

/** Today's steps against the goal, my place, days at goal and streak. */
export function MyToday({ challenge, me }: { challenge: Challenge; me: MyWalk }) {
  const percent = Math.round(me.goalProgress * 100)
  return (
    <View className="walk-panel walk-today">
      <View className="walk-today__main">
        <View className="walk-today__steps">
          <Text className="walk-today__label">{challenge.status === 'ended' ? '最后一天' : '今日步数'}</Text>
          <Text className="walk-today__number">{formatSteps(me.todaySteps)}</Text>
          {me.todaySteps > me.todayCounted && <Text className="walk-today__capped">计入 {formatSteps(me.todayCounted)}（每日上限）</Text>}
        </View>
        <View className="walk-today__rank">
          <Text className="walk-today__label">全程排名</Text>
          <Text className="walk-today__rank-number">{me.rank === null ? '—' : `第 ${me.rank} 名`}</Text>
          <Text className="walk-today__gap">{me.gapToNext === null ? (me.rank === 1 ? '暂列第一' : '同步后参与排名') : `距上一名 ${formatSteps(me.gapToNext)} 步`}</Text>
        </View>
      </View>
      <View className="walk-goal">
        <View className="walk-goal__track">
          <View className={`walk-goal__fill ${percent >= 100 ? 'walk-goal__fill--done' : ''}`} style={{ width: `${percent}%` }} />
        </View>
        <Text className="walk-goal__text">
          {percent >= 100 ? '今日已达标' : `目标 ${formatSteps(challenge.dailyGoal)} 步，已完成 ${percent}%`}
        </Text>
      </View>
      <View className="walk-stats">
        <View className="walk-stat">
          <Text className="walk-stat__value">{formatSteps(me.total)}</Text>
          <Text className="walk-stat__label">全程计入</Text>
        </View>
        <View className="walk-stat">
          <Text className="walk-stat__value">
            {me.daysAtGoal}/{me.daysElapsed}
          </Text>
          <Text className="walk-stat__label">达标天数（{Math.round(me.goalShare * 100)}%）</Text>
        </View>
        <View className="walk-stat">
          <Text className="walk-stat__value">{me.streak}</Text>
          <Text className="walk-stat__label">连续达标</Text>
        </View>
      </View>
    </View>
  )
}
