import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { DatePicker } from '@nutui/nutui-react-taro'
import type { DataField, RangeValue } from '@contract/microapp'
import { dayjs } from '@/shared/time/dayjs'
import type { WidgetProps } from '../widget-types'
import { PickerTrigger } from './picker-trigger'

/** The string formats values travel in (the core validates the same ones). */
export const DATE_FORMATS = { date: 'YYYY-MM-DD', datetime: 'YYYY-MM-DD HH:mm', time: 'HH:mm' } as const
type DateKind = keyof typeof DATE_FORMATS

const PICKER_TYPE = { date: 'date', datetime: 'datetime', time: 'hour-minutes' } as const

function parse(kind: DateKind, value: string | undefined): Date | undefined {
  if (!value) return undefined
  const parsed = kind === 'time' ? dayjs(`2000-01-01 ${value}`) : dayjs(value)
  return parsed.isValid() ? parsed.toDate() : undefined
}

function bound(kind: DateKind, limit: DataField['min'], fallbackYears: number): Date {
  const parsed = typeof limit === 'string' ? parse(kind, limit) : undefined
  return parsed ?? dayjs().add(fallbackYears, 'year').startOf('year').toDate()
}

function DateField({
  kind,
  field,
  value,
  placeholder,
  disabled,
  title,
  onPick,
}: {
  kind: DateKind
  field: DataField
  value: string | undefined
  placeholder: string
  disabled: boolean
  title: string
  onPick(value: string): void
}) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <PickerTrigger text={value ?? ''} placeholder={placeholder} disabled={disabled} onOpen={() => setOpen(true)} />
      <DatePicker
        visible={open}
        title={title}
        type={PICKER_TYPE[kind]}
        showChinese
        minuteStep={kind === 'date' ? 1 : 5}
        value={parse(kind, value) ?? new Date()}
        // NutUI reads these even for times: an explicit undefined would replace its defaults
        {...(kind === 'time' ? {} : { startDate: bound(kind, field.min, -1), endDate: bound(kind, field.max, 2) })}
        onClose={() => setOpen(false)}
        onConfirm={(_options, values) => {
          const parts = values.map((part) => String(part).padStart(2, '0'))
          if (kind === 'time') onPick(`${parts[0]}:${parts[1]}`)
          else if (kind === 'date') onPick(`${parts[0]}-${parts[1]}-${parts[2]}`)
          else onPick(`${parts[0]}-${parts[1]}-${parts[2]} ${parts[3]}:${parts[4]}`)
        }}
      />
    </>
  )
}

/** date, datetime and time */
export function DateWidget({ field, item, value, onChange, disabled }: WidgetProps<string>) {
  const kind = field.type as DateKind
  return (
    <DateField
      kind={kind}
      field={field}
      value={value}
      title={field.label}
      placeholder={item.placeholder ?? `请选择${field.label}`}
      disabled={disabled}
      onPick={onChange}
    />
  )
}

/** daterange: two pickers; `withTime` ranges (a classroom from 14:00 to 16:00) pick datetimes. */
export function DateRangeWidget({ field, value, onChange, disabled }: WidgetProps<RangeValue>) {
  const kind: DateKind = field.withTime ? 'datetime' : 'date'
  const update = (part: keyof RangeValue, picked: string) => {
    const next = { start: value?.start ?? '', end: value?.end ?? '', [part]: picked }
    onChange(next)
  }
  return (
    <View className="lc-range">
      <DateField
        kind={kind}
        field={field}
        value={value?.start || undefined}
        title="开始时间"
        placeholder="开始"
        disabled={disabled}
        onPick={(picked) => update('start', picked)}
      />
      <Text className="lc-range__to">至</Text>
      <DateField
        kind={kind}
        field={field}
        value={value?.end || undefined}
        title="结束时间"
        placeholder="结束"
        disabled={disabled}
        onPick={(picked) => update('end', picked)}
      />
    </View>
  )
}
