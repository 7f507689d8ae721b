import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useSessionStore } from '@/shared/session/session-store'
import { demoCatalog, loginResult } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp, type StubReply } from '../../../../tests/setup/http-stub'
import { deferred } from '../../../../tests/setup/taro-test-harness'
import AllServicesPage from '../pages/all/index'

let navigateTo: jest.SpyInstance

beforeEach(() => {
  useSessionStore.getState().signIn(loginResult())
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'packages/hall/pages/all/index' } as Taro.Page])
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
})
afterEach(restoreHttp)

function serve(favorite: () => StubReply | Promise<StubReply> = () => reply.json(200, { services: [] })) {
  return stubHttp((request) => {
    if (request.url === '/api/services') return reply.json(200, demoCatalog)
    if (request.url === '/api/me/favorites') return reply.json(200, { services: [demoCatalog.services[0]] })
    if (request.url.startsWith('/api/me/favorites/')) return favorite()
    if (request.method === 'POST') return reply.json(204)
    return reply.json(404, { code: 'NOT_FOUND', message: '接口不存在' })
  })
}

const tile = (container: HTMLElement, id: string) => container.querySelector(`[data-service="${id}"]`) as HTMLElement

test('lists every category with its services; a tap opens the service', async () => {
  serve()
  const { container } = render(<AllServicesPage />)
  await screen.findByText('报修')
  const titles = [...container.querySelectorAll('.hall-card__title')].map((node) => node.textContent?.replace(/\s*\d+$/, ''))
  // in the server's order
  expect(titles).toEqual(['学习服务', '生活服务'])
  expect(container.querySelector('[data-service="old-portal"]')).toBeNull()
  fireEvent.click(tile(container, 'leave'))
  await waitFor(() => expect(navigateTo).toHaveBeenCalled())
})

test('in edit mode a tap adds or removes a favorite on the server; a double tap sends once', async () => {
  const pending = deferred<StubReply>()
  const { requests } = serve(() => pending.promise)
  const { container } = render(<AllServicesPage />)
  await screen.findByText('报修')
  fireEvent.click(screen.getByText('编辑收藏'))
  expect(tile(container, 'repair').querySelector('.favorite-star--on')).not.toBeNull()
  expect(tile(container, 'leave').querySelector('.favorite-star--on')).toBeNull()

  fireEvent.click(tile(container, 'leave'))
  fireEvent.click(tile(container, 'leave'))
  expect(tile(container, 'leave').querySelector('.favorite-star--on')).not.toBeNull()
  pending.resolve(reply.json(200, { services: [] }))
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已收藏' })))
  expect(requests.filter((request) => request.method === 'PUT' && request.url === '/api/me/favorites/leave')).toHaveLength(1)
  expect(navigateTo).not.toHaveBeenCalled()
})

test('a failed change puts the star back and says why', async () => {
  serve(() => reply.network())
  const { container } = render(<AllServicesPage />)
  await screen.findByText('报修')
  fireEvent.click(screen.getByText('编辑收藏'))
  fireEvent.click(tile(container, 'repair'))
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不可用，请检查网络后重试' })))
  expect(tile(container, 'repair').querySelector('.favorite-star--on')).not.toBeNull()
})
