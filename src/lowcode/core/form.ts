/**
 * Form state from a definition: which fields a form shows, which are required, their initial
 * values, and the validation of a whole submission. The runner calls these on every change; the
 * server calls `validateForm` on submit with the same definition version, so both agree.
 */
import type { FieldError } from '../../../types/errors';
import type {
  ApplicantContext,
  DataField,
  FieldItem,
  FormItem,
  FormValues,
  MicroAppDefinition,
  RuleContext,
} from '../../../types/microapp';
import { isEmptyValue, validateFieldValue } from './fields';
import { evaluateRule, ruleHolds } from './rules';

export interface FormContext {
  applicant?: ApplicantContext;
  nodeId?: string;
  /** values of earlier forms (step forms see the applicant's answers) */
  request?: FormValues;
}

export interface FieldState {
  item: FieldItem;
  field: DataField;
  visible: boolean;
  required: boolean;
}

export const isFieldItem = (item: FormItem): item is FieldItem => item.kind !== 'static';

export function fieldMap(definition: MicroAppDefinition): Map<string, DataField> {
  return new Map(definition.metadata.fields.map((field) => [field.key, field]));
}

export function ruleContext(values: FormValues, context: FormContext = {}): RuleContext {
  return { ...context.request, ...values, $applicant: context.applicant, $node: context.nodeId, $request: context.request };
}

function formItems(definition: MicroAppDefinition, formKey: string): FormItem[] {
  const form = definition.forms[formKey];
  if (!form) throw new Error(`form ${formKey} is not in ${definition.key}`);
  return form.items;
}

/** Every field item of the form with its current visibility and required-ness. */
export function fieldStates(
  definition: MicroAppDefinition,
  formKey: string,
  values: FormValues,
  context: FormContext = {},
): FieldState[] {
  const fields = fieldMap(definition);
  const data = ruleContext(values, context);
  const states: FieldState[] = [];
  for (const item of formItems(definition, formKey)) {
    if (!isFieldItem(item)) continue;
    const field = fields.get(item.field);
    if (!field) continue;
    const visible = item.visibleWhen === undefined || ruleHolds(item.visibleWhen, data);
    const required = visible && (field.required === true || ruleHolds(item.requiredWhen, data));
    states.push({ item, field, visible, required });
  }
  return states;
}

/** Whether a static item shows. */
export const staticVisible = (item: FormItem, values: FormValues, context: FormContext = {}): boolean =>
  item.visibleWhen === undefined || ruleHolds(item.visibleWhen, ruleContext(values, context));

const isRuleDefault = (value: unknown): value is { rule: unknown } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && 'rule' in value;

/**
 * Initial values: each item's default (a literal, or `{rule}` evaluated against the context),
 * then `saved` (a draft) on top. Defaults that evaluate to nothing are left out.
 */
export function initialValues(
  definition: MicroAppDefinition,
  formKey: string,
  context: FormContext = {},
  saved: FormValues = {},
): FormValues {
  const values: FormValues = {};
  for (const item of formItems(definition, formKey)) {
    if (!isFieldItem(item) || item.default === undefined) continue;
    const value = isRuleDefault(item.default)
      ? evaluateRule(item.default.rule as never, ruleContext(values, context), undefined)
      : item.default;
    if (value !== undefined && value !== null) values[item.field] = value;
  }
  return { ...values, ...saved };
}

export interface FormValidation {
  /** one per bad field: `/values/<key>` or `/values/<table>/<row>/<column>` */
  errors: FieldError[];
  /** the submitted values of visible fields only: what gets stored */
  values: FormValues;
}

function validateTableRows(field: DataField, rows: unknown[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  rows.forEach((row, index) => {
    const cells = row as Record<string, unknown>;
    for (const column of field.columns ?? []) {
      const value = cells[column.key];
      const cellPath = `${path}/${index}/${column.key}`;
      const label = `${field.label}第 ${index + 1} 行的${column.label}`;
      if (isEmptyValue(value)) {
        if (column.required) errors.push({ field: cellPath, message: `${label}不能为空` });
        continue;
      }
      const message = validateFieldValue({ ...column, label }, value);
      if (message) errors.push({ field: cellPath, message });
    }
  });
  return errors;
}

/** Keeps only a table's declared columns, so a row cannot smuggle extra keys into storage. */
const pickColumns = (field: DataField, rows: unknown[]): FormValues[] =>
  rows.map((row) => {
    const cells = row as Record<string, unknown>;
    const kept: FormValues = {};
    for (const column of field.columns ?? []) if (cells[column.key] !== undefined) kept[column.key] = cells[column.key];
    return kept;
  });

/** Validates a whole form; hidden fields are neither validated nor kept. */
export function validateForm(
  definition: MicroAppDefinition,
  formKey: string,
  values: FormValues,
  context: FormContext = {},
): FormValidation {
  const errors: FieldError[] = [];
  const kept: FormValues = {};
  for (const state of fieldStates(definition, formKey, values, context)) {
    if (!state.visible) continue;
    const { field } = state;
    const path = `/values/${field.key}`;
    const value = values[field.key];
    if (isEmptyValue(value)) {
      if (state.required) errors.push({ field: path, message: `${field.label}不能为空` });
      continue;
    }
    const message = validateFieldValue(field, value);
    if (message) {
      errors.push({ field: path, message });
      continue;
    }
    if (field.type === 'table') {
      const rowErrors = validateTableRows(field, value as unknown[], path);
      errors.push(...rowErrors);
      if (rowErrors.length === 0) kept[field.key] = pickColumns(field, value as unknown[]);
      continue;
    }
    kept[field.key] = typeof value === 'string' ? value.trim() : value;
  }
  return { errors, values: kept };
}
