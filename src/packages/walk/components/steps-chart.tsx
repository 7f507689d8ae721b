import { useEffect, useMemo, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, Text, View } from '@tarojs/components'
import UCharts from '@qiun/ucharts'
import './steps-chart.scss'

export interface StepsChartProps {
  days: Array<{ day: string; steps: number }>
  goal: number | null
}

const label = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`

let nextId = 0

interface CanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): unknown
}

/** The node of a `<Canvas type="2d">` and its CSS size, or null where the host has none. */
function queryCanvas(id: string): Promise<{ node: CanvasNode; width: number; height: number } | null> {
  return new Promise((resolve) => {
    try {
      // node and size in two queries: H5's fields({node}) answers the node only
      const query = Taro.createSelectorQuery()
      query.select(`#${id}`).fields({ node: true })
      query.select(`#${id}`).boundingClientRect()
      query.exec((result: Array<{ node?: CanvasNode; width?: number; height?: number } | null>) => {
        const node = result?.[0]?.node
        const rect = result?.[1]
        if (!node || typeof node.getContext !== 'function' || !rect?.width || !rect.height) resolve(null)
        else resolve({ node, width: rect.width, height: rect.height })
      })
    } catch {
      resolve(null)
    }
  })
}

/** The canvas may be drawn a moment after the page (H5's web component): ask a few times. */
async function canvasNode(id: string): Promise<{ node: CanvasNode; width: number; height: number } | null> {
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const found = await queryCanvas(id)
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 80))
  }
  return null
}

/**
 * My steps per day as columns, with the daily goal as a dashed line: uCharts drawing on a 2d
 * canvas (WeChat, DingTalk and H5 alike). Where no canvas can be had (an old host, a test), plain
 * bars drawn with views say the same.
 */
export function StepsChart({ days, goal }: StepsChartProps) {
  const id = useMemo(() => `walk-chart-${(nextId += 1)}`, [])
  const [fallback, setFallback] = useState(false)
  const drawn = useRef(0)
  const key = days.map((day) => day.steps).join(',')

  useEffect(() => {
    const round = (drawn.current += 1)
    Taro.nextTick(() => {
      void canvasNode(id).then((found) => {
        if (round !== drawn.current) return
        const context = found?.node.getContext('2d')
        if (!found || !context) {
          setFallback(true)
          return
        }
        const ratio = (typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync()).pixelRatio || 2
        found.node.width = found.width * ratio
        found.node.height = found.height * ratio
        new UCharts({
          type: 'column',
          context,
          width: found.width * ratio,
          height: found.height * ratio,
          pixelRatio: ratio,
          categories: days.map((day) => label(day.day)),
          series: [{ name: '步数', data: days.map((day) => day.steps) }],
          animation: false,
          background: '#FFFFFF',
          color: ['#1F6FEB'],
          padding: [16, 8, 4, 4],
          fontSize: 10,
          legend: { show: false },
          dataLabel: false,
          xAxis: { disableGrid: true, labelCount: days.length > 10 ? 6 : days.length, fontColor: '#8A8F99' },
          yAxis: { gridType: 'dash', dashLength: 4, gridColor: '#EEF0F4', data: [{ min: 0, fontColor: '#8A8F99' }] },
          extra: {
            column: { type: 'group', width: days.length > 10 ? 6 : 16, radius: 3 },
            ...(goal ? { markLine: { type: 'dash', dashLength: 4, data: [{ value: goal, lineColor: '#F97316', showLabel: true, labelText: '目标', labelAlign: 'right', labelFontColor: '#F97316', labelBgColor: '#FFFFFF', labelBgOpacity: 0.9 }] } } : {}),
          },
        })
      })
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the days' content
  }, [id, key, goal])

  if (fallback) {
    const max = Math.max(goal ?? 0, ...days.map((day) => day.steps), 1)
    return (
      <View className="steps-chart steps-chart--bars">
        {days.map((day, index) => (
          <View key={day.day} className="steps-chart__bar-slot">
            <View className={`steps-chart__bar ${goal && day.steps >= goal ? 'steps-chart__bar--goal' : ''}`} style={{ height: `${Math.round((day.steps / max) * 100)}%` }} />
            {(days.length <= 10 || index % 5 === 0) && <Text className="steps-chart__label">{label(day.day)}</Text>}
          </View>
        ))}
      </View>
    )
  }
  return <Canvas type="2d" id={id} className="steps-chart steps-chart__canvas" />
}
