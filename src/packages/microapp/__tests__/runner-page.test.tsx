import '@testing-library/jest-dom'
import { act, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResult } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp, type StubReply, type StubRequest } from '../../../../tests/setup/http-stub'
import { deferred, taroTestHarness } from '../../../../tests/setup/taro-test-harness'
import { flush, typeIntoField } from '../../../lowcode/__tests__/render-form'
import { draftKey } from '../draft-store'
import MicroappPage from '../pages/index/index'
import { repairResponse, requestDetail } from './fixtures'

const DRAFT = draftKey('u-1001', 'repair')
let redirectTo: jest.SpyInstance
let showToast: jest.SpyInstance

beforeEach(() => {
  Taro.clearStorageSync()
  useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-runner' }))
  taroTestHarness.setRouterParams({ key: 'repair', name: '公寓报修' })
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'setNavigationBarTitle').mockResolvedValue({ errMsg: 'ok' })
})

afterEach(async () => {
  await flush(20)
  restoreHttp()
  taroTestHarness.reset()
})

function serve(submit: (request: StubRequest) => StubReply | Promise<StubReply>, fresh?: (request: StubRequest) => StubReply) {
  return stubHttp((request) => {
    if (request.method === 'GET' && request.url === '/api/microapps/repair') return reply.json(200, repairResponse)
    if (fresh && request.method === 'POST' && request.url === '/api/uploads/urls') return fresh(request)
    if (request.method === 'POST' && request.url === '/api/microapps/repair/requests') return submit(request)
    return reply.json(404, { code: 'NOT_FOUND', message: '接口不存在' })
  })
}

async function openRunner() {
  const view = render(<MicroappPage />)
  await waitFor(() => expect(view.container.querySelector('[data-field="description"]')).not.toBeNull())
  return view
}

function fillRequired(container: HTMLElement) {
  typeIntoField(container, 'description', '卫生间水龙头一直滴水')
}

test('renders the definition fetched for ?key, prefilled for the applicant', async () => {
  serve(() => reply.json(500, {}))
  const { container } = await openRunner()
  expect(container.querySelector('.runner__title')).toHaveTextContent('报修信息')
  expect(container.querySelector('[data-field="location"]')).toHaveTextContent('7号楼 301')
  expect(container.querySelector('.runner-submit')).toHaveTextContent('提交报修')
})

test('a student who leaves the page finds their text again', async () => {
  serve(() => reply.json(500, {}))
  const first = await openRunner()
  typeIntoField(first.container, 'description', '阳台门锁坏了，关不上')
  await flush(500)
  first.unmount()

  const second = await openRunner()
  expect(second.container.querySelector('[data-field="description"] taro-textarea-core')).toHaveAttribute('value', '阳台门锁坏了，关不上')
  expect(second.container.querySelector('.runner__draft')).toHaveTextContent('已恢复')
})

test('a bad form is not sent; the errors show under the fields', async () => {
  const { requests } = serve(() => reply.json(201, requestDetail()))
  const { container } = await openRunner()
  act(() => (container.querySelector('.runner-submit') as HTMLElement).click())
  await flush()
  expect(requests.filter((request) => request.method === 'POST')).toHaveLength(0)
  expect(container.querySelector('[data-field="category"] .lc-field__error')).toHaveTextContent('报修类别不能为空')
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请检查标红的内容' }))
})

test('submits once per tap burst, retries with the same idempotency key, then clears the draft', async () => {
  const answers = [deferred<StubReply>(), deferred<StubReply>()]
  let call = 0
  const { requests } = serve(() => answers[call++].promise)
  // a draft from an earlier visit holds the category (the cascader is exercised in the browser test)
  const key = 'k-earlier-visit-1'
  Taro.setStorageSync(DRAFT, JSON.stringify({ version: 3, values: { category: '水电/水龙头' }, idempotencyKey: key, savedAt: Date.now() }))
  const { container } = await openRunner()
  fillRequired(container)
  await flush(500)
  expect(Taro.getStorageSync(DRAFT)).toContain('卫生间水龙头一直滴水')

  const submit = container.querySelector('.runner-submit') as HTMLElement
  act(() => {
    submit.click()
    submit.click()
    submit.click()
  })
  await flush()
  const posts = () => requests.filter((request) => request.method === 'POST')
  expect(posts()).toHaveLength(1)
  expect(submit).toHaveClass('nut-button-disabled')

  // the answer is lost: the student taps again, and the server must recognise the same submission
  await act(async () => answers[0].resolve(reply.network()))
  await flush()
  act(() => submit.click())
  await flush()
  expect(posts()).toHaveLength(2)
  const [first, second] = posts().map((request) => request.body as { idempotencyKey: string; version: number; values: Record<string, unknown> })
  expect(second.idempotencyKey).toBe(first.idempotencyKey)
  // the key made when the form was first opened, kept with the draft
  expect(first.idempotencyKey).toBe(key)
  expect(first.version).toBe(3)
  expect(first.values).toMatchObject({ category: '水电/水龙头', description: '卫生间水龙头一直滴水', phone: '13900000001' })

  await act(async () => answers[1].resolve(reply.json(201, requestDetail({ id: 'r-42' }))))
  await flush()
  expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/microapp/pages/detail/index?id=r-42' })
  expect(Taro.getStorageSync(DRAFT)).toBeFalsy()
})

test('the server naming a bad field puts its message under that field', async () => {
  serve(() =>
    reply.json(400, { code: 'VALIDATION_FAILED', message: '提交的内容有误', fields: [{ field: '/values/phone', message: '联系电话不是有效的电话号码' }] }),
  )
  const stored = { version: 3, values: { category: '水电/电灯', description: '宿舍的灯不亮了', phone: '13900000001' }, idempotencyKey: 'k-12345678', savedAt: Date.now() }
  Taro.setStorageSync(DRAFT, JSON.stringify(stored))
  const again = render(<MicroappPage />)
  await waitFor(() => expect(again.container.querySelector('.runner__draft')).not.toBeNull())
  act(() => (again.container.querySelector('.runner-submit') as HTMLElement).click())
  await waitFor(() => expect(again.container.querySelector('[data-field="phone"] .lc-field__error')).toHaveTextContent('联系电话不是有效的电话号码'))
})

test('a draft kept overnight gets fresh links for its photos, so the thumbnails come back', async () => {
  const stale = (id: string) => ({ id, name: `${id}.jpg`, size: 1000, mime: 'image/jpeg', url: `http://localhost/api/uploads/${id}/content?exp=1&sig=old` })
  Taro.setStorageSync(DRAFT, JSON.stringify({ version: 3, values: { category: '水电/水龙头', photos: [stale('p-1'), stale('p-2')] }, idempotencyKey: 'k-1', savedAt: Date.now() - 20 * 3600_000 }))
  const { requests } = serve(
    () => reply.json(500, {}),
    // p-2 is not the caller's (or is gone): it keeps its old link, nothing else happens to it
    () => reply.json(200, { files: [{ id: 'p-1', url: 'http://localhost/api/uploads/p-1/content?exp=9999999999&sig=new' }] }),
  )
  const { container } = await openRunner()
  await waitFor(() => expect(requests.some((request) => request.url === '/api/uploads/urls')).toBe(true))
  expect(requests.find((request) => request.url === '/api/uploads/urls')?.body).toEqual({ ids: ['p-1', 'p-2'] })
  await waitFor(() => expect(container.querySelector('[data-field="photos"] img, [data-field="photos"] taro-image-core')?.getAttribute('src')).toContain('sig=new'))
  await flush(500)
  const saved = JSON.parse(Taro.getStorageSync(DRAFT) as string) as { values: { photos: Array<{ url: string }> } }
  expect(saved.values.photos.map((photo) => photo.url.split('sig=')[1])).toEqual(['new', 'old'])
})
