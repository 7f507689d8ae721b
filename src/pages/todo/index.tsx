import { useEffect, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Skeleton } from '@nutui/nutui-react-taro'
import type { TaskBox, TaskBoxCounts } from '@contract/microapp'
import { EmptyBlock, ErrorBlock } from '@/shared/components/status-block'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { ROUTES, withQuery } from '@/shared/navigation/routes'
import { batchApprove } from './api'
import { TaskCard } from './task-card'
import { useTaskBoxes } from './use-task-boxes'
import './index.scss'

// The main package opens the runner subpackage by URL only (importing it would bundle it here).
const TODO_TAB_INDEX = 1

const TABS: Array<{ box: TaskBox; title: string; badge(counts: TaskBoxCounts): number; empty: [string, string] }> = [
  { box: 'todo', title: '待办', badge: (c) => c.todo, empty: ['暂无待办', '需要你处理的审批和任务会出现在这里'] },
  { box: 'done', title: '已办', badge: () => 0, empty: ['还没有处理过的事项', '你审批或处理过的申请会出现在这里'] },
  { box: 'mine', title: '我发起的', badge: (c) => c.mineOpen, empty: ['还没有发起过申请', '在首页的办事大厅里发起报修、借用等申请'] },
  { box: 'cc', title: '抄送我的', badge: (c) => c.ccUnread, empty: ['暂无抄送', '别人抄送给你的申请会出现在这里'] },
]

function ListSkeleton() {
  return (
    <View className="todo-skeleton">
      {[0, 1, 2].map((row) => (
        <View className="task-card" key={row}>
          <Skeleton rows={3} animated />
        </View>
      ))}
    </View>
  )
}

function syncTabBadge(count: number) {
  // a host without tab badges (or H5 before its tab bar mounts): the number on the tab is a nicety
  try {
    const done =
      count > 0
        ? Taro.setTabBarBadge({ index: TODO_TAB_INDEX, text: count > 99 ? '99+' : String(count) })
        : Taro.removeTabBarBadge({ index: TODO_TAB_INDEX })
    void Promise.resolve(done).catch(() => undefined)
  } catch {
    // nothing to update
  }
}

export default function TodoPage() {
  const session = useSessionGuard()
  const [active, setActive] = useState<TaskBox>('todo')
  const { boxes, errors, counts, loadingMore, load, loadMore, refresh } = useTaskBoxes()
  const [selecting, setSelecting] = useState(false)
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [approving, setApproving] = useState(false)
  const signedIn = session !== null

  useEffect(() => {
    if (signedIn) void refresh(active)
  }, [signedIn, active, refresh])
  // back from a request's detail page: what was handled there leaves the list
  useDidShow(() => {
    if (signedIn && boxes[active]) void refresh(active)
  })
  usePullDownRefresh(() => {
    void refresh(active).then(() => Taro.stopPullDownRefresh())
  })
  useEffect(() => {
    if (counts) syncTabBadge(counts.todo)
  }, [counts])

  if (!session) return <View className="todo-page" />

  const state = boxes[active]
  const error = errors[active]
  const tab = TABS.find((entry) => entry.box === active)!
  const approvable = (state?.items ?? []).filter((item) => active === 'todo' && item.task?.nodeType === 'approval' && item.task.status === 'open')

  const switchTo = (box: TaskBox) => {
    setActive(box)
    setSelecting(false)
    setSelected(new Set())
  }
  const toggle = (taskId: string) =>
    setSelected((current) => {
      const next = new Set(current)
      if (next.has(taskId)) next.delete(taskId)
      else next.add(taskId)
      return next
    })

  const approveSelected = async () => {
    const taskIds = [...selected]
    if (taskIds.length === 0 || approving) return
    const { confirm } = await Taro.showModal({
      title: '批量同意',
      content: `将同意所选的 ${taskIds.length} 项申请，确定吗？`,
      confirmText: '同意',
      confirmColor: '#1f6feb',
    })
    if (!confirm) return
    setApproving(true)
    try {
      const { results } = await batchApprove(taskIds)
      const failed = results.filter((result) => !result.ok)
      void Taro.showToast({
        title: failed.length ? `已同意 ${results.length - failed.length} 项，${failed.length} 项未成功：${failed[0].message ?? ''}` : `已同意 ${results.length} 项`,
        icon: 'none',
        duration: 2500,
      })
      setSelecting(false)
      setSelected(new Set())
      await refresh('todo')
    } catch (caught) {
      showErrorToast(caught)
    } finally {
      setApproving(false)
    }
  }

  let content
  if (!state && error) content = <ErrorBlock error={error} onRetry={() => void load(active)} />
  else if (!state) content = <ListSkeleton />
  else if (state.items.length === 0) content = <EmptyBlock className="todo-empty" title={tab.empty[0]} description={tab.empty[1]} />
  else
    content = (
      <View className="todo-list">
        {state.items.map((item) => {
          const taskId = item.task?.id
          const selectable = selecting && !!taskId && approvable.includes(item)
          return (
            <TaskCard
              key={`${item.requestId}-${taskId ?? ''}`}
              box={active}
              item={item}
              selecting={selectable}
              selected={!!taskId && selected.has(taskId)}
              onToggle={() => taskId && toggle(taskId)}
              onOpen={() => void Taro.navigateTo({ url: withQuery(ROUTES.microappDetail, { id: item.requestId }) })}
            />
          )
        })}
        {state.nextCursor && (
          <Button className="todo-more" fill="none" size="small" loading={loadingMore} onClick={() => void loadMore(active)}>
            加载更多
          </Button>
        )}
      </View>
    )

  return (
    <View className="todo-page">
      {/* one sticky header: a fixed footer would sit under the H5 tab bar */}
      <View className="todo-head">
        <View className="todo-tabs">
          {TABS.map((entry) => {
            const badge = counts ? entry.badge(counts) : 0
            return (
              <View
                key={entry.box}
                className={`todo-tab todo-tab--${entry.box}${entry.box === active ? ' todo-tab--active' : ''}`}
                onClick={() => switchTo(entry.box)}
              >
                <Text className="todo-tab__title">{entry.title}</Text>
                {badge > 0 && <Text className="todo-tab__badge">{badge > 99 ? '99+' : badge}</Text>}
              </View>
            )
          })}
        </View>
        {active === 'todo' && approvable.length > 1 && (
          <View className="todo-batchbar">
            <Text className="todo-batchbar__hint">{selecting ? `已选 ${selected.size} 项` : `${approvable.length} 项审批可批量处理`}</Text>
            {selecting && (
              <Text
                className="todo-batchbar__all"
                onClick={() => setSelected(new Set(approvable.flatMap((item) => (item.task ? [item.task.id] : []))))}
              >
                全选
              </Text>
            )}
            <Text
              className="todo-batchbar__toggle"
              onClick={() => {
                setSelecting(!selecting)
                setSelected(new Set())
              }}
            >
              {selecting ? '取消' : '批量审批'}
            </Text>
            {selecting && (
              <Button
                className="todo-batch-approve"
                type="primary"
                size="small"
                loading={approving}
                disabled={approving || selected.size === 0}
                onClick={() => void approveSelected()}
              >
                {`同意所选（${selected.size}）`}
              </Button>
            )}
          </View>
        )}
      </View>
      {content}
    </View>
  )
}
