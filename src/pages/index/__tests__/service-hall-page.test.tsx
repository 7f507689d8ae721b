import { act, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Catalog } from '@contract/api'
import { useSessionStore } from '@/shared/session/session-store'
import { demoCatalog, loginResult } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp, type StubReply } from '../../../../tests/setup/http-stub'
import { taroTestHarness, typeInto } from '../../../../tests/setup/taro-test-harness'
import ServiceHallPage from '../index'

let navigateTo: jest.SpyInstance
let showToast: jest.SpyInstance
let showModal: jest.SpyInstance

beforeEach(() => {
  useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-hall' }))
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'pages/index/index' } as Taro.Page])
  jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  jest.spyOn(Taro, 'stopPullDownRefresh').mockImplementation(() => undefined)
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
})

afterEach(restoreHttp)

function serveCatalog(catalog: Catalog | (() => StubReply)) {
  return stubHttp((request) => {
    if (request.method === 'GET' && request.url === '/api/services') {
      return typeof catalog === 'function' ? catalog() : reply.json(200, catalog)
    }
    return reply.json(404, { code: 'NOT_FOUND', message: '接口不存在' })
  })
}

function serviceNames(container: HTMLElement) {
  return [...container.querySelectorAll('.service-item .nut-grid-item-text')].map((node) => node.textContent)
}

function serviceItem(name: string) {
  const item = screen.getByText(name).closest('.service-item')
  if (!item) throw new Error(`no service item for ${name}`)
  return item as HTMLElement
}

test('greets the user and shows categories in order with their services, for this platform', async () => {
  const { requests } = serveCatalog(demoCatalog)
  const { container } = render(<ServiceHallPage />)

  expect(container.querySelector('.hall-greeting')).toHaveTextContent('李同学')
  await screen.findByText('报修')

  const titles = [...container.querySelectorAll('.hall-section__title')].map((node) => node.textContent)
  expect(titles).toEqual(['生活服务', '学习服务'])
  // the offline service is left out
  expect(serviceNames(container)).toEqual(['报修', '离返校', '健步走', '图书馆', '教室借用'])
  expect(requests[0].params).toEqual({ platform: 'h5' })
  expect(requests[0].headers.Authorization).toBe('Bearer tok-hall')
})

test('an unknown icon key falls back to the first character', async () => {
  serveCatalog(demoCatalog)
  render(<ServiceHallPage />)
  const library = await waitFor(() => serviceItem('图书馆'))
  expect(within(library).getByText('图')).toHaveClass('service-icon__letter')
  expect(serviceItem('报修').querySelector('.service-glyph--repairman')).not.toBeNull()
})

test('shows skeletons while loading', () => {
  stubHttp(() => new Promise(() => undefined))
  const { container } = render(<ServiceHallPage />)
  expect(container.querySelector('.hall-skeleton')).not.toBeNull()
  expect(container.querySelector('.service-item')).toBeNull()
})

test('an empty catalog shows the empty state', async () => {
  serveCatalog({ categories: [{ id: 'life', name: '生活服务', sort: 1 }], services: [] })
  const { container } = render(<ServiceHallPage />)
  await screen.findByText('暂无可用服务')
  expect(container.querySelector('.empty-block')).not.toBeNull()
  expect(container.querySelector('.retry-button')).toBeNull()
})

test('a network failure shows the retry state, and 重试 loads the catalog', async () => {
  let online = false
  serveCatalog(() => (online ? reply.json(200, demoCatalog) : reply.network()))
  const { container } = render(<ServiceHallPage />)

  await screen.findByText('网络不可用，请检查网络后重试')
  const retry = container.querySelector('.retry-button')
  expect(retry).toHaveTextContent('重试')

  online = true
  act(() => {
    retry?.dispatchEvent(new MouseEvent('click', { bubbles: true }))
  })
  expect(container.querySelector('.hall-skeleton')).not.toBeNull()
  await screen.findByText('报修')
  expect(container.querySelector('.error-block')).toBeNull()
})

test('a timeout shows the retry state with the timeout message', async () => {
  serveCatalog(() => reply.timeout())
  const { container } = render(<ServiceHallPage />)
  await screen.findByText('请求超时，请稍后重试')
  expect(container.querySelector('.retry-button')).not.toBeNull()
})

test('pull-to-refresh reloads the catalog and stops the spinner', async () => {
  let catalog = demoCatalog
  serveCatalog(() => reply.json(200, catalog))
  render(<ServiceHallPage />)
  await screen.findByText('报修')

  catalog = { ...demoCatalog, services: [...demoCatalog.services, { ...demoCatalog.services[0], id: 'card', name: '校园卡' }] }
  await act(() => taroTestHarness.triggerPullDownRefresh())

  await screen.findByText('校园卡')
  expect(Taro.stopPullDownRefresh).toHaveBeenCalled()
})

test('a failed refresh keeps the services on screen and toasts the error', async () => {
  let online = true
  serveCatalog(() => (online ? reply.json(200, demoCatalog) : reply.network()))
  render(<ServiceHallPage />)
  await screen.findByText('报修')

  online = false
  await act(() => taroTestHarness.triggerPullDownRefresh())

  expect(screen.getByText('报修')).toBeInTheDocument()
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不可用，请检查网络后重试' }))
})

test('the search box filters services by name', async () => {
  serveCatalog(demoCatalog)
  const { container } = render(<ServiceHallPage />)
  await screen.findByText('报修')

  typeInto(container, '.hall-search', '借用')
  expect(serviceNames(container)).toEqual(['教室借用'])

  typeInto(container, '.hall-search', '不存在的服务')
  await screen.findByText('没有找到相关服务')
})

describe('tapping a service', () => {
  beforeEach(async () => {
    serveCatalog(demoCatalog)
    render(<ServiceHallPage />)
    await screen.findByText('报修')
  })

  test('a micro-app opens its subpackage page with key and name', async () => {
    const item = serviceItem('离返校')
    act(() => item.click())
    await waitFor(() =>
      expect(navigateTo).toHaveBeenCalledWith({
        url: `/packages/microapp/pages/index/index?key=leave&name=${encodeURIComponent('离返校')}`,
      }),
    )
  })

  test('a service under maintenance shows its message instead of opening', async () => {
    const item = serviceItem('教室借用')
    act(() => item.click())
    await waitFor(() =>
      expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '系统升级中，预计 18:00 恢复' })),
    )
    expect(navigateTo).not.toHaveBeenCalled()
  })

  test('a DingTalk-only service says where to open it', async () => {
    const item = serviceItem('健步走')
    act(() => item.click())
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请在钉钉工作台中打开' })),
    )
    expect(navigateTo).not.toHaveBeenCalled()
  })

  test('a link opens through the platform adapter (a new tab on H5)', async () => {
    const open = jest.spyOn(window, 'open').mockReturnValue({ opener: window } as Window)
    const item = serviceItem('图书馆')
    act(() => item.click())
    await waitFor(() => expect(open).toHaveBeenCalledWith('https://lib.example.edu.cn', '_blank'))
  })
})

test('without a session it renders nothing and sends the user to log in', async () => {
  useSessionStore.getState().signOut()
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'pages/index/index' } as Taro.Page])
  const { requests } = serveCatalog(demoCatalog)
  const { container } = render(<ServiceHallPage />)

  await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' }))
  expect(container.querySelector('.hall-greeting')).toBeNull()
  expect(requests).toHaveLength(0)
})
