import { act, fireEvent } from '@testing-library/react'

interface TaroTestHarness {
  setRouterParams(params: Record<string, string>): void
  triggerPullDownRefresh(): Promise<void>
  triggerReachBottom(): Promise<void>
  triggerDidShow(): void
  reset(): void
}

// The jest build of @tarojs/taro (tests/setup/taro-with-test-hooks.js) exposes these controls.
export const taroTestHarness: TaroTestHarness = require('@tarojs/taro').taroTestHarness

/**
 * Taro's H5 <Input> is a custom element that jsdom does not upgrade, so there is no inner
 * <input> to type into; this sends the event Taro's element emits when the user types.
 */
export function typeInto(root: ParentNode, selector: string, value: string) {
  const field = root.querySelector(`${selector} taro-input-core`) ?? root.querySelector(selector)
  if (!field) throw new Error(`no input matches ${selector}`)
  // Once Stencil has lazily upgraded the element in jsdom (a test that waited a while), its value
  // watcher runs without the inner <input> ref it expects and logs a TypeError: a quirk of this
  // environment (browsers set the ref), dropped here so real errors stay visible.
  const consoleError = console.error
  console.error = (...args: unknown[]) => {
    if (isStencilInputRefQuirk(args[0])) return
    consoleError(...args)
  }
  try {
    act(() => {
      fireEvent(field, new CustomEvent('input', { detail: { value }, bubbles: true }))
    })
  } finally {
    console.error = consoleError
  }
}

function isStencilInputRefQuirk(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    error.message === "Cannot read properties of undefined (reading 'value')" &&
    (error.stack ?? '').includes('taro-input-core')
  )
}

export function tap(root: ParentNode, selector: string) {
  const element = root.querySelector(selector)
  if (!element) throw new Error(`nothing matches ${selector}`)
  fireEvent.click(element)
}

export function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}
