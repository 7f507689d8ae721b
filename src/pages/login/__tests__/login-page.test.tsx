import { act, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResponse } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp, type StubReply } from '../../../../tests/setup/http-stub'
import { deferred, tap, typeInto } from '../../../../tests/setup/taro-test-harness'
import LoginPage from '../index'

let switchTab: jest.SpyInstance
let showToast: jest.SpyInstance

beforeEach(() => {
  useSessionStore.getState().signOut()
  switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'pages/login/index' } as Taro.Page])
})

afterEach(restoreHttp)

function fillAndSubmit(container: HTMLElement, username: string, password: string) {
  typeInto(container, '.login-username', username)
  typeInto(container, '.login-password', password)
  tap(container, '.login-submit')
}

test('shows the school, both fields and the login button', () => {
  const { container } = render(<LoginPage />)

  expect(screen.getByText('智慧校园')).toBeInTheDocument()
  expect(container.querySelector('.login-username [placeholder="学号 / 工号"]')).not.toBeNull()
  expect(container.querySelector('.login-password [placeholder="密码"]')).not.toBeNull()
  expect(container.querySelector('.login-submit')).toHaveTextContent('登录')
})

test('signs in, stores the session and goes to the service hall', async () => {
  const { requests } = stubHttp(() => reply.json(200, loginResponse({ accessToken: 'tok-login' })))
  const { container } = render(<LoginPage />)

  fillAndSubmit(container, ' 2021110101 ', 'campus123')

  await waitFor(() => expect(switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' }))
  expect(requests).toHaveLength(1)
  expect(requests[0]).toMatchObject({
    method: 'POST',
    url: '/api/auth/login',
    body: { username: '2021110101', password: 'campus123' },
  })
  expect(useSessionStore.getState().session?.accessToken).toBe('tok-login')
})

test('shows the server message when the credentials are wrong, and stays', async () => {
  stubHttp(() => reply.json(401, { code: 'INVALID_CREDENTIALS', message: '账号或密码错误' }))
  const { container } = render(<LoginPage />)

  fillAndSubmit(container, '2021110101', 'wrong')

  await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '账号或密码错误' })))
  expect(switchTab).not.toHaveBeenCalled()
  expect(useSessionStore.getState().session).toBeNull()
  await waitFor(() => expect(container.querySelector('.login-submit')).not.toHaveClass('nut-button-disabled'))
})

test('shows the network message when the server cannot be reached', async () => {
  stubHttp(() => reply.network())
  const { container } = render(<LoginPage />)

  fillAndSubmit(container, '2021110101', 'campus123')

  await waitFor(() =>
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不可用，请检查网络后重试' })),
  )
})

test('the button is disabled and loading while the request runs, and a second tap sends nothing', async () => {
  const answer = deferred<StubReply>()
  const { requests } = stubHttp(() => answer.promise)
  const { container } = render(<LoginPage />)

  fillAndSubmit(container, '2021110101', 'campus123')
  const button = container.querySelector('.login-submit')
  await waitFor(() => expect(button).toHaveClass('nut-button-disabled', 'nut-button-loading'))
  expect(button).toHaveTextContent('登录中')

  tap(container, '.login-submit')
  expect(requests).toHaveLength(1)

  await act(async () => answer.resolve(reply.json(200, loginResponse())))
  await waitFor(() => expect(switchTab).toHaveBeenCalled())
})

test('asks for both fields before sending anything', () => {
  const { requests } = stubHttp(() => reply.json(200, loginResponse()))
  const { container } = render(<LoginPage />)

  typeInto(container, '.login-username', '2021110101')
  tap(container, '.login-submit')

  expect(requests).toHaveLength(0)
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请输入学号 / 工号和密码' }))
})

test('someone already signed in is sent on to the service hall', () => {
  useSessionStore.getState().signIn(loginResponse())
  render(<LoginPage />)
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
})
