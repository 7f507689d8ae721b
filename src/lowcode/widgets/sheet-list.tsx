import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Cell, Skeleton } from '@nutui/nutui-react-taro'

/** A picker sheet's list: skeleton while loading, a retry line when it failed, an empty line. */
export function SheetList<T>({
  items,
  failed,
  empty,
  onRetry,
  renderItem,
}: {
  items: T[] | undefined
  failed: boolean
  empty: string
  onRetry(): void
  renderItem(item: T): { key: string; title: ReactNode; description?: ReactNode; onClick(): void }
}) {
  if (failed) {
    return (
      <View className="lc-sheet__status" onClick={onRetry}>
        <Text>加载失败，点此重试</Text>
      </View>
    )
  }
  if (!items) {
    return (
      <View className="lc-sheet__status">
        <Skeleton rows={3} animated />
      </View>
    )
  }
  if (items.length === 0) {
    return (
      <View className="lc-sheet__status">
        <Text>{empty}</Text>
      </View>
    )
  }
  return (
    <View className="lc-sheet__list">
      {items.map((entry) => {
        const { key, title, description, onClick } = renderItem(entry)
        return <Cell key={key} className="lc-sheet__option" title={title} description={description} clickable onClick={onClick} />
      })}
    </View>
  )
}
