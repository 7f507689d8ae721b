import type { ComponentType } from 'react'
import type { DataField, FieldItem } from '@contract/microapp'

/**
 * What a widget gets: the field's data model, its form item (placeholder, widget hint), the value
 * and a setter. Widgets are thin bindings to NutUI: no rules, no validation, no requests except
 * through FormServices.
 */
export interface WidgetProps<V = unknown> {
  /** where the value lives: `key`, or `table/0/col` inside a sub-table */
  path: string
  field: DataField
  item: FieldItem
  value: V | undefined
  onChange(value: V | undefined): void
  disabled: boolean
}

export type Widget<V = unknown> = ComponentType<WidgetProps<V>>
