import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

/** Label (with the required star), the control, help text and the error: the same for every widget. */
export function FieldShell({
  path,
  label,
  required,
  help,
  error,
  type,
  children,
}: {
  path: string
  label: string
  required: boolean
  help?: string
  error?: string
  type: string
  children: ReactNode
}) {
  return (
    <View className={`lc-field lc-field--${type}${error ? ' lc-field--error' : ''}`} data-field={path}>
      <View className="lc-field__label">
        <Text className="lc-field__label-text">{label}</Text>
        {required && <Text className="lc-field__required">*</Text>}
      </View>
      <View className="lc-field__control">{children}</View>
      {help && <Text className="lc-field__help">{help}</Text>}
      {error && <Text className="lc-field__error">{error}</Text>}
    </View>
  )
}
