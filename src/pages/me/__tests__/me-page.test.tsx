import { render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResponse, studentMe } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp } from '../../../../tests/setup/http-stub'
import { tap } from '../../../../tests/setup/taro-test-harness'
import MePage from '../index'

let reLaunch: jest.SpyInstance

beforeEach(() => {
  useSessionStore.getState().signIn(loginResponse({ accessToken: 'tok-me' }))
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'pages/me/index' } as Taro.Page])
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
})

afterEach(restoreHttp)

test('shows name, number, role labels and where the user belongs', async () => {
  stubHttp(() => reply.json(200, studentMe))
  const { container } = render(<MePage />)

  expect(container.querySelector('.me-name')).toHaveTextContent('李同学')
  expect(container.querySelector('.me-number')).toHaveTextContent('学号 2021110101')
  expect(screen.getByText('学生')).toHaveClass('me-role')
  expect(screen.getByText('计算机学院')).toBeInTheDocument()
  expect(screen.getByText('软件2101班')).toBeInTheDocument()
  await waitFor(() => expect(useSessionStore.getState().session?.user).toEqual(studentMe))
})

test('refreshes the profile from /api/me when shown', async () => {
  const { requests } = stubHttp(() => reply.json(200, { ...studentMe, roles: ['student', 'counselor'] }))
  render(<MePage />)

  await screen.findByText('辅导员')
  expect(requests[0]).toMatchObject({ method: 'GET', url: '/api/me' })
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

test('logging out offline still logs out', async () => {
  stubHttp(() => reply.network())
  const { container } = render(<MePage />)

  tap(container, '.me-logout')

  await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' }))
  expect(useSessionStore.getState().session).toBeNull()
})
