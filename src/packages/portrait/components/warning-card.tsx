import { Text, View } from '@tarojs/components'
import type { PortraitWarning } from '@contract/portrait'
import { WARNING_LEVEL_LABELS } from '@contract/portrait-labels'

const STATUS_LABELS: Record<PortraitWarning['status'], string> = { open: '待处理', acknowledged: '已知悉', resolved: '已处理', cleared: '已解除' }

export function WarningCard({ warning, showStudent = false, children }: { warning: PortraitWarning; showStudent?: boolean; children?: React.ReactNode }) {
  return (
    <View className={`pt-warning pt-warning--${warning.level}`}>
      <View className="pt-warning__head">
        <Text className="pt-warning__badge">
          {warning.label} · {WARNING_LEVEL_LABELS[warning.level]}
        </Text>
        {showStudent && (
          <Text className="pt-warning__student">
            {warning.studentName} · {warning.className}
          </Text>
        )}
        <Text className="pt-warning__status">{STATUS_LABELS[warning.status]}</Text>
      </View>
      <Text className="pt-warning__why">{warning.why}</Text>
      {children}
    </View>
  )
}
