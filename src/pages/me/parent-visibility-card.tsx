import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Switch } from '@nutui/nutui-react-taro'
import type { ParentVisibility } from '@contract/auth'
import { setParentVisibility } from '@/shared/auth/me'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { useSessionStore } from '@/shared/session/session-store'

const SETTINGS: Array<{ key: keyof ParentVisibility; title: string; description: string }> = [
  { key: 'leaveStatus', title: '离返校状态', description: '家长可查看你的离校、返校记录' },
  { key: 'portraitSummary', title: '学业概况', description: '家长可查看你的 GPA、学分进度与排名' },
  { key: 'portrait', title: '学业画像', description: '家长可查看你的成绩与学习情况' },
  { key: 'portraitWarnings', title: '预警信息', description: '家长可查看学业预警、失联预警' },
]
/** What an older server (or a stored session) that does not send a setting means by it. */
const DEFAULTS: Required<ParentVisibility> = { leaveStatus: true, portrait: false, portraitSummary: true, portraitWarnings: false }

/** Students decide what their parents may see; the switch shows the server's value, not a guess. */
export function ParentVisibilityCard({ visibility }: { visibility: ParentVisibility }) {
  const updateUser = useSessionStore((state) => state.updateUser)
  const [saving, setSaving] = useState<keyof ParentVisibility | ''>('')

  async function change(key: keyof ParentVisibility, value: boolean) {
    if (saving) return
    setSaving(key)
    try {
      updateUser(await setParentVisibility({ ...visibility, [key]: value }))
    } catch (error) {
      showErrorToast(error)
    } finally {
      setSaving('')
    }
  }

  return (
    <View className="me-card me-visibility">
      <View className="me-card__title">
        <Text>家长可见</Text>
      </View>
      {SETTINGS.map(({ key, title, description }) => (
        <View key={key} className={`me-setting me-visibility-${key}`}>
          <View className="me-setting__info">
            <Text className="me-setting__title">{title}</Text>
            <Text className="me-setting__description">{description}</Text>
          </View>
          <Switch
            className="me-visibility-switch"
            checked={visibility[key] ?? DEFAULTS[key]}
            // Controlled: NutUI's own loading flag never clears when the value stays (a failed save).
            loading={saving === key}
            onLoadingChange={() => undefined}
            disabled={saving !== '' && saving !== key}
            onChange={(value) => change(key, value)}
          />
        </View>
      ))}
    </View>
  )
}
