import { useEffect, useState } from 'react'
import { Input, InputNumber, TextArea } from '@nutui/nutui-react-taro'
import type { WidgetProps } from '../widget-types'

const orUndefined = (text: string) => (text === '' ? undefined : text)

/** text and phone */
export function TextWidget({ field, item, value, onChange, disabled }: WidgetProps<string>) {
  const phone = field.type === 'phone'
  return (
    <Input
      className="lc-input"
      type={phone ? 'tel' : 'text'}
      value={value ?? ''}
      placeholder={item.placeholder ?? (phone ? '请输入手机号' : `请输入${field.label}`)}
      maxLength={phone ? 11 : (field.maxLength ?? 140)}
      disabled={disabled}
      clearable={!disabled}
      onChange={(text) => onChange(orUndefined(text))}
    />
  )
}

export function TextareaWidget({ field, item, value, onChange, disabled }: WidgetProps<string>) {
  return (
    <TextArea
      className="lc-textarea"
      value={value ?? ''}
      placeholder={item.placeholder ?? `请输入${field.label}`}
      maxLength={field.maxLength ?? 500}
      showCount={!disabled}
      autoSize
      disabled={disabled}
      onChange={(text) => onChange(orUndefined(text))}
    />
  )
}

const toNumber = (text: string): number | undefined => {
  if (text.trim() === '') return undefined
  const parsed = Number(text)
  return Number.isFinite(parsed) ? parsed : undefined
}

/**
 * A stepper when the definition asks for one (`widget: 'stepper'`, small integers such as
 * passengers), otherwise a numeric keyboard. The typed text is kept as typed ("1." stays) and
 * the value is the number it reads as.
 */
export function NumberWidget({ field, item, value, onChange, disabled }: WidgetProps<number>) {
  const [text, setText] = useState(value === undefined ? '' : String(value))
  useEffect(() => {
    if (toNumber(text) !== value) setText(value === undefined ? '' : String(value))
    // Only an outside change (a default, a draft restored) should overwrite what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value])

  if (item.widget === 'stepper') {
    return (
      <InputNumber
        className="lc-stepper"
        value={value ?? Number(field.min ?? 0)}
        min={field.min === undefined ? undefined : Number(field.min)}
        max={field.max === undefined ? undefined : Number(field.max)}
        disabled={disabled}
        onChange={(next) => onChange(toNumber(String(next)))}
      />
    )
  }
  return (
    <Input
      className="lc-input"
      type={field.integer ? 'number' : 'digit'}
      value={text}
      placeholder={item.placeholder ?? `请输入${field.label}`}
      disabled={disabled}
      onChange={(next) => {
        setText(next)
        onChange(toNumber(next))
      }}
    />
  )
}
