import { useMemo } from 'react'
import { Text, View } from '@tarojs/components'
import type { StaticItem } from '@contract/microapp'
import { isFieldItem, staticVisible } from './core/form'
import { FieldShell } from './field-shell'
import { FormRuntimeProvider, type FormRuntime, type NestedField } from './form-runtime'
import type { MicroForm } from './use-micro-form'
import { WIDGETS } from './widgets/registry'
import './form.scss'

function FieldControl(props: NestedField & { error?: string }) {
  const { path, field, item, value, onChange, disabled, required, error } = props
  const Widget = WIDGETS[field.type]
  return (
    <FieldShell path={path} label={field.label} required={required} help={item.help} error={error} type={field.type}>
      {Widget ? (
        <Widget path={path} field={field} item={item} value={value as never} onChange={onChange as never} disabled={disabled} />
      ) : (
        <Text className="lc-empty-value">不支持的字段类型</Text>
      )}
    </FieldShell>
  )
}

function StaticText({ item }: { item: StaticItem }) {
  return (
    <View className={`lc-static lc-static--${item.style ?? 'tip'}`}>
      <Text className="lc-static__text">{item.text}</Text>
    </View>
  )
}

/**
 * The React layer: draws a form's items in order from the state `useMicroForm` computed, each
 * field through its NutUI widget. Hidden fields are not rendered at all.
 */
export function FormRenderer({ form, disabled = false }: { form: MicroForm; disabled?: boolean }) {
  const items = form.definition.forms[form.formKey]?.items ?? []
  const stateByField = useMemo(() => new Map(form.states.map((state) => [state.item.field, state])), [form.states])

  const runtime = useMemo<FormRuntime>(
    () => ({
      errors: form.errors,
      setPending: form.setPending,
      renderNested: (args) => <FieldControl key={args.path} {...args} error={form.errors[args.path]} />,
    }),
    [form.errors, form.setPending],
  )

  return (
    <FormRuntimeProvider value={runtime}>
      <View className="lc-form">
        {items.map((item, index) => {
          if (!isFieldItem(item)) {
            return staticVisible(item, form.values, form.context) ? <StaticText key={`static-${index}`} item={item} /> : null
          }
          const state = stateByField.get(item.field)
          if (!state || !state.visible) return null
          return (
            <FieldControl
              key={item.field}
              path={item.field}
              field={state.field}
              item={item}
              value={form.values[item.field]}
              onChange={(value) => form.setValue(item.field, value)}
              disabled={disabled || item.readonly === true}
              required={state.required}
              error={form.errors[item.field]}
            />
          )
        })}
      </View>
    </FormRuntimeProvider>
  )
}
