import { useMemo, useRef, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'
import type { ServiceTile } from '@contract/catalog'
import { openService } from '@/shared/catalog/open-service'
import { ServiceGrid } from '@/shared/catalog/service-grid'
import { EmptyBlock, ErrorBlock } from '@/shared/components/status-block'
import { useRemoteData } from '@/shared/hooks/use-remote-data'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { addFavorite, getCatalog, getFavorites, removeFavorite } from '../../api'
import { groupServices } from '../../group-services'
import '../../hall.scss'

async function loadAll() {
  const [catalog, favorites] = await Promise.all([getCatalog(), getFavorites()])
  return { catalog, favorites: favorites.services.map((service) => service.id) }
}

export default function AllServicesPage() {
  const session = useSessionGuard()
  const all = useRemoteData(loadAll, { enabled: session !== null })
  const sections = useMemo(() => groupServices(all.data?.catalog), [all.data])
  const [editing, setEditing] = useState(false)
  /** favorites as the user sees them now: the server's, with this page's changes applied */
  const [changes, setChanges] = useState<Record<string, boolean>>({})
  const inFlight = useRef(new Set<string>())

  usePullDownRefresh(() => {
    void all.reload().then(() => {
      setChanges({})
      Taro.stopPullDownRefresh()
    })
  })

  if (!session) return <View className="hall-subpage" />

  const saved = new Set(all.data?.favorites ?? [])
  const isFavorite = (id: string) => changes[id] ?? saved.has(id)

  const toggle = async (service: ServiceTile) => {
    // a second tap while the first is on its way is ignored, not sent twice
    if (inFlight.current.has(service.id)) return
    inFlight.current.add(service.id)
    const next = !isFavorite(service.id)
    setChanges((current) => ({ ...current, [service.id]: next }))
    try {
      if (next) await addFavorite(service.id)
      else await removeFavorite(service.id)
      void Taro.showToast({ title: next ? '已收藏' : '已取消收藏', icon: 'none', duration: 1200 })
    } catch (caught) {
      setChanges((current) => ({ ...current, [service.id]: !next }))
      showErrorToast(caught)
    } finally {
      inFlight.current.delete(service.id)
    }
  }

  let content
  if (all.data === undefined && all.error) content = <ErrorBlock error={all.error} onRetry={() => void all.reload()} />
  else if (all.data === undefined)
    content = (
      <View className="hall-card">
        <Skeleton rows={6} animated />
      </View>
    )
  else if (sections.length === 0) content = <EmptyBlock title="暂无可用服务" description="学校还没有在这里发布服务" />
  else
    content = sections.map(({ category, services }) => (
      <View className="hall-card" key={category.id}>
        <Text className="hall-card__title">
          {category.name}
          <Text className="hall-card__count"> {services.length}</Text>
        </Text>
        <ServiceGrid
          services={services}
          onTap={(service) => (editing ? void toggle(service) : void openService(service).catch(showErrorToast))}
          corner={
            editing
              ? (service) => (
                  <View
                    className={`favorite-star ${isFavorite(service.id) ? 'favorite-star--on' : ''}`}
                    aria-label={isFavorite(service.id) ? '取消收藏' : '收藏'}
                  >
                    <View className={`service-glyph service-glyph--${isFavorite(service.id) ? 'star-f' : 'star'}`} />
                  </View>
                )
              : undefined
          }
        />
      </View>
    ))

  return (
    <View className="hall-subpage all-page">
      <View className="all-page__toolbar">
        <Text className="all-page__hint">{editing ? '点服务加入或移出收藏' : '收藏常用服务，首页一眼就能找到'}</Text>
        <Text className="all-page__edit" onClick={() => setEditing((on) => !on)}>
          {editing ? '完成' : '编辑收藏'}
        </Text>
      </View>
      {content}
    </View>
  )
}
