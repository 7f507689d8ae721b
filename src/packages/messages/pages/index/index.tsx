import { useEffect } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'
import type { Message } from '@contract/microapp'
import { EmptyBlock, ErrorBlock } from '@/shared/components/status-block'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { ROUTES, normalizeRoute } from '@/shared/navigation/routes'
import { messageTime } from '../../message-time'
import { useInbox } from '../../use-inbox'
import './index.scss'

const TAB_PAGES = new Set([ROUTES.home, ROUTES.todo, ROUTES.me].map(normalizeRoute))

/** Opens what a message points at: tab pages by switchTab (navigateTo refuses them), others pushed. */
function openLink(link: string) {
  const url = link.startsWith('/') ? link : `/${link}`
  const go = TAB_PAGES.has(normalizeRoute(url)) ? Taro.switchTab({ url: url.split('?')[0]! }) : Taro.navigateTo({ url })
  void go.catch(showErrorToast)
}

function InboxSkeleton() {
  return (
    <View className="inbox-skeleton">
      {[0, 1, 2, 3].map((row) => (
        <View key={row} className="inbox-item">
          <Skeleton rows={2} animated />
        </View>
      ))}
    </View>
  )
}

export function MessageItem({ message, onTap }: { message: Message; onTap(message: Message): void }) {
  return (
    <View className={`inbox-item ${message.read ? 'inbox-item--read' : 'inbox-item--unread'}`} onClick={() => onTap(message)}>
      <View className="inbox-item__head">
        {!message.read && <View className="inbox-item__dot" />}
        <Text className="inbox-item__title">{message.title}</Text>
        <Text className="inbox-item__time">{messageTime(message.createdAt)}</Text>
      </View>
      <Text className="inbox-item__body">{message.body}</Text>
      {message.link && <Text className="inbox-item__more">查看详情 ›</Text>}
    </View>
  )
}

export default function InboxPage() {
  const session = useSessionGuard()
  const { inbox, error, loadingMore, reload, loadMore, markRead, markAll } = useInbox()
  const userId = session?.user.id

  useEffect(() => {
    if (userId) void reload()
  }, [userId, reload])
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void loadMore())

  if (!session) return <View className="inbox-page" />

  const tap = (message: Message) => {
    void markRead(message)
    if (message.link) openLink(message.link)
  }

  let content
  if (!inbox && error) content = <ErrorBlock error={error} onRetry={() => void reload()} />
  else if (!inbox) content = <InboxSkeleton />
  else if (inbox.items.length === 0) content = <EmptyBlock title="暂无消息" description="审批进度、待办提醒、预警和活动通知会出现在这里" />
  else
    content = (
      <>
        {inbox.items.map((message) => (
          <MessageItem key={message.id} message={message} onTap={tap} />
        ))}
        <Text className="inbox-footer">{loadingMore ? '加载中…' : inbox.nextCursor ? '上拉加载更多' : '没有更早的消息了'}</Text>
      </>
    )

  return (
    <View className="inbox-page">
      <View className="inbox-bar">
        <Text className="inbox-bar__count">{inbox ? (inbox.unread > 0 ? `${inbox.unread} 条未读` : '全部已读') : ' '}</Text>
        <Text className={`inbox-bar__action ${inbox && inbox.unread > 0 ? '' : 'inbox-bar__action--off'}`} onClick={() => void markAll()}>
          全部已读
        </Text>
      </View>
      <View className="inbox-list">{content}</View>
    </View>
  )
}
