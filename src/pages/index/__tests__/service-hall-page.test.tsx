import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Home, ServiceTile } from '@contract/catalog'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResult, service, studentMe } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp, type StubReply, type StubRequest } from '../../../../tests/setup/http-stub'
import { taroTestHarness } from '../../../../tests/setup/taro-test-harness'
import { homeCacheKey } from '../home-cache'
import ServiceHallPage from '../index'

let navigateTo: jest.SpyInstance
let showToast: jest.SpyInstance
let showModal: jest.SpyInstance
let setTabBarBadge: jest.SpyInstance
let removeTabBarBadge: jest.SpyInstance

const tile = (overrides: Parameters<typeof service>[0]): ServiceTile => {
  const { description: _d, department: _p, ...rest } = service(overrides)
  return rest
}

const home: Home = {
  version: 7,
  categories: [
    { id: 'life', name: '生活服务', count: 3 },
    { id: 'study', name: '学习服务', count: 2 },
  ],
  firstCategory: {
    services: [
      tile({ id: 'repair', name: '报修', icon: 'repair' }),
      tile({ id: 'card', name: '一卡通', icon: 'card', status: 'maintenance', statusMessage: '系统升级中，预计 20:00 恢复' }),
      tile({ id: 'walk', name: '健步走', icon: 'walk', platforms: ['dd'] }),
    ],
  },
  favorites: [tile({ id: 'leave', name: '离返校', icon: 'leave' })],
  recent: [tile({ id: 'repair', name: '报修', icon: 'repair' })],
  hot: [tile({ id: 'transcript', name: '成绩单', icon: 'doc', kind: 'link', target: 'https://jw.example.edu.cn' })],
  notices: [{ id: 'n1', title: '寒假离返校安排', body: '1 月 10 日起可提交离校申请', level: 'info', startsAt: '2026-12-01T00:00:00.000Z' }],
}

const study = { services: [tile({ id: 'library', name: '图书馆', icon: 'book' }), tile({ id: 'classroom', name: '教室借用', icon: 'room' })] }

beforeEach(() => {
  Taro.clearStorageSync()
  useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-hall' }))
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'pages/index/index' } as Taro.Page])
  jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  jest.spyOn(Taro, 'stopPullDownRefresh').mockImplementation(() => undefined)
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
  setTabBarBadge = jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'setTabBarBadge:ok' })
  removeTabBarBadge = jest.spyOn(Taro, 'removeTabBarBadge').mockResolvedValue({ errMsg: 'removeTabBarBadge:ok' })
})

afterEach(restoreHttp)

interface Server {
  home?: () => StubReply
  category?: (id: string) => StubReply
  todo?: number
}

function serve(server: Server = {}) {
  return stubHttp((request: StubRequest) => {
    if (request.method === 'GET' && request.url === '/api/home') return server.home ? server.home() : reply.json(200, home)
    if (request.method === 'GET' && request.url === '/api/me/badges') return reply.json(200, { todo: server.todo ?? 0, unreadMessages: 0 })
    const category = /^\/api\/categories\/([^/]+)\/services$/.exec(request.url)
    if (request.method === 'GET' && category) return server.category ? server.category(category[1]) : reply.json(200, study)
    if (request.method === 'POST' && /^\/api\/services\/[^/]+\/open$/.test(request.url)) return reply.json(204)
    return reply.json(404, { code: 'NOT_FOUND', message: '接口不存在' })
  })
}

const section = (container: HTMLElement, className: string) => {
  const node = container.querySelector(`.${className}`)
  if (!node) throw new Error(`no .${className}`)
  return node as HTMLElement
}
const names = (node: ParentNode) => [...node.querySelectorAll('.service-item__name')].map((item) => item.textContent)
const tileOf = (container: HTMLElement, id: string) => {
  const node = container.querySelector(`.hall-categories [data-service="${id}"]`)
  if (!node) throw new Error(`no tile ${id}`)
  return node as HTMLElement
}

test('greets the user and shows notices, favorites, recent, hot and the first category tab', async () => {
  const { requests } = serve()
  const { container } = render(<ServiceHallPage />)
  expect(container.querySelector('.hall-greeting')).toHaveTextContent('李同学')

  await waitFor(() => section(container, 'hall-categories'))
  expect(screen.getByText('寒假离返校安排')).toBeInTheDocument()
  expect(names(section(container, 'hall-favorites'))).toEqual(['离返校'])
  expect(names(section(container, 'hall-recent'))).toEqual(['报修'])
  expect([...section(container, 'hall-hot').querySelectorAll('.hall-hot__chip')].map((chip) => chip.textContent)).toEqual(['成绩单'])
  const tabs = [...container.querySelectorAll('.category-tabs__tab')].map((node) => node.textContent)
  expect(tabs).toEqual(['生活服务', '学习服务'])
  expect(names(section(container, 'hall-categories'))).toEqual(['报修', '一卡通', '健步走'])
  expect(within(section(container, 'hall-categories')).getByText('维护')).toBeInTheDocument()

  const homeRequest = requests.find((request) => request.url === '/api/home')!
  expect(homeRequest.params).toEqual({ platform: 'h5' })
  expect(homeRequest.headers.Authorization).toBe('Bearer tok-hall')
})

test('a notice opens its whole text', async () => {
  serve()
  render(<ServiceHallPage />)
  fireEvent.click(await screen.findByText('寒假离返校安排'))
  expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '寒假离返校安排', content: '1 月 10 日起可提交离校申请' }))
})

test('another tab loads its services when opened, once; a failure offers a retry', async () => {
  let fail = true
  const { requests } = serve({ category: () => (fail ? reply.network() : reply.json(200, study)) })
  const { container } = render(<ServiceHallPage />)
  await waitFor(() => section(container, 'hall-categories'))

  fireEvent.click(screen.getByText('学习服务'))
  await screen.findByText('网络不可用，请检查网络后重试')
  fail = false
  fireEvent.click(section(container, 'hall-categories').querySelector('.retry-button')!)
  await waitFor(() => expect(names(section(container, 'hall-categories'))).toEqual(['图书馆', '教室借用']))

  fireEvent.click(screen.getByText('生活服务'))
  expect(names(section(container, 'hall-categories'))).toEqual(['报修', '一卡通', '健步走'])
  fireEvent.click(screen.getByText('学习服务'))
  expect(names(section(container, 'hall-categories'))).toEqual(['图书馆', '教室借用'])
  expect(requests.filter((request) => request.url === '/api/categories/study/services')).toHaveLength(2)
})

test('shows skeletons while loading', () => {
  stubHttp(() => new Promise(() => undefined))
  const { container } = render(<ServiceHallPage />)
  expect(container.querySelector('.hall-skeleton')).not.toBeNull()
  expect(container.querySelector('.service-item')).toBeNull()
})

test('no categories shows the empty state', async () => {
  serve({ home: () => reply.json(200, { ...home, categories: [], firstCategory: { services: [] }, favorites: [], recent: [], hot: [], notices: [] }) })
  const { container } = render(<ServiceHallPage />)
  await screen.findByText('暂无可用服务')
  expect(container.querySelector('.retry-button')).toBeNull()
})

test('offline with nothing cached shows the retry state, and 重试 loads the home', async () => {
  let online = false
  serve({ home: () => (online ? reply.json(200, home) : reply.network()) })
  const { container } = render(<ServiceHallPage />)
  await screen.findByText('网络不可用，请检查网络后重试')
  online = true
  act(() => {
    container.querySelector('.retry-button')?.dispatchEvent(new MouseEvent('click', { bubbles: true }))
  })
  await waitFor(() => section(container, 'hall-categories'))
  expect(container.querySelector('.error-block')).toBeNull()
})

test('starts instantly from the last copy in storage; offline, it says so and retries', async () => {
  Taro.setStorageSync(homeCacheKey(studentMe.id, 'h5'), JSON.stringify({ ...home, favorites: [tile({ id: 'cached', name: '缓存的收藏' })] }))
  let online = false
  serve({ home: () => (online ? reply.json(200, home) : reply.network()) })
  const { container } = render(<ServiceHallPage />)
  // before any response: the cached copy
  expect(names(section(container, 'hall-favorites'))).toEqual(['缓存的收藏'])
  await screen.findByText('网络不可用，显示的是上次的内容')

  online = true
  fireEvent.click(screen.getByText('重试'))
  await waitFor(() => expect(names(section(container, 'hall-favorites'))).toEqual(['离返校']))
  expect(container.querySelector('.hall-offline')).toBeNull()
  expect(JSON.parse(Taro.getStorageSync(homeCacheKey(studentMe.id, 'h5'))).favorites[0].id).toBe('leave')
})

test('pull-to-refresh reloads the home and stops the spinner', async () => {
  let current = home
  serve({ home: () => reply.json(200, current) })
  const { container } = render(<ServiceHallPage />)
  await waitFor(() => section(container, 'hall-favorites'))
  current = { ...home, favorites: [...home.favorites, tile({ id: 'bus', name: '校车时刻' })] }
  await act(() => taroTestHarness.triggerPullDownRefresh())
  await waitFor(() => expect(names(section(container, 'hall-favorites'))).toEqual(['离返校', '校车时刻']))
  expect(Taro.stopPullDownRefresh).toHaveBeenCalled()
})

test('puts the waiting tasks on the 待办 tab, and clears the badge at zero', async () => {
  serve({ todo: 3 })
  const first = render(<ServiceHallPage />)
  await waitFor(() => expect(setTabBarBadge).toHaveBeenCalledWith({ index: 1, text: '3' }))
  first.unmount()

  serve({ todo: 0 })
  render(<ServiceHallPage />)
  await waitFor(() => expect(removeTabBarBadge).toHaveBeenCalledWith({ index: 1 }))
})

test('the search box opens the search page', async () => {
  serve()
  const { container } = render(<ServiceHallPage />)
  fireEvent.click(section(container, 'hall-search'))
  await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/hall/pages/search/index' }))
})

describe('tapping a service', () => {
  let requests: StubRequest[]
  let container: HTMLElement
  beforeEach(async () => {
    requests = serve().requests
    container = render(<ServiceHallPage />).container
    await waitFor(() => section(container, 'hall-categories'))
  })

  test('a micro-app opens its subpackage page and counts as used', async () => {
    fireEvent.click(tileOf(container, 'repair'))
    await waitFor(() =>
      expect(navigateTo).toHaveBeenCalledWith({ url: `/packages/microapp/pages/index/index?key=repair&name=${encodeURIComponent('报修')}` }),
    )
    await waitFor(() => expect(requests.some((request) => request.method === 'POST' && request.url === '/api/services/repair/open')).toBe(true))
  })

  test('a service under maintenance shows its message instead of opening, and is not counted', async () => {
    fireEvent.click(tileOf(container, 'card'))
    await waitFor(() => expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '服务维护中', content: '系统升级中，预计 20:00 恢复' })))
    expect(navigateTo).not.toHaveBeenCalled()
    expect(requests.some((request) => request.method === 'POST')).toBe(false)
  })

  test('a hot chip opens its service (a link: a new tab on H5)', async () => {
    const windowOpen = jest.spyOn(window, 'open').mockReturnValue({ opener: window } as Window)
    fireEvent.click(within(section(container, 'hall-hot')).getByText('成绩单'))
    await waitFor(() => expect(windowOpen).toHaveBeenCalledWith('https://jw.example.edu.cn', '_blank'))
  })

  test('a DingTalk-only service says where to open it', async () => {
    fireEvent.click(tileOf(container, 'walk'))
    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请在钉钉工作台中打开' })))
    expect(navigateTo).not.toHaveBeenCalled()
  })
})

test('without a session it renders nothing and sends the user to log in', async () => {
  useSessionStore.getState().signOut()
  const { requests } = serve()
  const { container } = render(<ServiceHallPage />)
  await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' }))
  expect(container.querySelector('.hall-greeting')).toBeNull()
  expect(requests).toHaveLength(0)
})
