import { act, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResult, parentMe } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp } from '../../../../tests/setup/http-stub'
import { tap } from '../../../../tests/setup/taro-test-harness'
import StudentPortraitPage, { StudentPortraitView } from '../pages/student'
import { ownPortrait } from './fixtures'

// uCharts ships ESM only, and jsdom has no 2d canvas: each chart shows its view-drawn twin
jest.mock('@qiun/ucharts', () => ({ __esModule: true, default: jest.fn() }))

beforeEach(() => {
  // no Taro page is mounted under jsdom: the charts' canvas query finds nothing, as on a host without canvas
  const query = { select: () => query, fields: () => query, boundingClientRect: () => query, exec: (callback: (result: unknown[]) => void) => setTimeout(() => callback([]), 0) }
  jest.spyOn(Taro, 'createSelectorQuery').mockReturnValue(query as unknown as Taro.SelectorQuery)
})

afterEach(async () => {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20))
  })
  restoreHttp()
})

test('shows the summary, the GPA trend, credit progress and the radar', async () => {
  const { container } = render(<StudentPortraitView portrait={ownPortrait} viewer="self" />)
  expect(container.querySelector('.pt-stat--gpa')).toHaveTextContent('3.62')
  expect(screen.getByText('前3%')).toBeInTheDocument()
  // the radar's scores are listed as text beside the drawing
  expect(container.querySelectorAll('.pt-radar__item')).toHaveLength(6)
  expect(container.querySelectorAll('.pt-ring__numbers')).toHaveLength(3)
  await waitFor(() => expect(container.querySelectorAll('.pt-line__dot')).toHaveLength(2), { timeout: 2000 })
  expect(screen.getByText('23秋')).toBeInTheDocument()
  await waitFor(() => expect(container.querySelectorAll('.pt-progress')).toHaveLength(3))
  await waitFor(() => expect(container.querySelectorAll('.pt-radar__dot')).toHaveLength(6))
  expect(container.querySelectorAll('.pt-radar__edge')).toHaveLength(6)
  expect(screen.getByText('目前没有预警，继续保持')).toBeInTheDocument()
})

test('tapping a tag shows why it is there; tapping again hides it', () => {
  const { container } = render(<StudentPortraitView portrait={ownPortrait} viewer="self" />)
  expect(container.querySelector('.pt-why')).toBeNull()
  tap(container, '.pt-tag--dynamic:nth-child(2)')
  expect(container.querySelector('.pt-why')).toHaveTextContent('为什么是「不吃早餐」')
  expect(container.querySelector('.pt-why')).toHaveTextContent('只有 14% 的日子在食堂吃了早餐')
  tap(container, '.pt-tag--dynamic:nth-child(2)')
  expect(container.querySelector('.pt-why')).toBeNull()
})

test('a parent sees only the groups the server sent, with a note on who decides', () => {
  const summaryOnly = { ...ownPortrait, groups: ['summary'], academic: undefined, radar: undefined, tags: undefined, life: undefined, warnings: undefined }
  const { container } = render(<StudentPortraitView portrait={summaryOnly} viewer="parent" />)
  expect(container.querySelector('.pt-stat--gpa')).toHaveTextContent('3.62')
  expect(screen.getByText(/以下是孩子允许你查看的内容/)).toBeInTheDocument()
  for (const selector of ['.pt-gpa-trend', '.pt-radar-card', '.pt-tags-card', '.pt-life', '.pt-warnings-card']) expect(container.querySelector(selector)).toBeNull()
})

test('the page loads the active child’s portrait for a parent, and shows the server’s refusal as an empty state', async () => {
  useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-parent', user: parentMe }))
  const stub = stubHttp((request) =>
    request.url === '/api/portrait/students/u-1001'
      ? reply.json(403, { code: 'FORBIDDEN', message: '该学生未向家长公开学业画像' })
      : reply.json(404, { code: 'NOT_FOUND', message: '接口不存在' }),
  )
  render(<StudentPortraitPage />)
  await waitFor(() => expect(screen.getByText('该学生未向家长公开学业画像')).toBeInTheDocument())
  expect(stub.requests.map((request) => request.url)).toContain('/api/portrait/students/u-1001')
})
