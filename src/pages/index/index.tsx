import { useMemo, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Grid, SearchBar, Skeleton } from '@nutui/nutui-react-taro'
import { EmptyBlock, ErrorBlock } from '@/shared/components/status-block'
import { useRemoteData } from '@/shared/hooks/use-remote-data'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { dayjs, formatToday, greetingAt } from '@/shared/time/dayjs'
import { getCatalog } from './get-catalog'
import { groupServices } from './group-services'
import { openService } from './open-service'
import { ServiceIcon } from './service-icon'
import './index.scss'

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

export default function ServiceHallPage() {
  const session = useSessionGuard()
  const catalog = useRemoteData(getCatalog, { enabled: session !== null })
  const [keyword, setKeyword] = useState('')
  const sections = useMemo(() => groupServices(catalog.data, keyword), [catalog.data, keyword])
  const now = dayjs()

  usePullDownRefresh(() => {
    void catalog.reload().then(() => Taro.stopPullDownRefresh())
  })

  if (!session) return <View className="hall-page" />

  let content
  if (catalog.data === undefined && catalog.error) {
    content = (
      <View className="hall-section hall-status">
        <ErrorBlock error={catalog.error} onRetry={() => void catalog.reload()} />
      </View>
    )
  } else if (catalog.data === undefined) {
    content = <HallSkeleton />
  } else if (sections.length === 0) {
    content = (
      <View className="hall-section hall-status">
        {keyword.trim() ? (
          <EmptyBlock title="没有找到相关服务" description="换个关键词试试，如“报修”" />
        ) : (
          <EmptyBlock title="暂无可用服务" description="学校还没有在这里发布服务" />
        )}
      </View>
    )
  } else {
    content = sections.map(({ category, services }) => (
      <View className="hall-section" key={category.id}>
        <Text className="hall-section__title">{category.name}</Text>
        <Grid columns={4} className="service-grid">
          {services.map((service) => (
            <Grid.Item
              key={service.id}
              className={`service-item service-item--${service.status}`}
              text={service.name}
              onClick={() => void openService(service).catch(showErrorToast)}
            >
              <ServiceIcon service={service} />
              {service.status === 'maintenance' && <Text className="service-item__badge">维护</Text>}
            </Grid.Item>
          ))}
        </Grid>
      </View>
    ))
  }

  return (
    <View className="hall-page">
      <View className="hall-header">
        <Text className="hall-greeting">
          {greetingAt(now)}，{session.user.name}
        </Text>
        <Text className="hall-date">
          {formatToday(now)}
          {session.user.college ? ` · ${session.user.college}` : ''}
        </Text>
        <SearchBar
          className="hall-search"
          shape="round"
          placeholder="搜索服务，如 报修、请假"
          value={keyword}
          onChange={(value) => setKeyword(value)}
          onClear={() => setKeyword('')}
        />
      </View>
      <View className="hall-body">{content}</View>
    </View>
  )
}
