import { Text, View } from '@tarojs/components'
import type { TaskBox, TaskBoxItem } from '@contract/microapp'
import { dayjs } from '@/shared/time/dayjs'

const STATUS = {
  running: { label: '进行中', tone: 'primary' },
  returned: { label: '已退回', tone: 'warning' },
  completed: { label: '已完成', tone: 'success' },
  withdrawn: { label: '已撤回', tone: 'muted' },
} as const

function whereItStands(box: TaskBox, item: TaskBoxItem): string {
  if (box === 'todo' && item.task) return `待你处理：${item.task.nodeName}`
  if (box === 'done' && item.task) return `你已处理：${item.task.nodeName}`
  if (item.status === 'running' && item.currentNodeNames.length) return `当前：${item.currentNodeNames.join('、')}`
  return STATUS[item.status].label
}

export function TaskCard({
  box,
  item,
  selecting,
  selected,
  onOpen,
  onToggle,
}: {
  box: TaskBox
  item: TaskBoxItem
  selecting: boolean
  selected: boolean
  onOpen(): void
  onToggle(): void
}) {
  const status = STATUS[item.status]
  const overdue = box === 'todo' && item.task?.overdue
  return (
    <View className={`task-card${selected ? ' task-card--selected' : ''}`} onClick={selecting ? onToggle : onOpen}>
      {/* plain views, not NutUI Checkbox / Tag: this page is in the main package, every KB counts */}
      {selecting && <View className={`task-card__check${selected ? ' task-card__check--on' : ''}`} />}
      <View className="task-card__body">
        <View className="task-card__head">
          <Text className="task-card__app">{item.appName}</Text>
          {overdue && <Text className="task-card__tag task-card__tag--danger">已超时</Text>}
          <Text className={`task-card__tag task-card__tag--${status.tone}`}>{status.label}</Text>
        </View>
        <Text className="task-card__title">{item.title}</Text>
        <Text className="task-card__where">{whereItStands(box, item)}</Text>
        <Text className="task-card__meta">
          {item.applicant.name} · {dayjs(box === 'todo' && item.task ? item.task.createdAt : item.updatedAt).format('M月D日 HH:mm')}
        </Text>
      </View>
    </View>
  )
}
