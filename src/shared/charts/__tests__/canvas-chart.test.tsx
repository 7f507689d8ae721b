import { act, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import UCharts from '@qiun/ucharts'
import { CanvasChart, type ChartOptions } from '../canvas-chart'

// uCharts ships ESM only; what matters here is what it is handed
jest.mock('@qiun/ucharts', () => ({ __esModule: true, default: jest.fn() }))
const drawn = UCharts as unknown as jest.Mock

const options: ChartOptions = { type: 'radar', categories: ['学习能力', '体育健康'], series: [{ name: '能力', data: [80, 60] }] }

/** Answers the chart's two canvas queries (node, then its CSS box) the way a host would. */
function hostAnswers(result: unknown[]) {
  const query = { select: () => query, fields: () => query, boundingClientRect: () => query, exec: (callback: (answer: unknown[]) => void) => setTimeout(() => callback(result), 0) }
  return jest.spyOn(Taro, 'createSelectorQuery').mockReturnValue(query as unknown as Taro.SelectorQuery)
}

afterEach(() => {
  jest.restoreAllMocks()
  drawn.mockClear()
})

test('draws with uCharts on the 2d canvas the host finds, its backing store scaled by the pixel ratio', async () => {
  const context = { kind: '2d-context' }
  const node = { width: 0, height: 0, getContext: jest.fn(() => context) }
  hostAnswers([{ node }, { width: 300, height: 260 }])
  jest.spyOn(Taro, 'getWindowInfo').mockReturnValue({ pixelRatio: 3 } as Taro.getWindowInfo.Result)
  render(<CanvasChart options={options} className="chart" fallback={<span>无画布</span>} />)
  await waitFor(() => expect(drawn).toHaveBeenCalledTimes(1))
  expect(node.getContext).toHaveBeenCalledWith('2d')
  expect(node).toMatchObject({ width: 900, height: 780 })
  expect(drawn.mock.calls[0][0]).toMatchObject({ ...options, context, width: 900, height: 780, pixelRatio: 3 })
  expect(screen.queryByText('无画布')).toBeNull()
})

test('shows the fallback where the host has no canvas, and never calls uCharts', async () => {
  hostAnswers([])
  render(<CanvasChart options={options} className="chart" fallback={<span>无画布</span>} />)
  await waitFor(() => expect(screen.getByText('无画布')).toBeInTheDocument(), { timeout: 2000 })
  expect(drawn).not.toHaveBeenCalled()
})

test('new data redraws once with the new series', async () => {
  const node = { width: 0, height: 0, getContext: () => ({}) }
  hostAnswers([{ node }, { width: 100, height: 100 }])
  const { rerender } = render(<CanvasChart options={options} className="chart" fallback={null} />)
  await waitFor(() => expect(drawn).toHaveBeenCalledTimes(1))
  rerender(<CanvasChart options={{ ...options }} className="chart" fallback={null} />)
  await act(async () => new Promise((resolve) => setTimeout(resolve, 30)))
  expect(drawn).toHaveBeenCalledTimes(1) // same content: no redraw
  rerender(<CanvasChart options={{ ...options, series: [{ name: '能力', data: [90, 70] }] }} className="chart" fallback={null} />)
  await waitFor(() => expect(drawn).toHaveBeenCalledTimes(2))
  expect(drawn.mock.calls[1][0].series[0].data).toEqual([90, 70])
})
