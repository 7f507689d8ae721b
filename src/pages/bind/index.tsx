import { useState } from 'react'
import Taro, { useLoad } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { SubmitButton } from '@/shared/components/submit-button'
import type { PlatformLoginResult } from '@contract/auth'
import { bindAccount, hostLogin } from '@/shared/auth/login'
import { ApiError, toApiError } from '@/shared/http/api-error'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { enterApp } from '@/shared/navigation/enter-app'
import { decodeParam } from '@/shared/navigation/routes'
import { platformAdapter } from '@/shared/platform'
import { getUsableSession, useSessionStore } from '@/shared/session/session-store'
import './index.scss'

type VerifyWith = Extract<PlatformLoginResult, { status: 'needs_binding' }>['verifyWith']

const HOST_NAME = { wechat: '微信', dingtalk: '钉钉' } as const

/**
 * First use on WeChat / DingTalk: the user proves who they are once (unified identity or campus
 * password); the server binds the host identity carried by the bind ticket to that person, and
 * from then on the app logs in silently.
 */
export default function BindPage() {
  const [ticket, setTicket] = useState('')
  const [verifyWith, setVerifyWith] = useState<VerifyWith>('cas')
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const signIn = useSessionStore((state) => state.signIn)
  const host = platformAdapter.hostLogin ? HOST_NAME[platformAdapter.hostLogin] : '微信或钉钉'

  useLoad((params: Record<string, string | undefined>) => {
    if (getUsableSession()) {
      void enterApp()
      return
    }
    setTicket(decodeParam(params.ticket))
    setVerifyWith(params.verifyWith === 'password' ? 'password' : 'cas')
  })

  /**
   * The ticket lives 10 minutes and works once; someone who went to look up their password may
   * come back to an expired one. A fresh host login code gets a new ticket without retyping.
   */
  async function renewTicket(): Promise<string | null> {
    const credential = await platformAdapter.getHostCredential().catch(() => null)
    if (!credential) return null
    const result = await hostLogin(credential)
    if (result.status === 'bound') {
      // Bound meanwhile (on another device of the same account): nothing left to do.
      signIn(result)
      return null
    }
    setTicket(result.bindTicket)
    return result.bindTicket
  }

  async function bindWith(bindTicket: string, account: string): Promise<void> {
    try {
      signIn(await bindAccount({ bindTicket, username: account, password }))
    } catch (error) {
      if (toApiError(error).code !== 'BIND_TICKET_INVALID') throw error
      const renewed = await renewTicket()
      if (renewed) signIn(await bindAccount({ bindTicket: renewed, username: account, password }))
      else if (!getUsableSession()) throw error
    }
  }

  async function submit() {
    if (submitting) return
    const account = username.trim()
    if (!account || !password) {
      void Taro.showToast({ title: '请输入账号和密码', icon: 'none' })
      return
    }
    setSubmitting(true)
    try {
      const bindTicket = ticket || (await renewTicket())
      if (bindTicket) await bindWith(bindTicket, account)
      else if (!getUsableSession()) throw new ApiError('BAD_REQUEST', `请在${host}中打开智慧校园完成绑定`)
      await enterApp()
    } catch (error) {
      showErrorToast(error)
    } finally {
      setSubmitting(false)
    }
  }

  const accountLabel = verifyWith === 'cas' ? '统一身份认证账号' : '校园账号'
  return (
    <View className="bind-page">
      <View className="bind-intro">
        <Text className="bind-title">首次使用请绑定校园身份</Text>
        <Text className="bind-text">
          验证一次{accountLabel}，之后在{host}中打开智慧校园即可自动登录。
        </Text>
      </View>

      <View className="bind-card">
        <View className="bind-field">
          <Text className="bind-field__label">{accountLabel}</Text>
          <Input
            className="bind-input bind-username"
            name="username"
            placeholder="学号 / 工号"
            value={username}
            maxLength={64}
            clearable
            onChange={setUsername}
          />
        </View>
        <View className="bind-field">
          <Text className="bind-field__label">密码</Text>
          <Input
            className="bind-input bind-password"
            name="password"
            type="password"
            placeholder={verifyWith === 'cas' ? '统一身份认证密码' : '密码'}
            value={password}
            maxLength={128}
            onChange={setPassword}
            onConfirm={() => void submit()}
          />
        </View>
        <SubmitButton className="bind-submit" submitting={submitting} idleText="绑定并登录" busyText="绑定中" onSubmit={() => void submit()} />
      </View>

      <Text className="bind-footnote">密码只用于这一次验证，不会保存在手机上。换手机后可在“我的”中解除绑定。</Text>
    </View>
  )
}
