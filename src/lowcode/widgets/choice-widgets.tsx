import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button, Cascader, Checkbox, Picker, Popup, Radio, Rate, Switch } from '@nutui/nutui-react-taro'
import type { FieldOption } from '@contract/microapp'
import { optionLabel } from '../core/fields'
import type { WidgetProps } from '../widget-types'
import { PickerTrigger } from './picker-trigger'

const optionsOf = (options: FieldOption[] | undefined) => options ?? []

export function SelectWidget({ field, item, value, onChange, disabled }: WidgetProps<string>) {
  const [open, setOpen] = useState(false)
  const options = optionsOf(field.options)
  const twoLevel = options.some((option) => option.children?.length)
  return (
    <>
      <PickerTrigger
        text={value ? optionLabel(options, value) : ''}
        placeholder={item.placeholder ?? `请选择${field.label}`}
        disabled={disabled}
        onOpen={() => setOpen(true)}
      />
      {twoLevel ? (
        <Cascader
          visible={open}
          title={field.label}
          options={options}
          value={value ? value.split('/') : []}
          optionKey={{ textKey: 'label', valueKey: 'value', childrenKey: 'children' }}
          closeable
          onClose={() => setOpen(false)}
          onChange={(path) => onChange(path.map(String).join('/'))}
        />
      ) : (
        <Picker
          visible={open}
          title={field.label}
          options={[options.map(({ value: v, label }) => ({ value: v, label }))]}
          value={value ? [value] : []}
          onClose={() => setOpen(false)}
          onConfirm={(_selected, values) => onChange(values[0] === undefined || values[0] === null ? undefined : String(values[0]))}
        />
      )}
    </>
  )
}

export function RadioWidget({ field, value, onChange, disabled }: WidgetProps<string>) {
  const options = optionsOf(field.options)
  return (
    <Radio.Group
      className="lc-choices"
      value={value ?? ''}
      direction={options.length <= 3 ? 'horizontal' : 'vertical'}
      disabled={disabled}
      onChange={(next) => onChange(String(next))}
    >
      {options.map((option) => (
        <Radio key={option.value} value={option.value} className="lc-choice">
          {option.label}
        </Radio>
      ))}
    </Radio.Group>
  )
}

/** checkbox: every option on the page, for short lists */
export function CheckboxWidget({ field, value, onChange, disabled }: WidgetProps<string[]>) {
  const options = optionsOf(field.options)
  return (
    <Checkbox.Group
      className="lc-choices"
      value={value ?? []}
      direction={options.length <= 3 ? 'horizontal' : 'vertical'}
      max={field.maxItems}
      disabled={disabled}
      onChange={(next) => onChange(next.length ? next : undefined)}
    >
      {options.map((option) => (
        <Checkbox key={option.value} value={option.value} className="lc-choice" label={option.label} />
      ))}
    </Checkbox.Group>
  )
}

/** multiselect: long lists in a bottom sheet, confirmed at once */
export function MultiSelectWidget({ field, item, value, onChange, disabled }: WidgetProps<string[]>) {
  const [open, setOpen] = useState(false)
  const [picked, setPicked] = useState<string[]>([])
  const options = optionsOf(field.options)
  const labels = (value ?? []).map((v) => options.find((option) => option.value === v)?.label ?? v)
  return (
    <>
      <PickerTrigger
        text={labels.join('、')}
        placeholder={item.placeholder ?? `请选择${field.label}`}
        disabled={disabled}
        onOpen={() => {
          setPicked(value ?? [])
          setOpen(true)
        }}
      />
      <Popup visible={open} position="bottom" round title={field.label} closeable onClose={() => setOpen(false)}>
        <View className="lc-sheet">
          <Checkbox.Group className="lc-sheet__list" value={picked} max={field.maxItems} onChange={setPicked}>
            {options.map((option) => (
              <Checkbox key={option.value} value={option.value} className="lc-sheet__option" label={option.label} />
            ))}
          </Checkbox.Group>
          <Button
            className="lc-sheet__confirm"
            type="primary"
            block
            onClick={() => {
              onChange(picked.length ? picked : undefined)
              setOpen(false)
            }}
          >
            确定
          </Button>
        </View>
      </Popup>
    </>
  )
}

export function SwitchWidget({ value, onChange, disabled }: WidgetProps<boolean>) {
  return <Switch className="lc-switch" checked={value === true} disabled={disabled} onChange={(checked) => onChange(checked)} />
}

export function RatingWidget({ field, value, onChange, disabled }: WidgetProps<number>) {
  return (
    <Rate
      className="lc-rate"
      count={typeof field.max === 'number' ? field.max : 5}
      value={value ?? 0}
      readOnly={disabled}
      onChange={(stars) => onChange(stars > 0 ? stars : undefined)}
    />
  )
}
