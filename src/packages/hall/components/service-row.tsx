import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { Service } from '@contract/api'
import { elsewhereLabel } from '@/shared/catalog/availability'
import { ServiceIcon } from '@/shared/catalog/service-icon'
import { platformAdapter } from '@/shared/platform'

/** A service as a list row: icon, name (highlighted when searched), department and description. */
export function ServiceRow({ service, name, onTap }: { service: Service; name?: ReactNode; onTap(): void }) {
  const elsewhere = elsewhereLabel(service, platformAdapter.platform)
  return (
    <View className={`service-row service-row--${service.status} ${elsewhere ? 'service-row--elsewhere' : ''}`} data-service={service.id} onClick={onTap}>
      <ServiceIcon service={service} />
      <View className="service-row__text">
        <View className="service-row__title">
          <Text className="service-row__name">{name ?? service.name}</Text>
          {service.status === 'maintenance' && <Text className="service-row__tag">维护中</Text>}
          {elsewhere && <Text className="service-row__tag service-row__tag--elsewhere">在{elsewhere}中使用</Text>}
        </View>
        <Text className="service-row__meta">
          {service.department}
          {service.description ? ` · ${service.description}` : ''}
        </Text>
      </View>
    </View>
  )
}
