import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'
import { Notice } from '@nutui/icons-react-taro'
import type { Home, ServiceTile } from '@contract/catalog'
import { openService } from '@/shared/catalog/open-service'
import { ServiceGrid } from '@/shared/catalog/service-grid'
import { EmptyBlock, ErrorBlock } from '@/shared/components/status-block'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { ROUTES } from '@/shared/navigation/routes'
import { dayjs, formatToday, greetingAt } from '@/shared/time/dayjs'
import { CategoryTabs } from './components/category-tabs'
import { HomeSection } from './components/home-section'
import { NoticeBanner } from './components/notice-banner'
import { badgeText, refreshTodoBadge } from './tab-badge'
import { useHome } from './use-home'
import { useStagedReveal } from './use-staged-reveal'
import './index.scss'

/** Enough services that a user needs favorites to find theirs. */
const FAVORITES_HINT_FROM = 9
const BADGE_MIN_INTERVAL_MS = 3_000

const open = (service: ServiceTile) => void openService(service).catch(showErrorToast)
const go = (url: string) => () => void Taro.navigateTo({ url }).catch(showErrorToast)

function HallSkeleton() {
  return (
    <View className="hall-skeleton">
      {[0, 1].map((section) => (
        <View className="hall-section" key={section}>
          <Skeleton className="hall-skeleton__title" rows={1} animated />
          <View className="hall-skeleton__grid">
            {[0, 1, 2, 3].map((tile) => (
              <View className="hall-skeleton__tile" key={tile}>
                <Skeleton width="44px" height="44px" shape="round" animated />
                <Skeleton width="48px" rows={1} animated />
              </View>
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}

function HomeContent({ home, stage }: { home: Home; stage: number }) {
  const total = home.categories.reduce((sum, category) => sum + category.count, 0)
  if (home.categories.length === 0) {
    return (
      <View className="hall-section hall-status">
        <EmptyBlock title="暂无可用服务" description="学校还没有在这里发布服务" />
      </View>
    )
  }
  return (
    <>
      {home.favorites.length > 0 ? (
        <HomeSection title="我的收藏" action={{ label: '管理', onTap: go(ROUTES.hallFavorites) }} className="hall-favorites">
          <ServiceGrid services={home.favorites.slice(0, 8)} onTap={open} />
        </HomeSection>
      ) : (
        total >= FAVORITES_HINT_FROM && (
          <View className="hall-hint" onClick={go(ROUTES.hallAll)}>
            <Text>常用服务可在「全部服务」里收藏到这里</Text>
          </View>
        )
      )}
      {stage >= 1 && home.recent.length > 0 && (
        <HomeSection title="最近使用" className="hall-recent">
          <ScrollView scrollX enhanced showScrollbar={false} className="hall-recent__scroll">
            <ServiceGrid services={home.recent} onTap={open} className="service-grid--row" />
          </ScrollView>
        </HomeSection>
      )}
      {stage >= 2 && (
        <HomeSection title="服务分类" action={{ label: `全部 ${total} 项`, onTap: go(ROUTES.hallAll) }} className="hall-categories">
          <CategoryTabs key={home.version} categories={home.categories} firstServices={home.firstCategory.services} onTap={open} onMore={go(ROUTES.hallAll)} />
        </HomeSection>
      )}
    </>
  )
}

export default function ServiceHallPage() {
  const session = useSessionGuard()
  const userId = session?.user.id
  const home = useHome(userId)
  const stage = useStagedReveal(home.data !== undefined, 2)
  const lastBadge = useRef(0)
  const [unread, setUnread] = useState(0)
  const now = dayjs()

  const refreshBadge = () => {
    if (!userId || Date.now() - lastBadge.current < BADGE_MIN_INTERVAL_MS) return
    lastBadge.current = Date.now()
    void refreshTodoBadge().then((badges) => {
      if (badges) setUnread(badges.unreadMessages)
    })
  }
  const openInbox = () => {
    lastBadge.current = 0 // back from the inbox: read counts have changed
    go(ROUTES.messages)()
  }
  useEffect(refreshBadge, [userId])
  const shown = useRef(false)
  useDidShow(() => {
    refreshBadge()
    // back from 全部服务 / 管理收藏 / a service: favorites and recent may have changed
    if (shown.current) void home.reload()
    shown.current = true
  })

  usePullDownRefresh(() => {
    lastBadge.current = 0
    refreshBadge()
    void home.reload().then(() => Taro.stopPullDownRefresh())
  })

  if (!session) return <View className="hall-page" />

  let content
  if (home.data === undefined && home.error) {
    content = (
      <View className="hall-section hall-status">
        <ErrorBlock error={home.error} onRetry={() => void home.reload()} />
      </View>
    )
  } else if (home.data === undefined) {
    content = <HallSkeleton />
  } else {
    content = <HomeContent home={home.data} stage={stage} />
  }

  return (
    <View className="hall-page">
      <View className="hall-header">
        <View className="hall-bell" onClick={openInbox} aria-label={unread > 0 ? `消息，${unread} 条未读` : '消息'}>
          <Notice className="hall-bell__glyph" />
          {unread > 0 && <Text className="hall-bell__count">{badgeText(unread)}</Text>}
        </View>
        <Text className="hall-greeting">
          {greetingAt(now)}，{session.user.name}
        </Text>
        <Text className="hall-date">
          {formatToday(now)}
          {session.user.college ? ` · ${session.user.college}` : ''}
        </Text>
        <View className="hall-search" onClick={go(ROUTES.hallSearch)}>
          <View className="service-glyph service-glyph--search hall-search__glyph" />
          <Text className="hall-search__placeholder">搜索服务，如 报修、bx、请假</Text>
        </View>
        {home.data && home.data.hot.length > 0 && (
          <View className="hall-hot">
            <Text className="hall-hot__label">本周热门</Text>
            {home.data.hot.slice(0, 4).map((service) => (
              <Text key={service.id} className="hall-hot__chip" onClick={() => open(service)}>
                {service.name}
              </Text>
            ))}
          </View>
        )}
      </View>
      <View className="hall-body">
        {home.data !== undefined && home.error && (
          <View className="hall-offline">
            <Text className="hall-offline__text">{home.error.isRetryable ? '网络不可用，显示的是上次的内容' : home.error.message}</Text>
            <Text className="hall-offline__retry" onClick={() => void home.reload()}>
              重试
            </Text>
          </View>
        )}
        {home.data && <NoticeBanner notices={home.data.notices} />}
        {content}
      </View>
    </View>
  )
}
