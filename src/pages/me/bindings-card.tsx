import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Binding } from '@contract/auth'
import { unbind } from '@/shared/auth/logout'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { dayjs } from '@/shared/time/dayjs'

const PROVIDER_LABELS: Record<Binding['provider'], string> = { wechat: '微信', dingtalk: '钉钉' }

/** The WeChat / DingTalk identities that log this person in silently; unbinding is for a new phone. */
export function BindingsCard({ bindings }: { bindings: Binding[] }) {
  const [unbinding, setUnbinding] = useState('')

  async function confirmUnbind({ provider }: Binding) {
    const label = PROVIDER_LABELS[provider]
    const { confirm } = await Taro.showModal({
      title: `解除${label}绑定`,
      content: `解除后所有设备上的登录都会退出，下次在${label}中使用需重新验证身份。`,
      confirmText: '解除绑定',
      confirmColor: '#e03131',
    })
    if (!confirm) return
    setUnbinding(provider)
    try {
      // Success ends this session too and leaves for the login page.
      await unbind(provider)
    } catch (error) {
      showErrorToast(error)
      setUnbinding('')
    }
  }

  return (
    <View className="me-card me-bindings">
      <View className="me-card__title">
        <Text>已绑定账号</Text>
      </View>
      {bindings.length === 0 && <Text className="me-empty">尚未绑定微信或钉钉。在微信或钉钉中打开智慧校园，验证一次身份即可绑定。</Text>}
      {bindings.map((binding) => (
        <View key={binding.provider} className={`me-binding me-binding--${binding.provider}`}>
          <View className={`me-binding__badge me-binding__badge--${binding.provider}`}>
            <Text>{PROVIDER_LABELS[binding.provider].slice(0, 1)}</Text>
          </View>
          <View className="me-binding__info">
            <Text className="me-binding__name">{PROVIDER_LABELS[binding.provider]}</Text>
            <Text className="me-binding__time">{dayjs(binding.boundAt).format('YYYY年M月D日')} 绑定</Text>
          </View>
          <Button
            className="me-unbind"
            size="small"
            fill="outline"
            type="danger"
            loading={unbinding === binding.provider}
            disabled={unbinding !== ''}
            onClick={() => void confirmUnbind(binding)}
          >
            解除绑定
          </Button>
        </View>
      ))}
    </View>
  )
}
