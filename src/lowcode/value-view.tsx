import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Image, Rate } from '@nutui/nutui-react-taro'
import type { DataField, FileValue, FormValues } from '@contract/microapp'
import { displayValue } from './core/display'
import { isEmptyValue } from './core/fields'
import { formatSize } from './widgets/file-widget'
import './form.scss'

/** One value as text: the same words the server puts in titles and lists. */
export const formatValue = displayValue

function Images({ files }: { files: FileValue[] }) {
  const urls = files.map((file) => file.url ?? '').filter(Boolean)
  return (
    <View className="lc-images">
      {files.map((file) => (
        <View className="lc-images__item" key={file.id}>
          <Image
            className="lc-images__thumb"
            src={file.url ?? ''}
            width="72"
            height="72"
            fit="cover"
            radius={6}
            onClick={() => file.url && void Taro.previewImage({ current: file.url, urls })}
          />
        </View>
      ))}
    </View>
  )
}

function FieldValue({ field, value }: { field: DataField; value: unknown }) {
  if (isEmptyValue(value)) return <Text className="lc-empty-value">未填写</Text>
  switch (field.type) {
    case 'image':
      return <Images files={value as FileValue[]} />
    case 'file':
      return (
        <View className="lc-files">
          {(value as FileValue[]).map((file) => (
            <View className="lc-files__item" key={file.id}>
              <Text className="lc-files__name">{file.name}</Text>
              <Text className="lc-files__size">{formatSize(file.size)}</Text>
            </View>
          ))}
        </View>
      )
    case 'rating':
      return (
        <View className="lc-view__rating">
          <Rate className="lc-rate" count={typeof field.max === 'number' ? field.max : 5} value={Number(value)} readOnly />
          <Text className="lc-view__text lc-view__score">{formatValue(field, value)}</Text>
        </View>
      )
    case 'table':
      return (
        <View className="lc-table">
          {(value as FormValues[]).map((row, index) => (
            <View className="lc-table__row lc-view-table__row" key={index}>
              <ValueList fields={field.columns ?? []} values={row} />
            </View>
          ))}
        </View>
      )
    default:
      return <Text className="lc-view__text">{formatValue(field, value)}</Text>
  }
}

/** Read-only values of a request, in the order of the data model; empty fields are left out. */
export function ValueList({ fields, values }: { fields: DataField[]; values: FormValues }) {
  const shown = fields.filter((field) => !isEmptyValue(values[field.key]))
  return (
    <View className="lc-view">
      {shown.map((field) => (
        <View className={`lc-view__row lc-view__row--${field.type}`} key={field.key}>
          <Text className="lc-view__label">{field.label}</Text>
          <View className="lc-view__value">
            <FieldValue field={field} value={values[field.key]} />
          </View>
        </View>
      ))}
    </View>
  )
}
