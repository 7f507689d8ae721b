import { View } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'
import type { RemoteData } from '@/shared/hooks/use-remote-data'
import { EmptyBlock, ErrorBlock } from '@/shared/components/status-block'

/** Skeleton while loading, the error (a 403 as an empty state with its reason) with retry. */
export function PageState<T>({ remote, children }: { remote: RemoteData<T>; children: (data: T) => React.ReactNode }) {
  if (remote.data !== undefined) return <>{children(remote.data)}</>
  if (remote.error) {
    if (remote.error.status === 403 || remote.error.status === 404) return <EmptyBlock title="暂时看不到画像" description={remote.error.message} />
    return <ErrorBlock error={remote.error} onRetry={() => void remote.reload()} />
  }
  return (
    <View className="pt-skeleton">
      <Skeleton rows={3} animated />
      <Skeleton rows={4} animated />
      <Skeleton rows={4} animated />
    </View>
  )
}
