import { useEffect, useRef, useState } from 'react'
import { useLoad } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Segmented } from '@nutui/nutui-react-taro'
import type { Providers } from '@contract/auth'
import { exchangeHandoff, getProviders, unifiedLoginUrl } from '@/shared/auth/login'
import { silentLogin } from '@/shared/auth/silent-login'
import { toApiError } from '@/shared/http/api-error'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { enterApp } from '@/shared/navigation/enter-app'
import { ROUTES, decodeParam } from '@/shared/navigation/routes'
import { platformAdapter } from '@/shared/platform'
import { getUsableSession, useSessionStore } from '@/shared/session/session-store'
import { loginErrorMessage } from './login-error-message'
import { PasswordForm } from './password-form'
import { SmsLoginForm } from './sms-login-form'
import './index.scss'

type Audience = 'campus' | 'parent'

/** When the server cannot say (offline, an older server): the form that works everywhere. */
const FALLBACK_PROVIDERS: Providers = { unified: 'password', unifiedLabel: '统一身份认证', parentSms: true }

const HOST_LOGIN_LABEL = { wechat: '微信一键登录', dingtalk: '钉钉一键登录' } as const

function isProviders(body: unknown): body is Providers {
  const candidate = body as Partial<Providers> | null
  return (
    !!candidate &&
    (candidate.unified === 'cas' || candidate.unified === 'oidc' || candidate.unified === 'password') &&
    typeof candidate.unifiedLabel === 'string' &&
    typeof candidate.parentSms === 'boolean'
  )
}

function unifiedButtonLabel(label: string): string {
  const name = label.trim() || FALLBACK_PROVIDERS.unifiedLabel
  return name.endsWith('登录') ? name : `${name}登录`
}

export default function LoginPage() {
  const [providers, setProviders] = useState<Providers | null>(null)
  const [audience, setAudience] = useState<Audience>('campus')
  const [passwordOpen, setPasswordOpen] = useState(false)
  /** Why the last unified-identity login failed; stays on screen (a toast is easily missed after a redirect). */
  const [notice, setNotice] = useState('')
  const [busy, setBusy] = useState<'' | 'handoff' | 'unified' | 'host'>('')
  const signIn = useSessionStore((state) => state.signIn)
  const unifiedTimer = useRef<ReturnType<typeof setTimeout>>()

  useEffect(() => () => clearTimeout(unifiedTimer.current), [])

  async function finishUnifiedLogin(handoff: string) {
    setBusy('handoff')
    try {
      signIn(await exchangeHandoff(handoff))
      await enterApp()
    } catch (error) {
      setNotice(toApiError(error).message)
    } finally {
      setBusy('')
    }
  }

  useLoad((params: Record<string, string | undefined>) => {
    // Someone who is signed in and lands here (a shared link, the back button on H5) goes home.
    if (getUsableSession()) {
      void enterApp()
      return
    }
    // Back from CAS / OIDC: the server put a one-time code (or what went wrong) in the URL.
    const handoff = decodeParam(params.handoff)
    const error = decodeParam(params.error)
    if (handoff) void finishUnifiedLogin(handoff)
    else if (error) setNotice(loginErrorMessage(error))
    getProviders().then(
      (body) => setProviders(isProviders(body) ? body : FALLBACK_PROVIDERS),
      () => setProviders(FALLBACK_PROVIDERS),
    )
  })

  function startUnifiedLogin(provider: 'cas' | 'oidc') {
    setNotice('')
    setBusy('unified')
    // The page is about to unload; if the browser stays (blocked, very slow), the button comes back.
    unifiedTimer.current = setTimeout(() => setBusy(''), 5000)
    platformAdapter.openAuthRedirect(unifiedLoginUrl(provider, ROUTES.login)).catch((error: unknown) => {
      setBusy('')
      showErrorToast(error)
    })
  }

  async function startHostLogin() {
    setBusy('host')
    try {
      // 'needs_binding' has already moved on to the binding page.
      if ((await silentLogin()) === 'signed_in') await enterApp()
    } catch (error) {
      showErrorToast(error)
    } finally {
      setBusy('')
    }
  }

  function campusLogin(offer: Providers) {
    const unified = offer.unified === 'password' || platformAdapter.hostLogin ? null : offer.unified
    // With the built-in directory as the unified identity the form is the main way in.
    const passwordShown = offer.unified === 'password' || passwordOpen
    return (
      <View className="login-campus">
        {platformAdapter.hostLogin && (
          <Button
            className="login-host"
            type="primary"
            size="large"
            block
            loading={busy === 'host'}
            disabled={busy !== ''}
            onClick={() => void startHostLogin()}
          >
            {HOST_LOGIN_LABEL[platformAdapter.hostLogin]}
          </Button>
        )}
        {unified && (
          <Button
            className="login-unified"
            type="primary"
            size="large"
            block
            loading={busy === 'unified'}
            disabled={busy !== ''}
            onClick={() => startUnifiedLogin(unified)}
          >
            {unifiedButtonLabel(offer.unifiedLabel)}
          </Button>
        )}
        {(unified || platformAdapter.hostLogin) && passwordShown && <View className="login-divider">或使用账号密码</View>}
        {passwordShown ? (
          <PasswordForm />
        ) : (
          <View className="login-password-toggle" onClick={() => setPasswordOpen(true)}>
            <Text>使用账号密码登录</Text>
          </View>
        )}
      </View>
    )
  }

  const parentTab = providers?.parentSms ?? false
  const shown: Audience = parentTab ? audience : 'campus'
  return (
    <View className="login-page">
      <View className="login-brand">
        <View className="login-logo">
          <Text className="login-logo__text">校</Text>
        </View>
        <Text className="login-title">智慧校园</Text>
        <Text className="login-subtitle">一站式校园服务</Text>
      </View>

      {parentTab && (
        <View className="login-audience">
          <Segmented
            value={shown}
            options={[
              { label: '师生登录', value: 'campus', className: 'login-tab-campus' },
              { label: '家长登录', value: 'parent', className: 'login-tab-parent' },
            ]}
            onChange={(value) => setAudience(value === 'parent' ? 'parent' : 'campus')}
          />
        </View>
      )}

      <View className="login-card">
        {notice !== '' && (
          <View className="login-notice">
            <Text>{notice}</Text>
          </View>
        )}
        {busy === 'handoff' || providers === null ? (
          <View className="login-pending">
            <Text>{busy === 'handoff' ? '正在登录…' : '正在加载登录方式…'}</Text>
          </View>
        ) : shown === 'parent' ? (
          <SmsLoginForm />
        ) : (
          campusLogin(providers)
        )}
      </View>

      <Text className="login-footnote">
        {shown === 'parent'
          ? '请使用在学校登记的家长手机号，未登记请联系辅导员'
          : '使用学校统一身份认证账号登录，初始密码请咨询信息中心'}
      </Text>
    </View>
  )
}
