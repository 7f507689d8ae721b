import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Skeleton, Tag } from '@nutui/nutui-react-taro'
import type { RequestDetail } from '@contract/microapp'
import { startNode } from '@/lowcode/core/flow'
import { FormServicesProvider } from '@/lowcode/form-services'
import { ValueList } from '@/lowcode/value-view'
import { ErrorBlock } from '@/shared/components/status-block'
import { useRemoteData } from '@/shared/hooks/use-remote-data'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { decodeParam, withQuery } from '@/shared/navigation/routes'
import { dayjs } from '@/shared/time/dayjs'
import { formServices, getRequest } from '../../api'
import { ActionSheet, actionLabel, type PendingAction } from '../../components/action-sheet'
import { Timeline } from '../../components/timeline'
import { formFields, STATUS_LABELS } from '../../labels'
import { STATS_PAGE } from '../../routes'
import './index.scss'

const STATUS_TAG = { running: 'primary', returned: 'warning', completed: 'success', withdrawn: 'default' } as const

function DetailSkeleton() {
  return (
    <View className="detail detail--loading">
      {[3, 4, 3].map((rows, index) => (
        <View className="detail__card" key={index}>
          <Skeleton rows={rows} animated />
        </View>
      ))}
    </View>
  )
}

/** What the caller may do now, main action last (it sits on the right, under the thumb). */
function availableActions(detail: RequestDetail): PendingAction[] {
  const actions: PendingAction[] = []
  const mine = detail.myTasks[0]
  if (mine) {
    for (const action of ['comment', 'transfer', 'reject', 'approve'] as const) {
      if (mine.actions.includes(action)) actions.push({ scope: 'task', action, task: mine })
    }
  }
  for (const action of ['comment', 'urge', 'withdraw', 'resubmit'] as const) {
    // a task's own comment button is enough
    if (action === 'comment' && mine) continue
    if (detail.actions.includes(action)) actions.push({ scope: 'request', action })
  }
  return actions
}

function DetailView({
  detail,
  canSeeStats,
  onChanged,
}: {
  detail: RequestDetail
  canSeeStats: boolean
  onChanged(detail: RequestDetail | null): void
}) {
  const [pending, setPending] = useState<PendingAction | null>(null)
  const fields = formFields(detail.definition, startNode(detail.definition).form)
  const actions = availableActions(detail)
  const primary = (action: PendingAction) => action.action === 'approve' || action.action === 'resubmit'

  return (
    <View className={`detail${actions.length ? ' detail--with-actions' : ''}`}>
      <View className="detail__card detail__summary">
        <View className="detail__summary-head">
          <Text className="detail__app">{detail.appName}</Text>
          <Tag className={`detail__status detail__status--${detail.status}`} type={STATUS_TAG[detail.status]}>
            {STATUS_LABELS[detail.status]}
          </Tag>
        </View>
        <Text className="detail__title">{detail.title}</Text>
        <Text className="detail__meta">
          {detail.applicant.name} · {dayjs(detail.createdAt).format('YYYY-MM-DD HH:mm')} 提交
        </Text>
        {canSeeStats && detail.definition.presentation?.statsGroupBy?.length ? (
          <Text
            className="detail__stats-link"
            onClick={() => void Taro.navigateTo({ url: withQuery(STATS_PAGE, { key: detail.appKey }) })}
          >
            查看运行统计（超时、满意度）›
          </Text>
        ) : null}
        {detail.currentNodes.length > 0 && (
          <View className="detail__current">
            {detail.currentNodes.map((node) => (
              <Text className="detail__current-node" key={node.id}>
                当前：{node.name}
                {node.assignees.length ? `（${node.assignees.map((person) => person.name).join('、')}）` : ''}
              </Text>
            ))}
          </View>
        )}
      </View>
      <View className="detail__card">
        <Text className="detail__card-title">申请内容</Text>
        <ValueList fields={fields} values={detail.values} />
      </View>
      <View className="detail__card">
        <Text className="detail__card-title">流程记录</Text>
        <Timeline entries={detail.timeline} definition={detail.definition} />
      </View>
      {actions.length > 0 && (
        <View className="detail__actions">
          {actions.map((action) => (
            <Button
              key={`${action.scope}-${action.action}`}
              className={`detail__action detail-action--${action.action}`}
              type={primary(action) ? 'primary' : action.action === 'reject' || action.action === 'withdraw' ? 'danger' : 'default'}
              fill={primary(action) ? 'solid' : 'outline'}
              size="small"
              onClick={() => setPending(action)}
            >
              {actionLabel(detail.definition, action)}
            </Button>
          ))}
        </View>
      )}
      <ActionSheet
        detail={detail}
        pending={pending}
        onClose={() => setPending(null)}
        onDone={(next) => {
          setPending(null)
          onChanged(next)
        }}
        onStale={() => {
          setPending(null)
          onChanged(null)
        }}
      />
    </View>
  )
}

/** One request: its fields, where it stands, every action so far, and what the caller may do. */
export default function RequestDetailPage() {
  const { params } = useRouter()
  const id = decodeParam(params.id)
  const session = useSessionGuard()
  const load = useCallback(() => getRequest(id), [id])
  const remote = useRemoteData(load, { enabled: session !== null && id !== '' })
  const [latest, setLatest] = useState<RequestDetail>()
  const detail = latest && remote.data && latest.updatedAt > remote.data.updatedAt ? latest : remote.data

  usePullDownRefresh(() => {
    void remote.reload().then(() => Taro.stopPullDownRefresh())
  })
  // back from another page (a transfer picked someone, a task done elsewhere): show it as it is now
  useDidShow(() => {
    if (remote.data) void remote.reload()
  })

  if (!session) return <View className="detail-page" />
  let content
  if (remote.error) content = <ErrorBlock error={remote.error} onRetry={() => void remote.reload()} />
  else if (!detail) content = <DetailSkeleton />
  else
    content = (
      <DetailView
        detail={detail}
        canSeeStats={session.user.roles.some((role) => role === 'dispatcher' || role === 'admin')}
        onChanged={(next) => {
          // the action's answer is the request as it is now; null: it changed under us, fetch it
          setLatest(next ?? undefined)
          void remote.reload()
        }}
      />
    )
  return (
    <FormServicesProvider services={formServices}>
      <View className="detail-page">{content}</View>
    </FormServicesProvider>
  )
}
