import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Segmented, Skeleton } from '@nutui/nutui-react-taro'
import type { ChallengeDetail } from '@contract/walk'
import { EmptyBlock, ErrorBlock } from '@/shared/components/status-block'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { useRemoteData } from '@/shared/hooks/use-remote-data'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { decodeParam } from '@/shared/navigation/routes'
import { platformAdapter } from '@/shared/platform'
import { dayjs } from '@/shared/time/dayjs'
import { getChallenge, getHistory, joinChallenge, leaveChallenge } from '../../api'
import { ConsentDialog } from '../../components/consent-dialog'
import { LeaderboardCard } from '../../components/leaderboard'
import { MyToday } from '../../components/my-today'
import { StepsChart } from '../../components/steps-chart'
import { STATUS_LABELS, dateRange, formatSteps } from '../../format'
import { syncSteps } from '../../sync'
import './index.scss'

const WERUN_DENIED = '需要你允许读取微信运动步数，才能参加排行。请在设置中打开「微信运动步数」，回来后会自动同步。'

function History({ challengeId, goal, version }: { challengeId: string; goal: number; version: number }) {
  const [days, setDays] = useState<7 | 30>(7)
  const key = `${days}|${version}`
  const { data, error, reload } = useRemoteData(() => getHistory(days, challengeId).then((history) => ({ ...history, key })))
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    void reload()
  }, [key, reload])
  return (
    <View className="walk-panel walk-history">
      <View className="walk-board__head">
        <Text className="walk-panel__title">我的步数</Text>
        <View className="walk-board__tabs walk-history__tabs">
          <Segmented
          value={days}
          options={[
            { label: '近7天', value: 7 },
            { label: '近30天', value: 30 },
          ]}
          onChange={(value) => setDays(Number(value) === 30 ? 30 : 7)}
        />
        </View>
      </View>
      {error ? (
        <ErrorBlock error={error} onRetry={() => void reload()} />
      ) : data && data.key === key ? (
        <StepsChart days={data.days} goal={goal} />
      ) : (
        <Skeleton className="walk-history__skeleton" rows={4} animated />
      )}
    </View>
  )
}

/** One challenge: my today, goal, rank and gap, my history, the leaderboards, likes, leaving. */
export default function WalkChallengePage() {
  const session = useSessionGuard()
  const { params } = useRouter()
  const id = decodeParam(params.id)
  const { data, error, reload } = useRemoteData(() => getChallenge(id), { enabled: Boolean(session && id) })
  const [version, setVersion] = useState(0)
  const [syncing, setSyncing] = useState(false)
  const [joining, setJoining] = useState(false)
  const [declined, setDeclined] = useState(false)
  // someone who left is not asked again on every visit, only when they tap 重新参加
  const [rejoinAsked, setRejoinAsked] = useState(false)
  const [denied, setDenied] = useState(false)

  async function sync(detail: ChallengeDetail | undefined) {
    if (!detail?.challenge.consented || detail.challenge.status === 'upcoming' || platformAdapter.platform === 'h5') return
    setSyncing(true)
    try {
      const outcome = await syncSteps()
      setDenied(outcome.status === 'denied')
      if (outcome.status === 'synced') {
        await reload()
        setVersion((value) => value + 1)
      }
    } catch (caught) {
      showErrorToast(caught)
    } finally {
      setSyncing(false)
    }
  }

  // steps are fetched on every open (WeChat Run through the phone, DingTalk by the server)
  useDidShow(() => {
    if (data) void sync(data)
  })
  const loadedId = data?.challenge.id
  useEffect(() => {
    if (loadedId) void sync(data)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per challenge loaded, not per refresh
  }, [loadedId])

  async function join() {
    setJoining(true)
    try {
      await joinChallenge(id)
      const detail = await getChallenge(id)
      await reload()
      setVersion((value) => value + 1)
      void sync(detail)
    } catch (caught) {
      showErrorToast(caught)
    } finally {
      setJoining(false)
    }
  }

  async function leave() {
    const { confirm } = await Taro.showModal({
      title: '退出活动',
      content: '退出后，你在本活动中的步数、排名和获得的点赞将被删除；不再参加任何活动时，你的步数数据也会全部删除。',
      confirmText: '退出并删除',
      confirmColor: '#e5484d',
    })
    if (!confirm) return
    try {
      await leaveChallenge(id)
      void Taro.showToast({ title: '已退出，数据已删除', icon: 'none' })
      setDeclined(true)
      await reload()
      setVersion((value) => value + 1)
    } catch (caught) {
      showErrorToast(caught)
    }
  }

  if (!session) return <View className="walk-page" />
  if (error) return <View className="walk-page walk-challenge"><ErrorBlock error={error} onRetry={() => void reload()} /></View>
  if (!data) return <View className="walk-page walk-challenge"><Skeleton className="walk-skeleton" rows={8} animated /></View>

  const { challenge, me } = data
  const canJoin = !challenge.consented && challenge.status !== 'ended'
  return (
    <View className="walk-page walk-challenge">
      <View className="walk-hero">
        <View className="walk-hero__head">
          <Text className="walk-hero__name">{challenge.name}</Text>
          <Text className={`walk-status walk-status--${challenge.status}`}>{STATUS_LABELS[challenge.status]}</Text>
        </View>
        <Text className="walk-hero__meta">
          {dateRange(challenge)} · 目标 {formatSteps(challenge.dailyGoal)} 步/天 · 上限 {formatSteps(challenge.dailyCap)} · {challenge.participants} 人
        </Text>
      </View>

      {platformAdapter.platform === 'h5' && <Text className="walk-hint">网页版仅供查看排行和记录，请在微信小程序中打开同步步数。</Text>}
      {denied && (
        <View className="walk-hint walk-hint--warn">
          <Text>{WERUN_DENIED}</Text>
          <Button className="walk-hint__action" size="small" type="primary" fill="outline" onClick={() => void Taro.openSetting()}>
            去设置
          </Button>
        </View>
      )}

      {me ? (
        <>
          <MyToday challenge={challenge} me={me} />
          {platformAdapter.platform !== 'h5' && challenge.status !== 'upcoming' && (
            <View className="walk-sync">
              <Text className="walk-sync__at">{me.lastSyncedAt ? `上次同步 ${dayjs(me.lastSyncedAt).format('M月D日 HH:mm')}` : '尚未同步'}</Text>
              <Button size="small" fill="outline" type="primary" loading={syncing} disabled={syncing} onClick={() => void sync(data)}>
                {platformAdapter.platform === 'dd' ? '同步钉钉运动' : '同步微信运动'}
              </Button>
            </View>
          )}
          <History challengeId={challenge.id} goal={challenge.dailyGoal} version={version} />
        </>
      ) : canJoin ? (
        <View className="walk-panel walk-join">
          {challenge.left ? (
            <EmptyBlock title="你已退出本次活动" description="你在本活动中的步数和排名已删除，不会再被自动加入" />
          ) : (
            <EmptyBlock title="你还没有参加本次活动" description="参加前需要你同意使用步数数据" />
          )}
          <Button
            type="primary"
            block
            loading={joining}
            disabled={joining}
            onClick={() => {
              setDeclined(false)
              setRejoinAsked(true)
            }}
          >
            {challenge.left ? '重新参加' : '参加活动'}
          </Button>
        </View>
      ) : null}

      <LeaderboardCard challengeId={challenge.id} myId={session.user.id} canLike={challenge.consented && challenge.status === 'running'} version={version} />

      {challenge.consented && challenge.status !== 'ended' && (
        <Text className="walk-leave" onClick={() => void leave()}>
          退出活动并删除我的步数数据
        </Text>
      )}

      <ConsentDialog challenge={challenge} visible={canJoin && !declined && (!challenge.left || rejoinAsked)} busy={joining} onAgree={() => void join()} onDecline={() => setDeclined(true)} />
    </View>
  )
}
