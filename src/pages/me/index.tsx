import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'
import type { MeDetail } from '@contract/auth'
import { ROLE_LABELS } from '@contract/roles'
import { logout } from '@/shared/auth/logout'
import { getMe } from '@/shared/auth/me'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { useSessionStore } from '@/shared/session/session-store'
import { BindingsCard } from './bindings-card'
import { ChildSwitcher } from './child-switcher'
import { ParentVisibilityCard } from './parent-visibility-card'
import './index.scss'

const NUMBER_LABELS: Record<MeDetail['kind'], string> = { student: '学号', staff: '工号', parent: '手机号' }

function profileRows(user: MeDetail): Array<[label: string, value: string]> {
  const rows: Array<[string, string | undefined]> = [
    ['学院', user.college],
    ['专业', user.major],
    ['班级', user.className],
    // A student's department is usually their college; saying it twice reads like a bug.
    ['部门', user.department === user.college ? undefined : user.department],
  ]
  return rows.filter((row): row is [string, string] => Boolean(row[1]))
}

export default function MePage() {
  const session = useSessionGuard()
  const updateUser = useSessionStore((state) => state.updateUser)
  const [leaving, setLeaving] = useState(false)

  useDidShow(() => {
    // Roles, class, children and bindings change on the server; the stored copy may be stale.
    if (session) getMe().then(updateUser, () => undefined)
  })

  if (!session) return <View className="me-page" />
  const { user } = session
  const rows = profileRows(user)

  async function leave() {
    setLeaving(true)
    try {
      await logout()
    } finally {
      setLeaving(false)
    }
  }

  return (
    <View className="me-page">
      <View className="me-header">
        <View className="me-avatar">
          <Text className="me-avatar__text">{user.name.slice(-2)}</Text>
        </View>
        <View className="me-identity">
          <Text className="me-name">{user.name}</Text>
          <Text className="me-number">
            {NUMBER_LABELS[user.kind]} {user.number}
          </Text>
          <View className="me-roles">
            {user.roles.map((role) => (
              <Text key={role} className="me-role">
                {ROLE_LABELS[role]}
              </Text>
            ))}
          </View>
        </View>
      </View>

      <View className="me-body">
        {rows.length > 0 && (
          <View className="me-card me-profile">
            {rows.map(([label, value]) => (
              <Cell key={label} className="me-row" title={label} extra={value} />
            ))}
          </View>
        )}

        {user.kind === 'parent' && <ChildSwitcher user={user} />}
        {user.kind === 'student' && user.parentVisibility && <ParentVisibilityCard visibility={user.parentVisibility} />}
        {/* Parents log in by SMS on H5 and have nothing to bind. */}
        {user.kind !== 'parent' && <BindingsCard bindings={user.bindings ?? []} />}

        <View className="me-actions">
          <Button className="me-logout" block size="large" loading={leaving} disabled={leaving} onClick={() => void leave()}>
            退出登录
          </Button>
        </View>
      </View>
    </View>
  )
}
