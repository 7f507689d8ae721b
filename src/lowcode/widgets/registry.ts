import type { FieldType } from '@contract/microapp'
import type { Widget } from '../widget-types'
import { CheckboxWidget, MultiSelectWidget, RadioWidget, RatingWidget, SelectWidget, SwitchWidget } from './choice-widgets'
import { DateRangeWidget, DateWidget } from './date-widgets'
import { FileWidget } from './file-widget'
import { ImageWidget } from './image-widget'
import { LocationWidget } from './location-widget'
import { PersonWidget } from './person-widget'
import { RegionWidget } from './region-widget'
import { TableWidget } from './table-widget'
import { NumberWidget, TextareaWidget, TextWidget } from './text-widgets'

/** One widget per field type; a definition cannot name a type this map lacks (the core rejects it). */
export const WIDGETS: Record<FieldType, Widget<never>> = {
  text: TextWidget,
  phone: TextWidget,
  textarea: TextareaWidget,
  number: NumberWidget,
  select: SelectWidget,
  multiselect: MultiSelectWidget,
  radio: RadioWidget,
  checkbox: CheckboxWidget,
  switch: SwitchWidget,
  date: DateWidget,
  datetime: DateWidget,
  time: DateWidget,
  daterange: DateRangeWidget,
  region: RegionWidget,
  location: LocationWidget,
  person: PersonWidget,
  image: ImageWidget,
  file: FileWidget,
  rating: RatingWidget,
  table: TableWidget,
}
