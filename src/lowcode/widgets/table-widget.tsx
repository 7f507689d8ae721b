import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { FieldItem } from '@contract/microapp'
import { useFormRuntime } from '../form-runtime'
import type { WidgetProps } from '../widget-types'

type Row = Record<string, unknown>

/** table: a repeating group (itinerary stops, passengers…), each row a small form of the columns. */
export function TableWidget({ path, field, value, onChange, disabled }: WidgetProps<Row[]>) {
  const runtime = useFormRuntime()
  const rows = value ?? []
  const columns = field.columns ?? []
  const canAdd = !disabled && rows.length < (field.maxItems ?? 20)
  const setRow = (index: number, row: Row) => onChange(rows.map((current, i) => (i === index ? row : current)))

  return (
    <View className="lc-table">
      {rows.map((row, index) => (
        <View className="lc-table__row" key={index}>
          <View className="lc-table__row-head">
            <Text className="lc-table__row-title">
              {field.label} {index + 1}
            </Text>
            {!disabled && (
              <Text
                className="lc-table__remove"
                onClick={() => {
                  const next = rows.filter((_, i) => i !== index)
                  onChange(next.length ? next : undefined)
                }}
              >
                删除
              </Text>
            )}
          </View>
          {columns.map((column) => {
            const item: FieldItem = { field: column.key }
            return runtime.renderNested({
              path: `${path}/${index}/${column.key}`,
              field: column,
              item,
              value: row[column.key],
              disabled,
              required: column.required === true,
              onChange: (cell) => {
                const next: Row = { ...row }
                if (cell === undefined) delete next[column.key]
                else next[column.key] = cell
                setRow(index, next)
              },
            })
          })}
        </View>
      ))}
      {canAdd && (
        <Button className="lc-table__add" size="small" fill="dashed" block onClick={() => onChange([...rows, {}])}>
          + 添加{field.label}
        </Button>
      )}
      {disabled && rows.length === 0 && <Text className="lc-empty-value">未填写</Text>}
    </View>
  )
}
