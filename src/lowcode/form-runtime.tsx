import { createContext, useContext, type ReactNode } from 'react'
import type { DataField, FieldItem } from '@contract/microapp'

/** One field as the renderer draws it (shell + widget), top level or inside a sub-table row. */
export interface NestedField {
  path: string
  field: DataField
  item: FieldItem
  value: unknown
  onChange(value: unknown): void
  disabled: boolean
  required: boolean
}

/**
 * What a composite widget (the sub-table) needs from the form around it: the error messages by
 * value path and a way to render one nested field with the same shell and widgets.
 */
export interface FormRuntime {
  /** Chinese messages by path: `key`, `table/0/col` (the server's `/values/...` without the prefix). */
  errors: Record<string, string>
  /** An image or file field reports how many uploads are still in flight; submit waits for 0. */
  setPending(path: string, count: number): void
  renderNested(args: NestedField): ReactNode
}

const FormRuntimeContext = createContext<FormRuntime>({
  errors: {},
  setPending: () => undefined,
  renderNested: () => null,
})

export const FormRuntimeProvider = FormRuntimeContext.Provider

export function useFormRuntime(): FormRuntime {
  return useContext(FormRuntimeContext)
}
