import { useMemo, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Popup, Radio, TextArea } from '@nutui/nutui-react-taro'
import type {
  DataField,
  FieldItem,
  FormValues,
  MicroAppDefinition,
  PersonValue,
  RequestAction,
  RequestDetail,
  TaskAction,
} from '@contract/microapp'
import { findNode, isTaskNode, startNode } from '@/lowcode/core/flow'
import { FormRenderer } from '@/lowcode/form-renderer'
import { readyToSubmit } from '@/lowcode/ready-to-submit'
import { useMicroForm, type MicroForm } from '@/lowcode/use-micro-form'
import { PersonWidget } from '@/lowcode/widgets/person-widget'
import { SubmitButton } from '@/shared/components/submit-button'
import { toApiError } from '@/shared/http/api-error'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { actOnRequest, actOnTask } from '../api'

type MyTask = RequestDetail['myTasks'][number]

export type PendingAction =
  | { scope: 'task'; action: TaskAction; task: MyTask }
  | { scope: 'request'; action: RequestAction }

/** What the button says for this action on this node. */
export function actionLabel(definition: MicroAppDefinition, pending: PendingAction): string {
  if (pending.scope === 'request') return { withdraw: '撤回', urge: '催办', resubmit: '重新提交', comment: '评论' }[pending.action]
  const node = findNode(definition, pending.task.task.nodeId)
  const taskNode = isTaskNode(node) ? node : undefined
  switch (pending.action) {
    case 'approve':
      return taskNode?.approveText ?? (pending.task.task.nodeType === 'task' ? '完成' : '同意')
    case 'reject':
      return taskNode?.rejectText ?? '驳回'
    case 'transfer':
      return '转办'
    case 'comment':
      return '评论'
  }
}

/** One sentence on what confirming does, so nobody rejects when they meant to comment. */
function consequence(pending: PendingAction, targetName: string | undefined, transferTo: PersonValue | undefined): string {
  if (pending.scope === 'request') {
    return {
      withdraw: '撤回后流程结束，待办将从处理人处移除。',
      urge: '将提醒当前处理人尽快处理（10 分钟内只能催办一次）。',
      resubmit: '修改后重新提交，流程从头开始。',
      comment: '评论会出现在流程记录中，相关人员都能看到。',
    }[pending.action]
  }
  switch (pending.action) {
    case 'approve':
      return '确认后，申请将进入下一步。'
    case 'reject':
      return `驳回后，申请将退回到「${targetName ?? '申请人'}」。`
    case 'transfer':
      return transferTo ? `此任务将交给 ${transferTo.name} 处理，你将不再处理。` : '请选择接手的人。'
    case 'comment':
      return '评论会出现在流程记录中，不会改变流程。'
  }
}

const TRANSFER_FIELD: DataField = { key: 'transferTo', type: 'person', label: '转办给' }
const TRANSFER_ITEM: FieldItem = { field: 'transferTo', placeholder: '搜索并选择接手的人' }

interface PanelProps {
  detail: RequestDetail
  pending: PendingAction
  onDone(detail: RequestDetail): void
  /** someone else acted first (409): the request must be fetched again */
  onStale(): void
}

function ActionPanel({ detail, pending, onDone, onStale, form }: PanelProps & { form?: MicroForm }) {
  const [comment, setComment] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const inFlight = useRef(false)
  const rejectTo = pending.scope === 'task' ? pending.task.rejectTo : []
  const [target, setTarget] = useState(rejectTo[0]?.id)
  const [transferTo, setTransferTo] = useState<PersonValue>()
  const needsComment = pending.action === 'reject' || pending.action === 'comment'
  const label = actionLabel(detail.definition, pending)

  const confirm = async () => {
    if (inFlight.current) return
    if (needsComment && !comment.trim()) {
      void Taro.showToast({ title: pending.action === 'reject' ? '请填写驳回原因' : '请填写评论', icon: 'none' })
      return
    }
    if (pending.action === 'transfer' && !transferTo) {
      void Taro.showToast({ title: '请选择接手的人', icon: 'none' })
      return
    }
    let values: FormValues | undefined
    if (form) {
      const ready = readyToSubmit(form)
      if (!ready) return
      values = ready
    }
    inFlight.current = true
    setSubmitting(true)
    try {
      const text = comment.trim() || undefined
      const next =
        pending.scope === 'task'
          ? await actOnTask(pending.task.task.id, {
              action: pending.action,
              comment: text,
              values,
              toNodeId: pending.action === 'reject' ? target : undefined,
              transferTo: pending.action === 'transfer' ? transferTo?.id : undefined,
            })
          : await actOnRequest(detail.id, { action: pending.action, comment: text, values })
      void Taro.showToast({ title: `已${label}`, icon: 'success' })
      onDone(next)
    } catch (caught) {
      const error = toApiError(caught)
      if (error.code === 'VALIDATION_FAILED' && error.fields?.length && form) form.showServerErrors(error.fields)
      showErrorToast(error)
      // someone else handled it meanwhile: show them what the request looks like now
      if (error.status === 409) onStale()
    } finally {
      inFlight.current = false
      setSubmitting(false)
    }
  }

  return (
    <View className="action-panel">
      <Text className="action-panel__consequence">
        {consequence(pending, rejectTo.find((option) => option.id === target)?.name, transferTo)}
      </Text>
      {pending.action === 'reject' && rejectTo.length > 1 && (
        <View className="action-panel__section">
          <Text className="action-panel__label">退回到</Text>
          <Radio.Group value={target} onChange={(value) => setTarget(String(value))}>
            {rejectTo.map((option) => (
              <Radio key={option.id} value={option.id} className="action-panel__radio">
                {option.name}
              </Radio>
            ))}
          </Radio.Group>
        </View>
      )}
      {pending.action === 'transfer' && (
        <View className="action-panel__section">
          <Text className="action-panel__label">转办给</Text>
          <PersonWidget path="transferTo" field={TRANSFER_FIELD} item={TRANSFER_ITEM} value={transferTo} onChange={setTransferTo} disabled={false} />
        </View>
      )}
      {form && (
        <View className="action-panel__form">
          <FormRenderer form={form} />
        </View>
      )}
      <View className="action-panel__section">
        <Text className="action-panel__label">{pending.action === 'reject' ? '驳回原因' : '意见'}</Text>
        <TextArea
          className="action-panel__comment"
          value={comment}
          placeholder={needsComment ? '必填' : '选填'}
          maxLength={500}
          onChange={setComment}
        />
      </View>
      <SubmitButton className="action-confirm" submitting={submitting} idleText={`确认${label}`} busyText="提交中…" onSubmit={() => void confirm()} />
    </View>
  )
}

function ActionPanelWithForm(props: PanelProps & { formKey: string; saved?: FormValues }) {
  const { detail, pending, formKey, saved } = props
  const context = useMemo(
    () => ({ nodeId: pending.scope === 'task' ? pending.task.task.nodeId : undefined, request: detail.values }),
    [detail.values, pending],
  )
  const form = useMicroForm(detail.definition, formKey, context, saved)
  return <ActionPanel {...props} form={form} />
}

/** The form an action fills in: a task node's own form on approve, the start form on resubmit. */
function actionForm(detail: RequestDetail, pending: PendingAction): { formKey?: string; saved?: FormValues } {
  if (pending.scope === 'task' && pending.action === 'approve' && pending.task.form && detail.definition.forms[pending.task.form]) {
    return { formKey: pending.task.form }
  }
  if (pending.scope === 'request' && pending.action === 'resubmit') {
    return { formKey: startNode(detail.definition).form, saved: detail.values }
  }
  return {}
}

export function ActionSheet({
  detail,
  pending,
  onClose,
  onDone,
  onStale,
}: {
  detail: RequestDetail
  pending: PendingAction | null
  onClose(): void
  onDone(detail: RequestDetail): void
  onStale(): void
}) {
  const { formKey, saved } = pending ? actionForm(detail, pending) : {}
  return (
    <Popup
      visible={pending !== null}
      position="bottom"
      round
      closeable
      title={pending ? actionLabel(detail.definition, pending) : ''}
      onClose={onClose}
      className="action-sheet"
    >
      {pending &&
        (formKey ? (
          <ActionPanelWithForm detail={detail} pending={pending} onDone={onDone} onStale={onStale} formKey={formKey} saved={saved} />
        ) : (
          <ActionPanel detail={detail} pending={pending} onDone={onDone} onStale={onStale} />
        ))}
    </Popup>
  )
}
