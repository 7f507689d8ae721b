import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResult, service } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp } from '../../../../tests/setup/http-stub'
import FavoritesPage, { move } from '../pages/favorites/index'

const favorites = [service({ id: 'a', name: '报修' }), service({ id: 'b', name: '成绩单' }), service({ id: 'c', name: '校车' })]

beforeEach(() => {
  useSessionStore.getState().signIn(loginResult())
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'packages/hall/pages/favorites/index' } as Taro.Page])
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})
afterEach(restoreHttp)

const order = (container: HTMLElement) => [...container.querySelectorAll('.favorite-row__name')].map((node) => node.textContent)

test('move keeps the list inside its bounds', () => {
  expect(move([1, 2, 3], 2, -1)).toEqual([1, 3, 2])
  expect(move([1, 2, 3], 0, -1)).toEqual([1, 2, 3])
})

test('moves a favorite up and removes one, on the server', async () => {
  const { requests } = stubHttp((request) => {
    if (request.method === 'GET') return reply.json(200, { services: favorites })
    return reply.json(request.method === 'DELETE' ? 204 : 200, { services: favorites })
  })
  const { container } = render(<FavoritesPage />)
  await screen.findByText('成绩单')

  fireEvent.click(container.querySelectorAll('[aria-label="上移"]')[2]!)
  expect(order(container)).toEqual(['报修', '校车', '成绩单'])
  await waitFor(() => expect(requests.some((request) => request.method === 'PUT')).toBe(true))
  expect(requests.find((request) => request.method === 'PUT')?.body).toEqual({ serviceIds: ['a', 'c', 'b'] })

  await waitFor(() => expect(container.querySelector('.favorite-row__button--off[aria-label="移除"]')).toBeNull())
  fireEvent.click(container.querySelectorAll('[aria-label="移除"]')[0]!)
  expect(order(container)).toEqual(['校车', '成绩单'])
  await waitFor(() => expect(requests.some((request) => request.method === 'DELETE' && request.url === '/api/me/favorites/a')).toBe(true))
})

test('a failed reorder puts the list back', async () => {
  stubHttp((request) => (request.method === 'GET' ? reply.json(200, { services: favorites }) : reply.network()))
  const { container } = render(<FavoritesPage />)
  await screen.findByText('成绩单')
  fireEvent.click(container.querySelectorAll('[aria-label="下移"]')[0]!)
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalled())
  expect(order(container)).toEqual(['报修', '成绩单', '校车'])
})

test('no favorites yet says how to add them', async () => {
  stubHttp(() => reply.json(200, { services: [] }))
  render(<FavoritesPage />)
  await screen.findByText('还没有收藏的服务')
})
