import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { ServiceTile } from '@contract/catalog'
import { platformAdapter } from '@/shared/platform'
import { elsewhereLabel } from './availability'
import { ServiceIcon } from './service-icon'
import './service-grid.scss'

interface ServiceGridProps {
  services: readonly ServiceTile[]
  onTap(service: ServiceTile): void
  /** e.g. a favorite star in edit mode */
  corner?: (service: ServiceTile) => ReactNode
  className?: string
}

/**
 * Four tiles a row: icon, name, a 维护 badge for services under maintenance, where it works for
 * a service that does not work on this platform. Plain views, not
 * NutUI's Grid: each tile is a handful of nodes, so a mini-program's setData for a grid stays small.
 */
export function ServiceGrid({ services, onTap, corner, className = '' }: ServiceGridProps) {
  return (
    <View className={`service-grid ${className}`}>
      {services.map((service) => {
        const elsewhere = elsewhereLabel(service, platformAdapter.platform)
        return (
          <View
            key={service.id}
            className={`service-item service-item--${service.status} ${elsewhere ? 'service-item--elsewhere' : ''}`}
            data-service={service.id}
            onClick={() => onTap(service)}
          >
            <ServiceIcon service={service} />
            <Text className="service-item__name">{service.name}</Text>
            {service.status === 'maintenance' && <Text className="service-item__badge">维护</Text>}
            {service.status !== 'maintenance' && elsewhere && <Text className="service-item__badge service-item__badge--elsewhere">{elsewhere}</Text>}
            {corner?.(service)}
          </View>
        )
      })}
    </View>
  )
}
