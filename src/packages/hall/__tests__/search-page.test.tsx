import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { ServiceSearchResponse } from '@contract/catalog'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResult, service } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp, type StubReply } from '../../../../tests/setup/http-stub'
import { typeInto } from '../../../../tests/setup/taro-test-harness'
import SearchPage from '../pages/search/index'

const repair = service({ id: 'dorm-repair', name: '公寓报修', icon: 'repair', department: '后勤保障处', description: '宿舍水电、门窗、家具报修' })
const results: ServiceSearchResponse = { results: [{ service: repair, score: 70, highlight: { field: 'name', ranges: [[2, 4]] } }] }

let navigateTo: jest.SpyInstance

beforeEach(() => {
  useSessionStore.getState().signIn(loginResult())
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'packages/hall/pages/search/index' } as Taro.Page])
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
})
afterEach(restoreHttp)

function serve(search: (q: string) => StubReply = () => reply.json(200, results)) {
  return stubHttp((request) => {
    if (request.url === '/api/services/hot') return reply.json(200, { services: [repair] })
    if (request.url === '/api/services/search') return search(String(request.params?.q))
    if (request.method === 'POST') return reply.json(204)
    return reply.json(404, { code: 'NOT_FOUND', message: '接口不存在' })
  })
}

test('waits for the user to pause, then searches once and highlights the matched part', async () => {
  const { requests } = serve()
  const { container } = render(<SearchPage />)
  typeInto(container, '.search-page__bar', 'b')
  typeInto(container, '.search-page__bar', 'bx')

  await waitFor(() => expect(container.querySelector('.search-hit')).toHaveTextContent('报修'))
  const searches = requests.filter((request) => request.url === '/api/services/search')
  expect(searches.map((request) => request.params)).toEqual([{ q: 'bx' }])
  expect(container.querySelector('.service-row__name')).toHaveTextContent('公寓报修')
  expect(screen.getByText('后勤保障处 · 宿舍水电、门窗、家具报修')).toBeInTheDocument()

  fireEvent.click(container.querySelector('[data-service="dorm-repair"]')!)
  await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: `/packages/microapp/pages/index/index?key=dorm-repair&name=${encodeURIComponent('公寓报修')}` }))
})

test('before typing it offers this week’s hot services; a chip searches for it', async () => {
  const { requests } = serve()
  const { container } = render(<SearchPage />)
  fireEvent.click(await screen.findByText('公寓报修'))
  await waitFor(() => expect(requests.some((request) => request.url === '/api/services/search' && request.params?.q === '公寓报修')).toBe(true))
  await waitFor(() => expect(container.querySelector('.search-hit')).not.toBeNull())
})

test('a service for another platform is found, marked, and says where to open it', async () => {
  const showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  const walk = service({ id: 'staff-walk', name: '教职工健步走', icon: 'walk', platforms: ['weapp', 'dd'] })
  serve(() => reply.json(200, { results: [{ service: walk, score: 70, highlight: { field: 'name', ranges: [[3, 6]] } }] }))
  const { container } = render(<SearchPage />)
  typeInto(container, '.search-page__bar', 'jbz')
  await screen.findByText('在钉钉/微信中使用')
  fireEvent.click(container.querySelector('[data-service="staff-walk"]')!)
  await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请在钉钉工作台中打开' })))
  expect(navigateTo).not.toHaveBeenCalled()
})

test('no result shows the empty state with the query', async () => {
  serve(() => reply.json(200, { results: [] }))
  const { container } = render(<SearchPage />)
  typeInto(container, '.search-page__bar', 'zzz')
  await screen.findByText('没有找到“zzz”相关的服务')
})

test('a failed search offers a retry that searches again', async () => {
  let online = false
  const { requests } = serve(() => (online ? reply.json(200, results) : reply.network()))
  const { container } = render(<SearchPage />)
  typeInto(container, '.search-page__bar', 'bx')
  await screen.findByText('网络不可用，请检查网络后重试')
  online = true
  fireEvent.click(container.querySelector('.retry-button')!)
  await waitFor(() => expect(container.querySelector('.search-hit')).toHaveTextContent('报修'))
  expect(requests.filter((request) => request.url === '/api/services/search')).toHaveLength(2)
})

test('the server’s message for a refused query is shown as is', async () => {
  serve(() => reply.json(400, { code: 'VALIDATION_FAILED', message: '搜索内容只能包含汉字、字母、数字和空格' }))
  const { container } = render(<SearchPage />)
  typeInto(container, '.search-page__bar', '%%')
  await screen.findByText('搜索内容只能包含汉字、字母、数字和空格')
})
