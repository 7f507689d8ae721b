import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { PortraitTag } from '@contract/portrait'

const KIND_LABELS: Record<PortraitTag['kind'], string> = { static: '静态', dynamic: '动态', model: '模型', warning: '预警' }

/** Tags as chips; tapping one shows why it is there (the facts and the rule). */
export function TagList({ tags }: { tags: PortraitTag[] }) {
  const [open, setOpen] = useState<string>('')
  const selected = tags.find((tag) => tag.key === open)
  if (!tags.length) return <Text className="pt-muted">暂无标签</Text>
  return (
    <View className="pt-tags">
      <View className="pt-tags__chips">
        {tags.map((tag) => (
          <View
            key={tag.key}
            className={`pt-tag pt-tag--${tag.kind} ${tag.level ? `pt-tag--${tag.level}` : ''} ${open === tag.key ? 'pt-tag--open' : ''}`}
            onClick={() => setOpen(open === tag.key ? '' : tag.key)}
          >
            <Text className="pt-tag__kind">{KIND_LABELS[tag.kind]}</Text>
            <Text className="pt-tag__label">{tag.label}</Text>
          </View>
        ))}
      </View>
      {selected ? (
        <View className="pt-why">
          <Text className="pt-why__title">为什么是「{selected.label}」</Text>
          <Text className="pt-why__text">{selected.why}</Text>
        </View>
      ) : (
        <Text className="pt-hint">点一下标签，看看它从哪里来</Text>
      )}
    </View>
  )
}
