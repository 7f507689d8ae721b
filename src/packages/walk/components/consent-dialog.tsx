import { Text, View } from '@tarojs/components'
import { Dialog } from '@nutui/nutui-react-taro'
import type { Challenge } from '@contract/walk'
import { formatSteps } from '../format'

export interface ConsentDialogProps {
  challenge: Challenge
  visible: boolean
  busy: boolean
  onAgree(): void
  onDecline(): void
}

/** Step counts are health-like data: using them in a challenge is a separate, explicit yes. */
export function ConsentDialog({ challenge, visible, busy, onAgree, onDecline }: ConsentDialogProps) {
  return (
    <Dialog
      className="walk-consent"
      visible={visible}
      title="使用步数数据"
      confirmText={busy ? '正在加入…' : '同意并参加'}
      cancelText="暂不参加"
      disableConfirmButton={busy}
      onConfirm={onAgree}
      onCancel={onDecline}
      onClose={onDecline}
    >
      <View className="walk-consent__body">
        <Text className="walk-consent__line">参加「{challenge.name}」需要使用你的每日步数（来自微信运动或钉钉运动）：</Text>
        <Text className="walk-consent__line">· 仅用于本活动的排行榜、达标统计和提醒，同事可以看到你的姓名、部门和计入的步数；</Text>
        <Text className="walk-consent__line">· 单日超过 {formatSteps(challenge.dailyCap)} 步的部分不计入；</Text>
        <Text className="walk-consent__line">· 你可以随时退出活动，退出后你的步数数据会被删除。</Text>
      </View>
    </Dialog>
  )
}
