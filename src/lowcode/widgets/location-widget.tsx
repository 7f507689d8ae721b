import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import type { LocationBuildingList, LocationRoomList, LocationValue } from '@contract/microapp'
import { useFormServices } from '../form-services'
import type { WidgetProps } from '../widget-types'
import { PickerTrigger } from './picker-trigger'
import { SheetList } from './sheet-list'
import { useLookup } from './use-lookup'

type Building = LocationBuildingList['buildings'][number]
type Room = LocationRoomList['rooms'][number]

export const locationLabel = (value: LocationValue | undefined) =>
  value ? [value.buildingName, value.roomName].filter(Boolean).join(' ') : ''

/** location: a building, then (unless `level: 'building'`) a room, both from the campus data. */
export function LocationWidget({ field, item, value, onChange, disabled }: WidgetProps<LocationValue>) {
  const services = useFormServices()
  const [open, setOpen] = useState(false)
  const [building, setBuilding] = useState<Building>()
  const buildings = useLookup<Building>()
  const rooms = useLookup<Room>()
  const roomLevel = field.level !== 'building'

  const loadBuildings = () => buildings.load(() => services.listBuildings(field.scope))
  const pickBuilding = (picked: Building) => {
    if (!roomLevel) {
      onChange({ buildingId: picked.id, buildingName: picked.name })
      setOpen(false)
      return
    }
    setBuilding(picked)
    rooms.load(() => services.listRooms(picked.id))
  }

  return (
    <>
      <PickerTrigger
        text={locationLabel(value)}
        placeholder={item.placeholder ?? (roomLevel ? '请选择楼栋和房间' : '请选择楼栋')}
        disabled={disabled}
        onOpen={() => {
          setBuilding(undefined)
          setOpen(true)
          loadBuildings()
        }}
      />
      <Popup visible={open} position="bottom" round title={field.label} closeable onClose={() => setOpen(false)}>
        <View className="lc-sheet lc-location">
          {building ? (
            <>
              <View className="lc-sheet__crumb" onClick={() => setBuilding(undefined)}>
                <Text className="lc-sheet__crumb-back">‹ 楼栋</Text>
                <Text className="lc-sheet__crumb-current">{building.name}</Text>
              </View>
              <SheetList
                items={rooms.items}
                failed={rooms.failed}
                empty="该楼栋没有房间"
                onRetry={() => rooms.load(() => services.listRooms(building.id))}
                renderItem={(room) => ({
                  key: room.id,
                  title: room.name,
                  onClick: () => {
                    onChange({ buildingId: building.id, buildingName: building.name, roomId: room.id, roomName: room.name })
                    setOpen(false)
                  },
                })}
              />
            </>
          ) : (
            <SheetList
              items={buildings.items}
              failed={buildings.failed}
              empty="暂无可选楼栋"
              onRetry={loadBuildings}
              renderItem={(entry) => ({ key: entry.id, title: entry.name, onClick: () => pickBuilding(entry) })}
            />
          )}
        </View>
      </Popup>
    </>
  )
}
