/**
 * Per-field validation that the runner (while the user types) and the server (on submit) both
 * run. Results are data: a Chinese message, or null when the value is fine.
 */
import type { DataField, FieldOption } from '../../../types/microapp';

export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
/** `YYYY-MM-DD HH:mm` (a `T` instead of the space is accepted too) */
export const DATETIME_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[ T]([01]\d|2[0-3]):[0-5]\d$/;
/** mainland mobile, or a landline with area code */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

const DEFAULT_IMAGE_MAX = 9;
const DEFAULT_RATING_MAX = 5;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Absent, null, blank text or an empty list: what `required` rejects. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** Option values a select accepts; two-level options accept `parent/child`. */
export function optionValues(options: readonly FieldOption[] = []): Set<string> {
  const values = new Set<string>();
  for (const option of options) {
    if (option.children?.length) {
      for (const child of option.children) values.add(`${option.value}/${child.value}`);
    } else {
      values.add(option.value);
    }
  }
  return values;
}

/** Display text of an option value (`水电/水龙头` → `水电 / 水龙头`). */
export function optionLabel(options: readonly FieldOption[] = [], value: string): string {
  const [first, second] = value.split('/');
  const parent = options.find((o) => o.value === first);
  if (!parent) return value;
  if (second === undefined) return parent.label;
  const child = parent.children?.find((o) => o.value === second);
  return child ? `${parent.label} / ${child.label}` : value;
}

const normalizeDateTime = (value: string): string => value.replace('T', ' ');

function checkBounds(field: DataField, value: string | number, unit = ''): string | null {
  const { min, max } = field;
  if (typeof value === 'number') {
    if (typeof min === 'number' && value < min) return `${field.label}不能小于 ${min}${unit}`;
    if (typeof max === 'number' && value > max) return `${field.label}不能大于 ${max}${unit}`;
    return null;
  }
  const v = normalizeDateTime(value);
  if (typeof min === 'string' && v < normalizeDateTime(min)) return `${field.label}不能早于 ${min}`;
  if (typeof max === 'string' && v > normalizeDateTime(max)) return `${field.label}不能晚于 ${max}`;
  return null;
}

function checkCount(field: DataField, count: number, noun: string): string | null {
  if (field.minItems !== undefined && count < field.minItems) return `${field.label}至少${noun} ${field.minItems} 项`;
  if (field.maxItems !== undefined && count > field.maxItems) return `${field.label}最多${noun} ${field.maxItems} 项`;
  return null;
}

function checkText(field: DataField, value: unknown): string | null {
  if (typeof value !== 'string') return `${field.label}应为文本`;
  const length = [...value].length;
  if (field.minLength !== undefined && length < field.minLength) return `${field.label}至少 ${field.minLength} 个字`;
  if (field.maxLength !== undefined && length > field.maxLength) return `${field.label}最多 ${field.maxLength} 个字`;
  if (field.pattern !== undefined && !new RegExp(field.pattern).test(value)) {
    return field.patternMessage ?? `${field.label}格式不正确`;
  }
  return null;
}

function checkFormatted(field: DataField, value: unknown, pattern: RegExp, example: string): string | null {
  if (typeof value !== 'string' || !pattern.test(value)) return `${field.label}格式应为 ${example}`;
  return checkBounds(field, value);
}

function checkFiles(field: DataField, value: unknown): string | null {
  if (!Array.isArray(value)) return `${field.label}应为文件列表`;
  const max = field.maxItems ?? DEFAULT_IMAGE_MAX;
  if (value.length > max) return `${field.label}最多上传 ${max} 个`;
  if (field.minItems !== undefined && value.length < field.minItems) return `${field.label}至少上传 ${field.minItems} 个`;
  for (const item of value) {
    if (!isObject(item) || typeof item.id !== 'string' || item.id === '') return `${field.label}包含无效的文件`;
    if (field.maxSizeKb !== undefined && typeof item.size === 'number' && item.size > field.maxSizeKb * 1024) {
      return `${field.label}单个文件不能超过 ${field.maxSizeKb} KB`;
    }
    if (field.type === 'image' && typeof item.mime === 'string' && !item.mime.startsWith('image/')) {
      return `${field.label}只能上传图片`;
    }
    if (field.accept?.length && typeof item.mime === 'string' && !field.accept.some((a) => String(item.mime).startsWith(a))) {
      return `${field.label}的文件类型不被接受`;
    }
  }
  return null;
}

/** Validates one non-empty value of `field` (required-ness is the form's business). */
export function validateFieldValue(field: DataField, value: unknown): string | null {
  switch (field.type) {
    case 'text':
    case 'textarea':
      return checkText(field, value);
    case 'phone':
      if (typeof value !== 'string' || !PHONE_PATTERN.test(value)) return `${field.label}不是有效的电话号码`;
      return null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${field.label}应为数字`;
      if (field.integer && !Number.isInteger(value)) return `${field.label}应为整数`;
      return checkBounds(field, value);
    case 'rating': {
      const max = typeof field.max === 'number' ? field.max : DEFAULT_RATING_MAX;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
        return `${field.label}应为 1 到 ${max} 星`;
      }
      return null;
    }
    case 'select':
    case 'radio':
      if (typeof value !== 'string' || !optionValues(field.options).has(value)) return `${field.label}的选项无效`;
      return null;
    case 'multiselect':
    case 'checkbox': {
      if (!Array.isArray(value)) return `${field.label}应为选项列表`;
      const allowed = optionValues(field.options);
      if (value.some((v) => typeof v !== 'string' || !allowed.has(v))) return `${field.label}包含无效的选项`;
      if (new Set(value).size !== value.length) return `${field.label}包含重复的选项`;
      return checkCount(field, value.length, '选择');
    }
    case 'switch':
      return typeof value === 'boolean' ? null : `${field.label}应为是或否`;
    case 'date':
      return checkFormatted(field, value, DATE_PATTERN, 'YYYY-MM-DD');
    case 'time':
      return checkFormatted(field, value, TIME_PATTERN, 'HH:mm');
    case 'datetime':
      return checkFormatted(field, value, DATETIME_PATTERN, 'YYYY-MM-DD HH:mm');
    case 'daterange': {
      const pattern = field.withTime ? DATETIME_PATTERN : DATE_PATTERN;
      const example = field.withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD';
      if (!isObject(value) || typeof value.start !== 'string' || typeof value.end !== 'string') {
        return `${field.label}应包含开始和结束`;
      }
      if (!pattern.test(value.start) || !pattern.test(value.end)) return `${field.label}格式应为 ${example}`;
      if (normalizeDateTime(value.end) < normalizeDateTime(value.start)) return `${field.label}的结束不能早于开始`;
      return checkBounds(field, value.start) ?? checkBounds(field, value.end);
    }
    case 'region': {
      const level = typeof field.level === 'number' ? field.level : 3;
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === '')) {
        return `${field.label}应为省市区名称`;
      }
      if (value.length !== level) return `${field.label}应选择到${['省', '市', '区县'][level - 1] ?? '区县'}`;
      return null;
    }
    case 'location': {
      if (!isObject(value) || typeof value.buildingId !== 'string' || value.buildingId === '') {
        return `${field.label}应选择楼栋`;
      }
      if (field.level !== 'building' && (typeof value.roomId !== 'string' || value.roomId === '')) {
        return `${field.label}应选择到房间`;
      }
      return null;
    }
    case 'person':
      if (!isObject(value) || typeof value.id !== 'string' || value.id === '') return `${field.label}应选择一个人`;
      return null;
    case 'image':
    case 'file':
      return checkFiles(field, value);
    case 'table': {
      if (!Array.isArray(value)) return `${field.label}应为表格行列表`;
      if (value.some((row) => !isObject(row))) return `${field.label}包含无效的行`;
      return checkCount(field, value.length, '填写');
    }
    default:
      return `${field.label}的类型未知`;
  }
}
