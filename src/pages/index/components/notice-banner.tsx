import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { NoticeSummary } from '@contract/catalog'

/** The notices meant for this user right now; a tap shows the whole text. */
export function NoticeBanner({ notices }: { notices: readonly NoticeSummary[] }) {
  if (notices.length === 0) return null
  return (
    <View className="notice-banner">
      {notices.slice(0, 2).map((notice) => (
        <View
          key={notice.id}
          className={`notice-banner__item notice-banner__item--${notice.level}`}
          onClick={() =>
            void Taro.showModal({ title: notice.title, content: notice.body || notice.title, showCancel: false, confirmText: '知道了' })
          }
        >
          <View className="service-glyph service-glyph--notice notice-banner__glyph" />
          <Text className="notice-banner__title">{notice.title}</Text>
          <Text className="notice-banner__more">详情</Text>
        </View>
      ))}
    </View>
  )
}
