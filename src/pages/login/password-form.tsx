import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { SubmitButton } from '@/shared/components/submit-button'
import { login } from '@/shared/auth/login'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { enterApp } from '@/shared/navigation/enter-app'
import { useSessionStore } from '@/shared/session/session-store'

/** 学号 / 工号 and password against the built-in directory (the unified identity when no CAS / OIDC is configured). */
export function PasswordForm() {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const signIn = useSessionStore((state) => state.signIn)

  async function submit() {
    if (submitting) return
    const account = username.trim()
    if (!account || !password) {
      void Taro.showToast({ title: '请输入学号 / 工号和密码', icon: 'none' })
      return
    }
    setSubmitting(true)
    try {
      signIn(await login({ username: account, password }))
      await enterApp()
    } catch (error) {
      showErrorToast(error)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className="login-form">
      <View className="login-field">
        <Text className="login-field__label">账号</Text>
        <Input
          className="login-input login-username"
          name="username"
          placeholder="学号 / 工号"
          value={username}
          maxLength={64}
          clearable
          onChange={setUsername}
        />
      </View>
      <View className="login-field">
        <Text className="login-field__label">密码</Text>
        <Input
          className="login-input login-password"
          name="password"
          type="password"
          placeholder="密码"
          value={password}
          maxLength={128}
          onChange={setPassword}
          onConfirm={() => void submit()}
        />
      </View>
      <SubmitButton className="login-submit" submitting={submitting} idleText="登录" busyText="登录中" onSubmit={() => void submit()} />
    </View>
  )
}
