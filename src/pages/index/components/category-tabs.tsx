import { useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'
import type { HomeCategory, ServiceTile } from '@contract/catalog'
import { getCategoryServices } from '@/shared/catalog/catalog-api'
import { ServiceGrid } from '@/shared/catalog/service-grid'
import { EmptyBlock, ErrorBlock } from '@/shared/components/status-block'
import { toApiError, type ApiError } from '@/shared/http/api-error'

interface TabState {
  services?: ServiceTile[]
  error?: ApiError
}

interface CategoryTabsProps {
  categories: readonly HomeCategory[]
  /** the first category's services, already in the home data */
  firstServices: readonly ServiceTile[]
  onTap(service: ServiceTile): void
  /** opens the all-services page (a tab shows at most TAB_LIMIT tiles) */
  onMore(): void
}

/** 4 rows; the rest of a big category is on the all-services page */
export const TAB_LIMIT = 16

/**
 * Category tabs, each a grid of services. The first tab comes with the home data; another tab's
 * services are fetched the first time it is opened and kept while the page lives.
 */
export function CategoryTabs({ categories, firstServices, onTap, onMore }: CategoryTabsProps) {
  const firstId = categories[0]?.id ?? ''
  const [active, setActive] = useState(firstId)
  const [tabs, setTabs] = useState<Record<string, TabState>>({})
  const activeId = categories.some((category) => category.id === active) ? active : firstId

  const load = async (categoryId: string) => {
    setTabs((current) => ({ ...current, [categoryId]: {} }))
    try {
      const { services } = await getCategoryServices(categoryId)
      setTabs((current) => ({ ...current, [categoryId]: { services } }))
    } catch (caught) {
      setTabs((current) => ({ ...current, [categoryId]: { error: toApiError(caught) } }))
    }
  }

  const select = (categoryId: string) => {
    setActive(categoryId)
    if (categoryId !== firstId && !tabs[categoryId]?.services) void load(categoryId)
  }

  const tab: TabState = activeId === firstId ? { services: [...firstServices] } : (tabs[activeId] ?? {})
  let body
  if (tab.error) body = <ErrorBlock error={tab.error} onRetry={() => void load(activeId)} />
  else if (!tab.services) body = <Skeleton className="category-tabs__loading" rows={2} animated />
  else if (tab.services.length === 0) body = <EmptyBlock title="这个分类暂无服务" />
  else {
    const count = categories.find((category) => category.id === activeId)?.count ?? tab.services.length
    body = (
      <>
        <ServiceGrid services={tab.services.slice(0, TAB_LIMIT)} onTap={onTap} />
        {count > TAB_LIMIT && (
          <Text className="category-tabs__more" onClick={onMore}>
            查看全部 {count} 项
          </Text>
        )}
      </>
    )
  }

  return (
    <View className="category-tabs">
      <ScrollView className="category-tabs__bar" scrollX enhanced showScrollbar={false}>
        {categories.map((category) => (
          <Text
            key={category.id}
            className={`category-tabs__tab ${category.id === activeId ? 'category-tabs__tab--active' : ''}`}
            onClick={() => select(category.id)}
          >
            {category.name}
          </Text>
        ))}
      </ScrollView>
      <View className="category-tabs__panel">{body}</View>
    </View>
  )
}
