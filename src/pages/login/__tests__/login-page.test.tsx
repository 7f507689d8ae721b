import { act, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Providers } from '@contract/auth'
import { platformAdapter } from '@/shared/platform'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResult, parentMe } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp, type StubReply, type StubRequest } from '../../../../tests/setup/http-stub'
import { deferred, taroTestHarness, tap, typeInto } from '../../../../tests/setup/taro-test-harness'
import LoginPage from '../index'

let switchTab: jest.SpyInstance
let showToast: jest.SpyInstance

const PASSWORD_ONLY: Providers = { unified: 'password', unifiedLabel: '统一身份认证', parentSms: true }
const CAS: Providers = { unified: 'cas', unifiedLabel: '统一身份认证', parentSms: true }

beforeEach(() => {
  useSessionStore.getState().signOut()
  taroTestHarness.reset()
  switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'pages/login/index' } as Taro.Page])
})

afterEach(restoreHttp)

/** The campus server as the login page sees it: providers, plus whatever a test adds. */
function serve(providers: Providers | StubReply, routes: Record<string, (request: StubRequest) => StubReply | Promise<StubReply>> = {}) {
  const stub = stubHttp((request) => {
    if (request.url === '/api/auth/providers') return 'status' in providers || 'fail' in providers ? providers : reply.json(200, providers)
    const route = routes[`${request.method} ${request.url}`]
    return route ? route(request) : reply.json(404, { code: 'NOT_FOUND', message: '接口不存在' })
  })
  return { requests: stub.requests, sent: (url: string) => stub.requests.filter((request) => request.url === url) }
}

async function renderLoaded() {
  const view = render(<LoginPage />)
  // (a boolean: a failed toBeNull() pretty-prints the Taro element, which takes ~1 s per retry)
  await waitFor(() => expect(view.container.querySelector('.login-pending') === null).toBe(true))
  return view
}

function fillAndSubmit(container: HTMLElement, username: string, password: string) {
  typeInto(container, '.login-username', username)
  typeInto(container, '.login-password', password)
  tap(container, '.login-submit')
}

describe('campus login', () => {
  test('with the built-in directory as the unified identity, the password form shows right away', async () => {
    serve(PASSWORD_ONLY)
    const { container } = await renderLoaded()

    expect(screen.getByText('智慧校园')).toBeInTheDocument()
    expect(container.querySelector('.login-username [placeholder="学号 / 工号"]')).not.toBeNull()
    expect(container.querySelector('.login-password [placeholder="密码"]')).not.toBeNull()
    expect(container.querySelector('.login-submit')).toHaveTextContent('登录')
    expect(container.querySelector('.login-unified')).toBeNull()
    expect(container.querySelector('.login-password-toggle')).toBeNull()
  })

  test('with CAS, the unified identity button leads and the password form is one tap away', async () => {
    serve(CAS)
    const { container } = await renderLoaded()

    expect(container.querySelector('.login-unified')).toHaveTextContent('统一身份认证登录')
    expect(container.querySelector('.login-username')).toBeNull()

    tap(container, '.login-password-toggle')
    expect(container.querySelector('.login-username [placeholder="学号 / 工号"]')).not.toBeNull()
  })

  test.each(['cas', 'oidc'] as const)('the unified button sends the browser to the %s login, coming back to this page', async (unified) => {
    const openAuthRedirect = jest.spyOn(platformAdapter, 'openAuthRedirect').mockResolvedValue()
    serve({ unified, unifiedLabel: '统一身份认证', parentSms: false })
    const { container } = await renderLoaded()

    tap(container, '.login-unified')

    expect(openAuthRedirect).toHaveBeenCalledWith(`/api/auth/${unified}/login?redirect=%2Fpages%2Flogin%2Findex`)
  })

  test('back from the unified identity with ?handoff=, the code is exchanged for a session', async () => {
    taroTestHarness.setRouterParams({ handoff: 'handoff-0123456789abcdef' })
    const { sent } = serve(CAS, { 'POST /api/auth/exchange': () => reply.json(200, loginResult({ accessToken: 'tok-cas' })) })
    render(<LoginPage />)

    await waitFor(() => expect(switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' }))
    expect(sent('/api/auth/exchange')[0].body).toEqual({ code: 'handoff-0123456789abcdef' })
    expect(useSessionStore.getState().session?.accessToken).toBe('tok-cas')
  })

  test('a handoff code that no longer works shows the server message on the page', async () => {
    taroTestHarness.setRouterParams({ handoff: 'handoff-0123456789abcdef' })
    serve(CAS, {
      'POST /api/auth/exchange': () => reply.json(400, { code: 'CODE_INVALID', message: '登录凭证无效或已过期，请重新登录' }),
    })
    const { container } = render(<LoginPage />)

    await waitFor(() => expect(container.querySelector('.login-notice')).toHaveTextContent('登录凭证无效或已过期，请重新登录'))
    expect(container.querySelector('.login-unified')).not.toBeNull()
    expect(switchTab).not.toHaveBeenCalled()
  })

  test.each([
    ['TICKET_INVALID', '统一身份认证票据无效或已使用，请重新登录'],
    ['STATE_MISMATCH', '登录请求已过期或不匹配，请重新登录'],
    ['UPSTREAM_UNAVAILABLE', '统一身份认证服务暂时不可用，请稍后重试'],
    ['ACCOUNT_DISABLED', '账号已停用，请联系管理员'],
    ['SOMETHING_NEW', '登录失败，请重试'],
  ])('?error=%s shows “%s”', async (code, message) => {
    taroTestHarness.setRouterParams({ error: code })
    const { requests } = serve(CAS)
    const { container } = await renderLoaded()

    expect(container.querySelector('.login-notice')).toHaveTextContent(message)
    expect(requests.map((request) => request.url)).toEqual(['/api/auth/providers'])
  })

  test('password login stores the session and goes to the service hall', async () => {
    const { sent } = serve(PASSWORD_ONLY, { 'POST /api/auth/login': () => reply.json(200, loginResult({ accessToken: 'tok-login' })) })
    const { container } = await renderLoaded()

    fillAndSubmit(container, ' 2021110101 ', 'campus123')

    await waitFor(() => expect(switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' }))
    expect(sent('/api/auth/login')).toHaveLength(1)
    expect(sent('/api/auth/login')[0]).toMatchObject({ method: 'POST', body: { username: '2021110101', password: 'campus123' } })
    expect(useSessionStore.getState().session).toMatchObject({ accessToken: 'tok-login', refreshToken: 'refresh-abc-0123456789' })
  })

  test('shows the server message when the credentials are wrong, and stays', async () => {
    serve(PASSWORD_ONLY, { 'POST /api/auth/login': () => reply.json(401, { code: 'INVALID_CREDENTIALS', message: '账号或密码错误' }) })
    const { container } = await renderLoaded()

    fillAndSubmit(container, '2021110101', 'wrong')

    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '账号或密码错误' })))
    expect(switchTab).not.toHaveBeenCalled()
    expect(useSessionStore.getState().session).toBeNull()
    await waitFor(() => expect(container.querySelector('.login-submit')).not.toHaveClass('nut-button-disabled'))
  })

  test('when the server cannot be reached, the password form is offered and says so on submit', async () => {
    stubHttp(() => reply.network())
    const { container } = await renderLoaded()

    fillAndSubmit(container, '2021110101', 'campus123')

    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不可用，请检查网络后重试' })),
    )
  })

  test('the button is disabled and loading while the request runs, and a second tap sends nothing', async () => {
    const answer = deferred<StubReply>()
    const { sent } = serve(PASSWORD_ONLY, { 'POST /api/auth/login': () => answer.promise })
    const { container } = await renderLoaded()

    fillAndSubmit(container, '2021110101', 'campus123')
    const button = container.querySelector('.login-submit')
    await waitFor(() => expect(button).toHaveClass('nut-button-disabled', 'nut-button-loading'))
    expect(button).toHaveTextContent('登录中')

    tap(container, '.login-submit')
    expect(sent('/api/auth/login')).toHaveLength(1)

    await act(async () => answer.resolve(reply.json(200, loginResult())))
    await waitFor(() => expect(switchTab).toHaveBeenCalled())
  })

  test('asks for both fields before sending anything', async () => {
    const { sent } = serve(PASSWORD_ONLY)
    const { container } = await renderLoaded()

    typeInto(container, '.login-username', '2021110101')
    tap(container, '.login-submit')

    expect(sent('/api/auth/login')).toHaveLength(0)
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请输入学号 / 工号和密码' }))
  })

  test('someone already signed in is sent on to the service hall', () => {
    useSessionStore.getState().signIn(loginResult())
    const { requests } = serve(CAS)
    render(<LoginPage />)
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
    expect(requests).toHaveLength(0)
  })
})

describe('parent login by SMS', () => {
  async function openParentTab(routes: Parameters<typeof serve>[1] = {}) {
    const server = serve(CAS, routes)
    const view = await renderLoaded()
    tap(view.container, '.login-tab-parent')
    expect(view.container.querySelector('.sms-mobile')).not.toBeNull()
    return { ...server, ...view }
  }

  test('the parent tab shows mobile, code and 获取验证码, and no campus login', async () => {
    const { container } = await openParentTab()

    expect(container.querySelector('.sms-send')).toHaveTextContent('获取验证码')
    expect(container.querySelector('.sms-code [placeholder="6 位验证码"]')).not.toBeNull()
    expect(container.querySelector('.sms-submit')).toHaveTextContent('登录')
    expect(container.querySelector('.login-unified')).toBeNull()
  })

  test('no parent tab when the deployment has no SMS login', async () => {
    serve({ ...CAS, parentSms: false })
    const { container } = await renderLoaded()
    expect(container.querySelector('.login-tab-parent')).toBeNull()
  })

  test('a wrong mobile number costs no SMS', async () => {
    const { container, sent } = await openParentTab()

    typeInto(container, '.sms-mobile', '1380000')
    tap(container, '.sms-send')

    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请输入正确的手机号' }))
    expect(sent('/api/auth/sms/send')).toHaveLength(0)
  })

  test('获取验证码 sends the code and counts down before it can be asked again', async () => {
    const { container, sent } = await openParentTab({ 'POST /api/auth/sms/send': () => reply.json(200, { retryAfter: 60 }) })

    typeInto(container, '.sms-mobile', '13800000001')
    tap(container, '.sms-send')

    await waitFor(() => expect(container.querySelector('.sms-send')).toHaveTextContent('60 秒后重发'))
    expect(sent('/api/auth/sms/send')[0].body).toEqual({ mobile: '13800000001' })
    expect(container.querySelector('.sms-send')).toHaveClass('nut-button-disabled')
    tap(container, '.sms-send')
    expect(sent('/api/auth/sms/send')).toHaveLength(1)
  })

  test('the countdown ends and the button comes back', async () => {
    const { container } = await openParentTab({ 'POST /api/auth/sms/send': () => reply.json(200, { retryAfter: 1 }) })

    typeInto(container, '.sms-mobile', '13800000001')
    tap(container, '.sms-send')

    await waitFor(() => expect(container.querySelector('.sms-send')).toHaveTextContent('1 秒后重发'))
    await waitFor(() => expect(container.querySelector('.sms-send')).toHaveTextContent('获取验证码'), { timeout: 2500 })
    expect(container.querySelector('.sms-send')).not.toHaveClass('nut-button-disabled')
  })

  test('a rate limit shows the server message', async () => {
    const { container } = await openParentTab({
      'POST /api/auth/sms/send': () => reply.json(429, { code: 'RATE_LIMITED', message: '验证码发送过于频繁，请 45 秒后再试' }),
    })

    typeInto(container, '.sms-mobile', '13800000001')
    tap(container, '.sms-send')

    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '验证码发送过于频繁，请 45 秒后再试' })))
    expect(container.querySelector('.sms-send')).toHaveTextContent('获取验证码')
  })

  test('mobile + 6-digit code signs the parent in', async () => {
    const { container, sent } = await openParentTab({
      'POST /api/auth/sms/login': () => reply.json(200, loginResult({ accessToken: 'tok-parent', user: parentMe })),
    })

    typeInto(container, '.sms-mobile', '13800000001')
    typeInto(container, '.sms-code', '12345')
    tap(container, '.sms-submit')
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请输入 6 位验证码' }))

    typeInto(container, '.sms-code', '123456')
    tap(container, '.sms-submit')

    await waitFor(() => expect(switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' }))
    expect(sent('/api/auth/sms/login')).toHaveLength(1)
    expect(sent('/api/auth/sms/login')[0].body).toEqual({ mobile: '13800000001', code: '123456' })
    expect(useSessionStore.getState().session?.user.kind).toBe('parent')
  })
})
