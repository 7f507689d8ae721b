import { useEffect, useRef, useState } from 'react'
import { View } from '@tarojs/components'
import { Popup, SearchBar } from '@nutui/nutui-react-taro'
import type { PersonPickList, PersonValue } from '@contract/microapp'
import { useFormServices } from '../form-services'
import type { WidgetProps } from '../widget-types'
import { PickerTrigger } from './picker-trigger'
import { SheetList } from './sheet-list'
import { useLookup } from './use-lookup'

type Person = PersonPickList['people'][number]

const SEARCH_DELAY_MS = 300

/** person: searched on the server (name or 工号), filtered by the field's `role`. */
export function PersonWidget({ field, item, value, onChange, disabled }: WidgetProps<PersonValue>) {
  const services = useFormServices()
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const people = useLookup<Person>()
  const timer = useRef<ReturnType<typeof setTimeout>>()

  const search = (q: string) => people.load(() => services.searchPeople(q.trim(), field.role))
  useEffect(() => () => clearTimeout(timer.current), [])

  return (
    <>
      <PickerTrigger
        text={value?.name ?? ''}
        placeholder={item.placeholder ?? `请选择${field.label}`}
        disabled={disabled}
        onOpen={() => {
          setOpen(true)
          setQuery('')
          search('')
        }}
      />
      <Popup visible={open} position="bottom" round title={field.label} closeable onClose={() => setOpen(false)}>
        <View className="lc-sheet lc-person">
          <SearchBar
            className="lc-person__search"
            shape="round"
            placeholder="输入姓名或工号"
            value={query}
            onChange={(q) => {
              setQuery(q)
              clearTimeout(timer.current)
              timer.current = setTimeout(() => search(q), SEARCH_DELAY_MS)
            }}
          />
          <SheetList
            items={people.items}
            failed={people.failed}
            empty="没有找到匹配的人员"
            onRetry={() => search(query)}
            renderItem={(person) => ({
              key: person.id,
              title: person.name,
              description: [person.department, person.title].filter(Boolean).join(' · ') || undefined,
              onClick: () => {
                onChange({ id: person.id, name: person.name })
                setOpen(false)
              },
            })}
          />
        </View>
      </Popup>
    </>
  )
}
