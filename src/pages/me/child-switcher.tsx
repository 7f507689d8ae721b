import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Child, MeDetail } from '@contract/auth'
import { setActiveChild } from '@/shared/auth/me'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { useSessionStore } from '@/shared/session/session-store'

/** Parents: the linked children; the selected one is whose leave status, grades… the app shows. */
export function ChildSwitcher({ user }: { user: MeDetail }) {
  const updateUser = useSessionStore((state) => state.updateUser)
  const [switchingTo, setSwitchingTo] = useState('')
  const children = user.children ?? []
  // The server always names one; until it does (an older copy in storage) the first is shown.
  const activeId = user.activeChildId ?? children[0]?.id

  async function choose(child: Child) {
    if (child.id === activeId || switchingTo) return
    setSwitchingTo(child.id)
    try {
      updateUser(await setActiveChild(child.id))
      void Taro.showToast({ title: `已切换到${child.name}`, icon: 'none' })
    } catch (error) {
      showErrorToast(error)
    } finally {
      setSwitchingTo('')
    }
  }

  return (
    <View className="me-card me-child-switcher">
      <View className="me-card__title">
        <Text>我的孩子</Text>
        {children.length > 1 && <Text className="me-card__hint">点击切换</Text>}
      </View>
      {children.length === 0 && <Text className="me-empty">暂未关联学生，请联系班主任或辅导员登记</Text>}
      {children.map((child) => {
        const active = child.id === activeId
        return (
          <View
            key={child.id}
            className={`me-child${active ? ' me-child--active' : ''}`}
            onClick={() => void choose(child)}
          >
            <View className="me-child__avatar">
              <Text>{child.name.slice(-2)}</Text>
            </View>
            <View className="me-child__info">
              <Text className={`me-child__name${active ? ' me-child-name' : ''}`}>{child.name}</Text>
              <Text className="me-child__meta">
                {[child.className, `学号 ${child.number}`].filter(Boolean).join(' · ')}
              </Text>
            </View>
            {active ? (
              <Text className="me-tag me-tag--primary">当前</Text>
            ) : (
              <Text className="me-child__action">{switchingTo === child.id ? '切换中…' : '切换'}</Text>
            )}
          </View>
        )
      })}
    </View>
  )
}
