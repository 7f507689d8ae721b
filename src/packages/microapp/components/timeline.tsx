import { Text, View } from '@tarojs/components'
import type { MicroAppDefinition, TimelineEntry } from '@contract/microapp'
import { ValueList } from '@/lowcode/value-view'
import { dayjs } from '@/shared/time/dayjs'
import { findNode, isTaskNode } from '@/lowcode/core/flow'
import { fieldsIn, TIMELINE_LABELS } from '../labels'

const NEGATIVE = new Set(['reject', 'withdraw', 'escalate'])

/** "派单", "完工", "确认修好": the node's own words for approve and reject, as its buttons said. */
function entryLabel(entry: TimelineEntry, definition: MicroAppDefinition): string {
  const node = entry.nodeId ? findNode(definition, entry.nodeId) : undefined
  if (isTaskNode(node)) {
    if (entry.action === 'approve') return node.approveText ?? (node.type === 'task' ? '完成' : '同意')
    if (entry.action === 'reject') return node.rejectText ?? '驳回'
  }
  return TIMELINE_LABELS[entry.action] ?? entry.action
}

/** Every action on the request, oldest first: who, which step, what, when, comment and attachments. */
export function Timeline({ entries, definition }: { entries: TimelineEntry[]; definition: MicroAppDefinition }) {
  return (
    <View className="timeline">
      {entries.map((entry, index) => (
        <View className={`timeline__entry timeline__entry--${entry.action}`} key={entry.id}>
          <View className="timeline__rail">
            <View className={`timeline__dot${NEGATIVE.has(entry.action) ? ' timeline__dot--negative' : ''}`} />
            {index < entries.length - 1 && <View className="timeline__line" />}
          </View>
          <View className="timeline__body">
            <View className="timeline__head">
              <Text className="timeline__who">{entry.actor?.name ?? '系统'}</Text>
              <Text className="timeline__action">{entryLabel(entry, definition)}</Text>
              <Text className="timeline__at">{dayjs(entry.at).format('M月D日 HH:mm')}</Text>
            </View>
            {entry.nodeName && <Text className="timeline__node">{entry.nodeName}</Text>}
            {entry.targets?.length ? (
              <Text className="timeline__targets">
                {entry.action === 'cc' ? '抄送给' : '交给'} {entry.targets.map((person) => person.name).join('、')}
              </Text>
            ) : null}
            {entry.toNodeName && <Text className="timeline__targets">退回到 {entry.toNodeName}</Text>}
            {entry.comment && <Text className="timeline__comment">{entry.comment}</Text>}
            {entry.values && Object.keys(entry.values).length > 0 && entry.action !== 'submit' && entry.action !== 'resubmit' && (
              <View className="timeline__values">
                <ValueList fields={fieldsIn(definition, entry.values)} values={entry.values} />
              </View>
            )}
          </View>
        </View>
      ))}
    </View>
  )
}
