/**
 * The field types a micro-app definition may use. A plain constant with no TypeBox import, so
 * src/lowcode/core (bundled into the mini-programs) can use it without pulling in TypeBox.
 */
export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'select',
  'multiselect',
  'radio',
  'checkbox',
  'switch',
  'date',
  'datetime',
  'daterange',
  'time',
  'region',
  'location',
  'phone',
  'person',
  'image',
  'file',
  'rating',
  'table',
] as const;
