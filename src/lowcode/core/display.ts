/** Text for a value, as lists and titles show it; the runner's read-only views use it too. */
import type { DataField, MicroAppDefinition, FormValues } from '../../../types/microapp';
import { optionLabel } from './fields';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function displayValue(field: DataField | undefined, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  if (!field) return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  switch (field.type) {
    case 'select':
    case 'radio':
      return optionLabel(field.options, String(value));
    case 'multiselect':
    case 'checkbox':
      return Array.isArray(value) ? value.map((v) => optionLabel(field.options, String(v))).join('、') : '';
    case 'switch':
      return value === true ? '是' : '否';
    case 'region':
      return Array.isArray(value) ? value.join(' ') : '';
    case 'location':
      return isObject(value) ? [value.buildingName, value.roomName].filter(Boolean).join(' ') : '';
    case 'daterange':
      return isObject(value) ? `${String(value.start)} 至 ${String(value.end)}` : '';
    case 'person':
      return isObject(value) ? String(value.name ?? '') : '';
    case 'image':
    case 'file':
      return Array.isArray(value) ? `${value.length} 个文件` : '';
    case 'rating':
      return `${String(value)} 星`;
    case 'table':
      return Array.isArray(value) ? `${value.length} 行` : '';
    default:
      return String(value);
  }
}

/** `presentation.title` with `{{field}}` replaced by display text; the app name when absent or empty. */
export function renderTitle(definition: MicroAppDefinition, values: FormValues): string {
  const template = definition.presentation?.title;
  if (!template) return definition.name;
  const fields = new Map(definition.metadata.fields.map((f) => [f.key, f]));
  const text = template
    .replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (_m, key: string) => displayValue(fields.get(key), values[key]))
    .replace(/^[\s·]+|[\s·]+$/g, '')
    .trim();
  return (text || definition.name).slice(0, 200);
}
