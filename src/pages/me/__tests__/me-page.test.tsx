import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { MeDetail } from '@contract/auth'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResult, parentMe, studentMe } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp, type StubReply, type StubRequest } from '../../../../tests/setup/http-stub'
import { tap } from '../../../../tests/setup/taro-test-harness'
import MePage from '../index'

let reLaunch: jest.SpyInstance
let showModal: jest.SpyInstance
let showToast: jest.SpyInstance

const boundStudent: MeDetail = {
  ...studentMe,
  roles: ['student', 'dispatcher'],
  bindings: [{ provider: 'wechat', boundAt: '2025-09-01T08:00:00.000Z' }],
}

function signInAs(user: MeDetail) {
  useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-me', user }))
}

beforeEach(() => {
  signInAs(studentMe)
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'pages/me/index' } as Taro.Page])
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

/** Lets answers in flight (every render refreshes the profile from /api/me) land inside act. */
async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 30))
  })
}

afterEach(async () => {
  await settle()
  restoreHttp()
})

/** GET /api/me answers `me`; other routes as given. */
function serve(me: MeDetail, routes: Record<string, (request: StubRequest) => StubReply> = {}) {
  return stubHttp((request) => {
    const route = routes[`${request.method} ${request.url}`]
    if (route) return route(request)
    if (request.method === 'GET' && request.url === '/api/me') return reply.json(200, me)
    return reply.json(404, { code: 'NOT_FOUND', message: '接口不存在' })
  })
}

test('shows name, number, every role label and where the user belongs', async () => {
  signInAs(boundStudent)
  serve(boundStudent)
  const { container } = render(<MePage />)

  expect(container.querySelector('.me-name')).toHaveTextContent('李同学')
  expect(container.querySelector('.me-number')).toHaveTextContent('学号 2021110101')
  expect(screen.getByText('学生')).toHaveClass('me-role')
  expect(screen.getByText('报修调度')).toHaveClass('me-role')
  expect(screen.getByText('计算机学院')).toBeInTheDocument()
  expect(screen.getByText('软件2101班')).toBeInTheDocument()
  await waitFor(() => expect(useSessionStore.getState().session?.user).toEqual(boundStudent))
})

test('refreshes the profile from /api/me when shown', async () => {
  const { requests } = serve({ ...studentMe, roles: ['student', 'counselor'] })
  render(<MePage />)

  await screen.findByText('辅导员')
  expect(requests[0]).toMatchObject({ method: 'GET', url: '/api/me' })
})

describe('bound accounts', () => {
  test('lists each binding with the day it was made', async () => {
    signInAs(boundStudent)
    serve(boundStudent)
    const { container } = render(<MePage />)

    const binding = container.querySelector('.me-binding') as HTMLElement
    expect(within(binding).getByText('微信')).toBeInTheDocument()
    expect(binding).toHaveTextContent('2025年9月1日 绑定')
    expect(binding.querySelector('.me-unbind')).toHaveTextContent('解除绑定')
    await settle()
  })

  test('says so when nothing is bound', async () => {
    serve(studentMe)
    const { container } = render(<MePage />)
    expect(container.querySelector('.me-binding')).toBeNull()
    expect(container.querySelector('.me-bindings')).toHaveTextContent('尚未绑定微信或钉钉')
    await settle()
  })

  test('解除绑定 asks first, then unbinds, signs out and goes to the login page', async () => {
    signInAs(boundStudent)
    const { requests } = serve(boundStudent, { 'DELETE /api/me/bindings/wechat': () => reply.json(204) })
    const { container } = render(<MePage />)

    tap(container, '.me-unbind')

    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' }))
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '解除微信绑定', confirmText: '解除绑定' }))
    expect(requests.find((request) => request.method === 'DELETE')).toMatchObject({
      url: '/api/me/bindings/wechat',
      headers: { Authorization: 'Bearer tok-me' },
    })
    expect(useSessionStore.getState().session).toBeNull()
  })

  test('cancelling the dialog unbinds nothing', async () => {
    signInAs(boundStudent)
    showModal.mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    const { requests } = serve(boundStudent)
    const { container } = render(<MePage />)

    tap(container, '.me-unbind')

    await waitFor(() => expect(showModal).toHaveBeenCalled())
    await settle()
    expect(requests.filter((request) => request.method === 'DELETE')).toHaveLength(0)
    expect(useSessionStore.getState().session).not.toBeNull()
  })

  test('a refused unbind shows the message and stays signed in', async () => {
    signInAs(boundStudent)
    serve(boundStudent, {
      'DELETE /api/me/bindings/wechat': () => reply.json(404, { code: 'NOT_FOUND', message: '该账号未绑定微信' }),
    })
    const { container } = render(<MePage />)

    tap(container, '.me-unbind')

    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该账号未绑定微信' })))
    expect(useSessionStore.getState().session).not.toBeNull()
    expect(reLaunch).not.toHaveBeenCalled()
  })
})

describe('students: what parents may see', () => {
  test('shows both switches with the server’s values and saves a change', async () => {
    const { requests } = serve(studentMe, {
      'PUT /api/me/parent-visibility': (request) => reply.json(200, { ...studentMe, parentVisibility: request.body }),
    })
    const { container } = render(<MePage />)

    const leave = container.querySelector('.me-visibility-leaveStatus .nut-switch') as HTMLElement
    const portrait = container.querySelector('.me-visibility-portrait .nut-switch') as HTMLElement
    expect(container.querySelector('.me-visibility')).toHaveTextContent('离返校状态')
    expect(container.querySelector('.me-visibility')).toHaveTextContent('学业画像')
    expect(leave).not.toHaveClass('nut-switch-close')
    expect(portrait).toHaveClass('nut-switch-close')

    tap(container, '.me-visibility-portrait .nut-switch')

    await waitFor(() => expect(container.querySelector('.me-visibility-portrait .nut-switch')).not.toHaveClass('nut-switch-close'))
    expect(requests.find((request) => request.method === 'PUT')).toMatchObject({
      url: '/api/me/parent-visibility',
      body: { leaveStatus: true, portrait: true },
    })
    expect(useSessionStore.getState().session?.user.parentVisibility).toEqual({ leaveStatus: true, portrait: true })
  })

  test('a failed save leaves the switch as it was and says why', async () => {
    serve(studentMe, { 'PUT /api/me/parent-visibility': () => reply.network() })
    const { container } = render(<MePage />)

    tap(container, '.me-visibility-leaveStatus .nut-switch')

    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不可用，请检查网络后重试' })),
    )
    expect(container.querySelector('.me-visibility-leaveStatus .nut-switch')).not.toHaveClass('nut-switch-close')
  })

  test('staff see no parent settings and no child switcher', async () => {
    const teacher: MeDetail = { ...studentMe, kind: 'staff', roles: ['teacher'], parentVisibility: undefined }
    signInAs(teacher)
    serve(teacher)
    const { container } = render(<MePage />)
    expect(container.querySelector('.me-visibility')).toBeNull()
    expect(container.querySelector('.me-child-switcher')).toBeNull()
    expect(container.querySelector('.me-number')).toHaveTextContent('工号')
    await settle()
  })
})

describe('parents: the child switcher', () => {
  beforeEach(() => signInAs(parentMe))

  test('lists the children and names the active one', async () => {
    serve(parentMe)
    const { container } = render(<MePage />)

    const switcher = container.querySelector('.me-child-switcher') as HTMLElement
    expect(switcher.querySelectorAll('.me-child')).toHaveLength(2)
    expect(switcher.querySelector('.me-child-name')).toHaveTextContent('李同学')
    expect(switcher).toHaveTextContent('软件2101班')
    // parents have nothing to bind and no visibility settings of their own
    expect(container.querySelector('.me-bindings')).toBeNull()
    expect(container.querySelector('.me-visibility')).toBeNull()
    await settle()
  })

  test('tapping another child makes it the active one on the server', async () => {
    const { requests } = serve(parentMe, {
      'PUT /api/me/active-child': (request) =>
        reply.json(200, { ...parentMe, activeChildId: (request.body as { studentId: string }).studentId }),
    })
    const { container } = render(<MePage />)

    const other = [...container.querySelectorAll('.me-child')].find((node) => node.textContent?.includes('李小妹')) as HTMLElement
    fireEvent.click(other)

    await waitFor(() => expect(container.querySelector('.me-child-name')).toHaveTextContent('李小妹'))
    expect(requests.find((request) => request.method === 'PUT')).toMatchObject({
      url: '/api/me/active-child',
      body: { studentId: 'u-1002' },
    })
    expect(useSessionStore.getState().session?.user.activeChildId).toBe('u-1002')
  })

  test('tapping the active child sends nothing', async () => {
    const { requests } = serve(parentMe)
    const { container } = render(<MePage />)

    tap(container, '.me-child--active')
    await settle()
    expect(requests.filter((request) => request.method === 'PUT')).toHaveLength(0)
  })
})

test('退出登录 tells the server, forgets the session and returns to the login page', async () => {
  const { requests } = stubHttp((request) => (request.url === '/api/auth/logout' ? reply.json(204) : reply.json(200, studentMe)))
  const { container } = render(<MePage />)

  tap(container, '.me-logout')

  await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' }))
  const logout = requests.find((request) => request.url === '/api/auth/logout')
  expect(logout).toMatchObject({ method: 'POST', headers: { Authorization: 'Bearer tok-me' } })
  expect(useSessionStore.getState().session).toBeNull()
})

test('退出登录 with an expired access token renews it first, so the server can end the session', async () => {
  useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-old', expiresIn: 60 }), Date.now() - 120_000)
  const { requests } = stubHttp((request) => {
    if (request.url === '/api/auth/refresh') return reply.json(200, { ...loginResult({ accessToken: 'tok-new' }), user: undefined })
    return request.url === '/api/auth/logout' ? reply.json(204) : reply.json(200, studentMe)
  })
  const { container } = render(<MePage />)

  tap(container, '.me-logout')

  await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' }))
  expect(requests.find((request) => request.url === '/api/auth/logout')?.headers.Authorization).toBe('Bearer tok-new')
  expect(useSessionStore.getState().session).toBeNull()
})

test('logging out offline still logs out', async () => {
  stubHttp(() => reply.network())
  const { container } = render(<MePage />)

  tap(container, '.me-logout')

  await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' }))
  expect(useSessionStore.getState().session).toBeNull()
})
