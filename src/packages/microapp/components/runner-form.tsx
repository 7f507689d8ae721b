import { useEffect, useMemo, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { DefinitionResponse, RequestDetail } from '@contract/microapp'
import { startNode } from '@/lowcode/core/flow'
import type { FormContext } from '@/lowcode/core/form'
import { FormRenderer } from '@/lowcode/form-renderer'
import { readyToSubmit } from '@/lowcode/ready-to-submit'
import { useMicroForm } from '@/lowcode/use-micro-form'
import { SubmitButton } from '@/shared/components/submit-button'
import { toApiError } from '@/shared/http/api-error'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { freshUploadUrls, submitRequest } from '../api'
import { refreshedFields, uploadIdsIn } from '../draft-files'
import { clearDraft, newIdempotencyKey, readDraft, writeDraft } from '../draft-store'

const DRAFT_SAVE_DELAY_MS = 400

/**
 * The applicant's form of one micro-app: rendered from its definition, saved as a draft while
 * typed, submitted once however often the button is tapped or the request is retried.
 */
export function RunnerForm({
  response,
  draftKey,
  onSubmitted,
}: {
  response: DefinitionResponse
  draftKey: string
  onSubmitted(request: RequestDetail): void
}) {
  const { definition, version, applicant } = response
  const formKey = useMemo(() => startNode(definition).form, [definition])
  const context = useMemo<FormContext>(() => ({ applicant }), [applicant])
  // A draft of an older version may hold fields that no longer exist; the core ignores them.
  const [draft] = useState(() => readDraft(draftKey))
  const idempotencyKey = useRef(draft?.idempotencyKey ?? newIdempotencyKey())
  const form = useMicroForm(definition, formKey, context, draft?.values)
  const [submitting, setSubmitting] = useState(false)
  // two taps in one frame both run before the disabled button re-renders: the ref sees the first
  const inFlight = useRef(false)
  const touched = useRef(false)

  const { setValue } = form
  const latestValues = useRef(form.values)
  latestValues.current = form.values
  useEffect(() => {
    // a draft's photo links expired an hour after upload: ask for fresh ones (nothing is lost if this fails)
    const ids = draft ? uploadIdsIn(draft.values) : []
    if (!draft || ids.length === 0) return
    let current = true
    freshUploadUrls(ids.slice(0, 50)).then(
      ({ files }) => {
        if (!current) return
        // applied to the values as they are now: a photo removed meanwhile stays removed
        for (const [key, value] of refreshedFields(latestValues.current, new Map(files.map((file) => [file.id, file.url])))) setValue(key, value)
      },
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [draft, setValue])

  useEffect(() => {
    // the first render only shows the draft (or defaults) back; writing it again would restart its age
    if (!touched.current) {
      touched.current = true
      return
    }
    const timer = setTimeout(
      () => writeDraft(draftKey, { version, values: form.values, idempotencyKey: idempotencyKey.current, savedAt: Date.now() }),
      DRAFT_SAVE_DELAY_MS,
    )
    return () => clearTimeout(timer)
  }, [draftKey, version, form.values])

  const submit = async () => {
    if (inFlight.current) return
    const values = readyToSubmit(form)
    if (!values) return
    inFlight.current = true
    setSubmitting(true)
    try {
      const request = await submitRequest(definition.key, { idempotencyKey: idempotencyKey.current, version, values })
      clearDraft(draftKey)
      idempotencyKey.current = newIdempotencyKey()
      onSubmitted(request)
    } catch (caught) {
      const error = toApiError(caught)
      if (error.code === 'VALIDATION_FAILED' && error.fields?.length) form.showServerErrors(error.fields)
      showErrorToast(error)
      // keep the key: a retry after a lost answer must find the request the first try created
    } finally {
      inFlight.current = false
      setSubmitting(false)
    }
  }

  const title = definition.forms[formKey]?.title
  return (
    <View className="runner">
      <View className="runner__header">
        <Text className="runner__title">{title ?? definition.name}</Text>
        {definition.description && <Text className="runner__description">{definition.description}</Text>}
        {draft && <Text className="runner__draft">已恢复上次未提交的内容</Text>}
      </View>
      <FormRenderer form={form} />
      <View className="runner__footer">
        <SubmitButton
          className="runner-submit"
          submitting={submitting}
          idleText={definition.forms[formKey]?.submitText ?? '提交'}
          busyText="提交中…"
          onSubmit={() => void submit()}
        />
      </View>
    </View>
  )
}
