import { useState } from 'react'
import Taro, { useLoad } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { login } from '@/shared/auth/login'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { ROUTES } from '@/shared/navigation/routes'
import { getValidSession, useSessionStore } from '@/shared/session/session-store'
import './index.scss'

export default function LoginPage() {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const signIn = useSessionStore((state) => state.signIn)

  useLoad(() => {
    // Someone who is signed in and lands here (a shared link, the back button on H5) goes home.
    if (getValidSession()) void Taro.switchTab({ url: ROUTES.home })
  })

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
      await Taro.switchTab({ url: ROUTES.home })
    } catch (error) {
      showErrorToast(error)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className="login-page">
      <View className="login-brand">
        <View className="login-logo">
          <Text className="login-logo__text">校</Text>
        </View>
        <Text className="login-title">智慧校园</Text>
        <Text className="login-subtitle">统一身份认证登录</Text>
      </View>

      <View className="login-card">
        <View className="login-field">
          <Text className="login-field__label">账号</Text>
          <Input
            className="login-username"
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
            className="login-password"
            name="password"
            type="password"
            placeholder="密码"
            value={password}
            maxLength={128}
            onChange={setPassword}
            onConfirm={() => void submit()}
          />
        </View>
        <Button
          className="login-submit"
          type="primary"
          size="large"
          block
          loading={submitting}
          disabled={submitting}
          onClick={() => void submit()}
        >
          {submitting ? '登录中' : '登录'}
        </Button>
      </View>

      <Text className="login-footnote">使用学校统一身份认证账号登录，初始密码请咨询信息中心</Text>
    </View>
  )
}
