import { Text, View } from '@tarojs/components'
import { ArrowRight } from '@nutui/icons-react-taro'

/** The row a picker-style widget shows: the chosen value (or a placeholder) and an arrow. */
export function PickerTrigger({
  text,
  placeholder,
  disabled,
  onOpen,
}: {
  text: string
  placeholder?: string
  disabled: boolean
  onOpen(): void
}) {
  return (
    <View className={`lc-trigger${disabled ? ' lc-trigger--disabled' : ''}`} onClick={() => !disabled && onOpen()}>
      <Text className={text ? 'lc-trigger__text' : 'lc-trigger__placeholder'}>{text || placeholder || '请选择'}</Text>
      {!disabled && <ArrowRight className="lc-trigger__arrow" size={12} />}
    </View>
  )
}
