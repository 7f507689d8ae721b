import { View } from '@tarojs/components'
import { EmptyBlock } from '@/shared/components/status-block'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import './index.scss'

export default function TodoPage() {
  const session = useSessionGuard()
  return (
    <View className="todo-page">
      {session && <EmptyBlock className="todo-empty" title="暂无待办" description="需要你处理的审批和任务会出现在这里" />}
    </View>
  )
}
