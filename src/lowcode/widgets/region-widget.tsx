import { useMemo, useState } from 'react'
import { Cascader } from '@nutui/nutui-react-taro'
// A plain function despite its name (no React hooks inside): aliased so it may run on demand.
import { useCascaderAreaData as buildAreaTree } from '@vant/area-data'
import type { WidgetProps } from '../widget-types'
import { PickerTrigger } from './picker-trigger'

interface AreaOption {
  text: string
  value: string
  children?: AreaOption[]
}

/** The GB/T 2260 tree cut to `level` (1 province, 2 city, 3 district). */
function truncate(options: AreaOption[], level: number): AreaOption[] {
  return options.map(({ text, value, children }) =>
    level <= 1 || !children ? { text, value } : { text, value, children: truncate(children, level - 1) },
  )
}

/** Names (what the form stores, readable on the server and in exports) → codes the Cascader selects. */
function codesOf(tree: AreaOption[], names: string[]): string[] {
  const codes: string[] = []
  let level: AreaOption[] | undefined = tree
  for (const name of names) {
    const node: AreaOption | undefined = level?.find((option) => option.text === name)
    if (!node) break
    codes.push(node.value)
    level = node.children
  }
  return codes
}

/**
 * region: province / city / district from @vant/area-data (≈60 KB minified, only in the
 * subpackage that renders forms). The value is the names, province first.
 */
export function RegionWidget({ field, item, value, onChange, disabled }: WidgetProps<string[]>) {
  const [open, setOpen] = useState(false)
  const level = typeof field.level === 'number' ? field.level : 3
  // Built on first open: the tree has ~3,500 nodes and most forms never show it.
  const tree = useMemo(() => (open ? truncate(buildAreaTree() as AreaOption[], level) : []), [open, level])
  return (
    <>
      <PickerTrigger
        text={(value ?? []).join(' ')}
        placeholder={item.placeholder ?? '请选择省 / 市 / 区'}
        disabled={disabled}
        onOpen={() => setOpen(true)}
      />
      {open && (
        <Cascader
          visible={open}
          title={field.label}
          options={tree}
          value={codesOf(tree, value ?? [])}
          closeable
          onClose={() => setOpen(false)}
          onChange={(_codes, path) => onChange(path.map((node) => String(node.text)))}
        />
      )}
    </>
  )
}
