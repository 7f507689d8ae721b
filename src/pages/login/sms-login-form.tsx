import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { SubmitButton } from '@/shared/components/submit-button'
import { sendSmsCode, smsLogin } from '@/shared/auth/login'
import { useCountdown } from '@/shared/hooks/use-countdown'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { enterApp } from '@/shared/navigation/enter-app'
import { useSessionStore } from '@/shared/session/session-store'

// The same rules the server's schema applies, checked first so a typo costs no SMS.
const MOBILE = /^1[3-9]\d{9}$/
const SMS_CODE = /^\d{6}$/
/** Used when the server does not say (it sends retryAfter with every code). */
const DEFAULT_RESEND_SECONDS = 60

/** Parents: mobile number + 6-digit SMS code; the school's records link the number to a child. */
export function SmsLoginForm() {
  const [mobile, setMobile] = useState('')
  const [code, setCode] = useState('')
  const [sending, setSending] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const countdown = useCountdown()
  const signIn = useSessionStore((state) => state.signIn)

  function toast(title: string) {
    void Taro.showToast({ title, icon: 'none' })
  }

  async function send() {
    if (sending || countdown.remaining > 0) return
    const number = mobile.trim()
    if (!MOBILE.test(number)) {
      toast('请输入正确的手机号')
      return
    }
    setSending(true)
    try {
      const retryAfter = await sendSmsCode(number)
      countdown.start(retryAfter > 0 ? retryAfter : DEFAULT_RESEND_SECONDS)
      toast('验证码已发送')
    } catch (error) {
      showErrorToast(error)
    } finally {
      setSending(false)
    }
  }

  async function submit() {
    if (submitting) return
    const number = mobile.trim()
    const digits = code.trim()
    if (!MOBILE.test(number)) {
      toast('请输入正确的手机号')
      return
    }
    if (!SMS_CODE.test(digits)) {
      toast('请输入 6 位验证码')
      return
    }
    setSubmitting(true)
    try {
      signIn(await smsLogin({ mobile: number, code: digits }))
      await enterApp()
    } catch (error) {
      showErrorToast(error)
    } finally {
      setSubmitting(false)
    }
  }

  const waiting = countdown.remaining > 0
  return (
    <View className="login-form">
      <View className="login-field">
        <Text className="login-field__label">手机号</Text>
        <View className="login-field__row">
          <Input
            className="login-input sms-mobile"
            name="mobile"
            type="number"
            placeholder="家长手机号"
            value={mobile}
            maxLength={11}
            clearable
            onChange={setMobile}
          />
          <Button
            className="sms-send"
            type="primary"
            fill="outline"
            size="small"
            loading={sending}
            disabled={sending || waiting}
            onClick={() => void send()}
          >
            {waiting ? `${countdown.remaining} 秒后重发` : '获取验证码'}
          </Button>
        </View>
      </View>
      <View className="login-field">
        <Text className="login-field__label">验证码</Text>
        <Input
          className="login-input sms-code"
          name="code"
          type="number"
          placeholder="6 位验证码"
          value={code}
          maxLength={6}
          onChange={setCode}
          onConfirm={() => void submit()}
        />
      </View>
      <SubmitButton className="sms-submit" submitting={submitting} idleText="登录" busyText="登录中" onSubmit={() => void submit()} />
    </View>
  )
}
