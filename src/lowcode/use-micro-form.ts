import { useCallback, useMemo, useRef, useState } from 'react'
import type { FieldError } from '@contract/errors'
import type { FormValues, MicroAppDefinition } from '@contract/microapp'
import { fieldStates, initialValues, validateForm, type FieldState, type FormContext } from './core/form'

/** `/values/repairs/0/photo` → `repairs/0/photo`; the top-level key is the first segment. */
export const errorPath = (field: string) => field.replace(/^\/values\//, '').replace(/^\//, '')
const topKey = (path: string) => path.split('/')[0]

export interface MicroForm {
  definition: MicroAppDefinition
  formKey: string
  context: FormContext
  values: FormValues
  states: FieldState[]
  /** what the user should see now: client errors of touched fields (all after a submit attempt), then the server's */
  errors: Record<string, string>
  /** uploads still in flight, over all image / file fields */
  pendingUploads: number
  setValue(key: string, value: unknown): void
  setPending(path: string, count: number): void
  /** Marks every field touched; the validated values (visible fields only) or null with errors shown. */
  validate(): FormValues | null
  /** A 400 from the server names fields with the same paths; they show under their fields. */
  showServerErrors(fields: FieldError[]): void
}

/**
 * Field state for one form of a definition, Formily-style: values in, visibility / required /
 * errors out, all computed by the shared core (the server validates with the same functions).
 */
export function useMicroForm(
  definition: MicroAppDefinition,
  formKey: string,
  context: FormContext,
  saved?: FormValues,
): MicroForm {
  const [values, setValues] = useState<FormValues>(() => initialValues(definition, formKey, context, saved))
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set())
  const [attempted, setAttempted] = useState(false)
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({})
  const [pendingUploads, setPendingUploads] = useState(0)
  const pendingByPath = useRef(new Map<string, number>())

  const states = useMemo(() => fieldStates(definition, formKey, values, context), [definition, formKey, values, context])
  const validation = useMemo(() => validateForm(definition, formKey, values, context), [definition, formKey, values, context])

  const errors = useMemo(() => {
    const shown: Record<string, string> = {}
    for (const error of validation.errors) {
      const path = errorPath(error.field)
      if (attempted || touched.has(topKey(path))) shown[path] ??= error.message
    }
    for (const [path, message] of Object.entries(serverErrors)) shown[path] ??= message
    return shown
  }, [validation, attempted, touched, serverErrors])

  const setValue = useCallback((key: string, value: unknown) => {
    setValues((current) => {
      const next = { ...current }
      if (value === undefined) delete next[key]
      else next[key] = value
      return next
    })
    setTouched((current) => (current.has(key) ? current : new Set(current).add(key)))
    setServerErrors((current) => {
      const kept = Object.entries(current).filter(([path]) => topKey(path) !== key)
      return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept)
    })
  }, [])

  const setPending = useCallback((path: string, count: number) => {
    if (count > 0) pendingByPath.current.set(path, count)
    else pendingByPath.current.delete(path)
    let total = 0
    pendingByPath.current.forEach((n) => (total += n))
    setPendingUploads(total)
  }, [])

  const validate = useCallback(() => {
    setAttempted(true)
    return validation.errors.length === 0 ? validation.values : null
  }, [validation])

  const showServerErrors = useCallback((fields: FieldError[]) => {
    setServerErrors(Object.fromEntries(fields.map((error) => [errorPath(error.field), error.message])))
  }, [])

  return { definition, formKey, context, values, states, errors, pendingUploads, setValue, setPending, validate, showServerErrors }
}
