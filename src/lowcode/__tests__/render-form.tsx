import { act, fireEvent, render } from '@testing-library/react'
import type { FormValues, MicroAppDefinition } from '@contract/microapp'
import type { FormContext } from '../core/form'
import { FormRenderer } from '../form-renderer'
import { FormServicesProvider, type FormServices } from '../form-services'
import { useMicroForm, type MicroForm } from '../use-micro-form'

export function fakeServices(overrides: Partial<FormServices> = {}): FormServices {
  return {
    listBuildings: jest.fn(async () => [
      { id: 'b-7', name: '7号楼', scope: 'dorm' as const },
      { id: 'b-8', name: '8号楼', scope: 'dorm' as const },
    ]),
    listRooms: jest.fn(async (buildingId: string) => [
      { id: `${buildingId}-301`, name: '301' },
      { id: `${buildingId}-302`, name: '302' },
    ]),
    searchPeople: jest.fn(async () => [{ id: 'p-2', name: '赵德明', department: '后勤保障处', title: '维修师傅' }]),
    upload: jest.fn(),
    ...overrides,
  }
}

/** Renders one form of a definition and hands the live form state back to the test. */
export function renderForm(
  definition: MicroAppDefinition,
  formKey: string,
  options: { context?: FormContext; saved?: FormValues; services?: FormServices } = {},
) {
  const state: { form: MicroForm | null } = { form: null }
  const context = options.context ?? {}
  function Harness() {
    const form = useMicroForm(definition, formKey, context, options.saved)
    state.form = form
    return <FormRenderer form={form} />
  }
  const services = options.services ?? fakeServices()
  const view = render(
    <FormServicesProvider services={services}>
      <Harness />
    </FormServicesProvider>,
  )
  return {
    ...view,
    services,
    get form(): MicroForm {
      if (!state.form) throw new Error('form not rendered')
      return state.form
    },
  }
}

/** Types into a field's Taro input or textarea, the way Taro's elements report typing. */
export function typeIntoField(root: ParentNode, fieldPath: string, value: string) {
  const host = root.querySelector(`[data-field="${fieldPath}"]`)
  const element = host?.querySelector('taro-input-core, taro-textarea-core, input, textarea')
  if (!element) throw new Error(`no input in field ${fieldPath}`)
  const consoleError = console.error
  // Stencil's lazily upgraded elements miss their inner ref in jsdom (see taro-test-harness)
  console.error = (...args: unknown[]) => {
    if (args[0] instanceof TypeError && String(args[0].stack).includes('taro-')) return
    consoleError(...args)
  }
  try {
    act(() => {
      fireEvent(element, new CustomEvent('input', { detail: { value }, bubbles: true }))
    })
  } finally {
    console.error = consoleError
  }
}

export const field = (root: ParentNode, path: string) => {
  const element = root.querySelector(`[data-field="${path}"]`)
  if (!element) throw new Error(`field ${path} is not rendered`)
  return element as HTMLElement
}

export async function flush(ms = 10) {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms))
  })
}
