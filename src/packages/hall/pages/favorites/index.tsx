import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'
import type { Service } from '@contract/api'
import { ServiceIcon } from '@/shared/catalog/service-icon'
import { EmptyBlock, ErrorBlock } from '@/shared/components/status-block'
import { useRemoteData } from '@/shared/hooks/use-remote-data'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { ROUTES } from '@/shared/navigation/routes'
import { getFavorites, removeFavorite, reorderFavorites } from '../../api'
import '../../hall.scss'

/** Moves the item at `index` by `delta` places (a copy). */
export function move<T>(items: readonly T[], index: number, delta: number): T[] {
  const target = index + delta
  if (target < 0 || target >= items.length) return [...items]
  const next = [...items]
  const [item] = next.splice(index, 1)
  next.splice(target, 0, item!)
  return next
}

export default function FavoritesPage() {
  const session = useSessionGuard()
  const favorites = useRemoteData(getFavorites, { enabled: session !== null })
  const [list, setList] = useState<Service[]>()
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    if (favorites.data) setList(favorites.data.services)
  }, [favorites.data])

  if (!session) return <View className="hall-subpage" />

  /** One change at a time: the buttons wait for the server, so two taps cannot interleave. */
  const save = async (next: Service[], send: () => Promise<unknown>) => {
    if (saving) return
    const before = list
    setList(next)
    setSaving(true)
    try {
      await send()
    } catch (caught) {
      setList(before)
      showErrorToast(caught)
    } finally {
      setSaving(false)
    }
  }

  const reorder = (index: number, delta: number) => {
    if (!list || index + delta < 0 || index + delta >= list.length) return
    const next = move(list, index, delta)
    void save(next, () => reorderFavorites(next.map((service) => service.id)))
  }
  const remove = (service: Service) => {
    if (!list) return
    void save(
      list.filter((item) => item.id !== service.id),
      () => removeFavorite(service.id),
    )
  }

  let content
  if (list === undefined && favorites.error) content = <ErrorBlock error={favorites.error} onRetry={() => void favorites.reload()} />
  else if (list === undefined)
    content = (
      <View className="hall-card">
        <Skeleton rows={4} animated />
      </View>
    )
  else if (list.length === 0)
    content = (
      <View className="hall-card">
        <EmptyBlock title="还没有收藏的服务" description="在「全部服务」里点 编辑收藏 添加" />
        <Text className="favorites-page__link" onClick={() => void Taro.redirectTo({ url: ROUTES.hallAll })}>
          去全部服务
        </Text>
      </View>
    )
  else
    content = (
      <View className="hall-card favorites-list">
        {list.map((service, index) => (
          <View className="favorite-row" key={service.id} data-service={service.id}>
            <ServiceIcon service={service} />
            <Text className="favorite-row__name">{service.name}</Text>
            <View
              className={`favorite-row__button ${index === 0 || saving ? 'favorite-row__button--off' : ''}`}
              aria-label="上移"
              onClick={() => reorder(index, -1)}
            >
              <View className="service-glyph service-glyph--arrow-up" />
            </View>
            <View
              className={`favorite-row__button ${index === list.length - 1 || saving ? 'favorite-row__button--off' : ''}`}
              aria-label="下移"
              onClick={() => reorder(index, 1)}
            >
              <View className="service-glyph service-glyph--arrow-down" />
            </View>
            <View className={`favorite-row__button favorite-row__button--remove ${saving ? 'favorite-row__button--off' : ''}`} aria-label="移除" onClick={() => remove(service)}>
              <View className="service-glyph service-glyph--del" />
            </View>
          </View>
        ))}
      </View>
    )

  return (
    <View className="hall-subpage favorites-page">
      <Text className="favorites-page__hint">收藏会同步到微信、钉钉和网页版，首页按这里的顺序显示</Text>
      {content}
    </View>
  )
}
