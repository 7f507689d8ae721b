import { render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResult } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp, type StubReply, type StubRequest } from '../../../../tests/setup/http-stub'
import { taroTestHarness, tap, typeInto } from '../../../../tests/setup/taro-test-harness'

// The binding page only ever opens inside WeChat / DingTalk; H5 is what jest runs by default.
const mockPlatform = { current: 'weapp' as 'weapp' | 'h5' }
jest.mock('@/shared/platform', () => ({
  get platformAdapter() {
    return mockPlatform.current === 'weapp'
      ? jest.requireActual('../../../shared/platform/index.weapp').platformAdapter
      : jest.requireActual('../../../shared/platform/index.h5').platformAdapter
  },
}))

import BindPage from '../index'

const TICKET = 'bind-ticket-0123456789'

let switchTab: jest.SpyInstance
let showToast: jest.SpyInstance

beforeEach(() => {
  mockPlatform.current = 'weapp'
  useSessionStore.getState().signOut()
  taroTestHarness.setRouterParams({ ticket: TICKET, verifyWith: 'cas' })
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'pages/bind/index' } as Taro.Page])
  switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'login').mockResolvedValue({ code: 'wx-code-2', errMsg: 'login:ok' })
})

afterEach(() => {
  restoreHttp()
  taroTestHarness.reset()
})

function serve(routes: Record<string, (request: StubRequest) => StubReply>) {
  return stubHttp((request) => routes[`${request.method} ${request.url}`]?.(request) ?? reply.json(404, { code: 'NOT_FOUND', message: '接口不存在' }))
}

function fillAndSubmit(container: HTMLElement) {
  typeInto(container, '.bind-username', ' 2023010101 ')
  typeInto(container, '.bind-password', 'campus123')
  tap(container, '.bind-submit')
}

test('explains why, and asks for the unified identity account', () => {
  const { container } = render(<BindPage />)

  expect(screen.getByText('首次使用请绑定校园身份')).toBeInTheDocument()
  expect(container).toHaveTextContent('统一身份认证账号')
  expect(container).toHaveTextContent('微信')
  expect(container.querySelector('.bind-username [placeholder="学号 / 工号"]')).not.toBeNull()
  expect(container.querySelector('.bind-password [placeholder="统一身份认证密码"]')).not.toBeNull()
  expect(container.querySelector('.bind-submit')).toHaveTextContent('绑定并登录')
})

test('with the built-in directory it asks for the campus account', () => {
  taroTestHarness.setRouterParams({ ticket: TICKET, verifyWith: 'password' })
  const { container } = render(<BindPage />)
  expect(container).toHaveTextContent('校园账号')
  expect(container).not.toHaveTextContent('统一身份认证账号')
})

test('绑定并登录 binds with the ticket, stores the session and opens the service hall', async () => {
  const { requests } = serve({ 'POST /api/auth/bind': () => reply.json(200, loginResult({ accessToken: 'tok-bound' })) })
  const { container } = render(<BindPage />)

  fillAndSubmit(container)

  await waitFor(() => expect(switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' }))
  expect(requests).toHaveLength(1)
  expect(requests[0].body).toEqual({ bindTicket: TICKET, username: '2023010101', password: 'campus123' })
  expect(useSessionStore.getState().session?.accessToken).toBe('tok-bound')
})

test('a wrong password is shown and the page stays', async () => {
  serve({ 'POST /api/auth/bind': () => reply.json(401, { code: 'INVALID_CREDENTIALS', message: '账号或密码错误' }) })
  const { container } = render(<BindPage />)

  fillAndSubmit(container)

  await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '账号或密码错误' })))
  expect(switchTab).not.toHaveBeenCalled()
  expect(useSessionStore.getState().session).toBeNull()
})

test('asks for both fields before sending anything', () => {
  const { requests } = serve({})
  const { container } = render(<BindPage />)

  tap(container, '.bind-submit')

  expect(requests).toHaveLength(0)
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请输入账号和密码' }))
})

test('an expired ticket is renewed with a fresh WeChat login code, without retyping', async () => {
  const { requests } = serve({
    'POST /api/auth/bind': (request) =>
      (request.body as { bindTicket: string }).bindTicket === TICKET
        ? reply.json(400, { code: 'BIND_TICKET_INVALID', message: '绑定已过期，请重新进入' })
        : reply.json(200, loginResult({ accessToken: 'tok-renewed' })),
    'POST /api/auth/wechat': () =>
      reply.json(200, { status: 'needs_binding', bindTicket: 'bind-ticket-renewed-0123', verifyWith: 'cas' }),
  })
  const { container } = render(<BindPage />)

  fillAndSubmit(container)

  await waitFor(() => expect(switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' }))
  expect(requests.map((request) => request.url)).toEqual(['/api/auth/bind', '/api/auth/wechat', '/api/auth/bind'])
  expect(requests[1].body).toEqual({ code: 'wx-code-2' })
  expect(requests[2].body).toMatchObject({ bindTicket: 'bind-ticket-renewed-0123' })
  expect(useSessionStore.getState().session?.accessToken).toBe('tok-renewed')
})

test('opened in a browser without a ticket, it says where to bind instead of failing silently', async () => {
  mockPlatform.current = 'h5'
  taroTestHarness.setRouterParams({})
  const { requests } = serve({})
  const { container } = render(<BindPage />)

  fillAndSubmit(container)

  await waitFor(() =>
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请在微信或钉钉中打开智慧校园完成绑定' })),
  )
  expect(requests).toHaveLength(0)
})

test('someone already signed in goes to the service hall', () => {
  useSessionStore.getState().signIn(loginResult())
  render(<BindPage />)
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
})
