import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

interface HomeSectionProps {
  title: string
  /** a link on the right of the title, e.g. 管理 / 全部 */
  action?: { label: string; onTap(): void }
  className?: string
  children: ReactNode
}

export function HomeSection({ title, action, className = '', children }: HomeSectionProps) {
  return (
    <View className={`hall-section ${className}`}>
      <View className="hall-section__head">
        <Text className="hall-section__title">{title}</Text>
        {action && (
          <Text className="hall-section__action" onClick={action.onTap}>
            {action.label}
          </Text>
        )}
      </View>
      {children}
    </View>
  )
}
