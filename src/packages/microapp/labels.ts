import type { DataField, FormValues, MicroAppDefinition, RequestStatus, TimelineAction } from '@contract/microapp'
import { isFieldItem } from '@/lowcode/core/form'

export const STATUS_LABELS: Record<RequestStatus, string> = {
  running: '进行中',
  returned: '已退回',
  completed: '已完成',
  withdrawn: '已撤回',
}

export const TIMELINE_LABELS: Record<TimelineAction, string> = {
  submit: '提交申请',
  approve: '同意',
  reject: '驳回',
  transfer: '转办',
  comment: '评论',
  withdraw: '撤回',
  urge: '催办',
  resubmit: '重新提交',
  cc: '抄送',
  remind: '超时提醒',
  escalate: '超时上报',
  auto: '自动处理',
  complete: '办结',
}

/** The data fields a form shows, in the form's order. */
export function formFields(definition: MicroAppDefinition, formKey: string | undefined): DataField[] {
  const items = (formKey && definition.forms[formKey]?.items) || []
  const byKey = new Map(definition.metadata.fields.map((field) => [field.key, field]))
  return items.filter(isFieldItem).flatMap((item) => byKey.get(item.field) ?? [])
}

/** Fields of the data model that `values` holds, in the model's order. */
export const fieldsIn = (definition: MicroAppDefinition, values: FormValues): DataField[] =>
  definition.metadata.fields.filter((field) => values[field.key] !== undefined)
