import { useEffect, useMemo, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, Text, View } from '@tarojs/components'
import UCharts from '@qiun/ucharts'
import { formatSteps } from '../format'
import './steps-chart.scss'

export interface StepsChartProps {
  days: Array<{ day: string; steps: number }>
  goal: number | null
}

const label = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`

let nextId = 0

/** The canvas node of a `<Canvas type="2d">` and its CSS size, or null where the host has none. */
function canvasNode(id: string): Promise<{ node: { width: number; height: number; getContext(kind: '2d'): unknown }; width: number; height: number } | null> {
  return new Promise((resolve) => {
    try {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((result: Array<{ node?: unknown; width?: number; height?: number } | null>) => {
          const found = result?.[0]
          const node = found?.node as { width: number; height: number; getContext?(kind: '2d'): unknown } | undefined
          if (!node || typeof node.getContext !== 'function' || !found?.width || !found.height) resolve(null)
          else resolve({ node: node as { width: number; height: number; getContext(kind: '2d'): unknown }, width: found.width, height: found.height })
        })
    } catch {
      resolve(null)
    }
  })
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
            ...(goal ? { markLine: { type: 'dash', dashLength: 4, data: [{ value: goal, lineColor: '#F97316', showLabel: true, labelText: '目标', labelFontColor: '#F97316', labelBgOpacity: 0 }] } } : {}),
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
        {days.map((day) => (
          <View key={day.day} className="steps-chart__bar-slot">
            <View className={`steps-chart__bar ${goal && day.steps >= goal ? 'steps-chart__bar--goal' : ''}`} style={{ height: `${Math.round((day.steps / max) * 100)}%` }} />
          </View>
        ))}
        <Text className="steps-chart__caption">最高 {formatSteps(Math.max(...days.map((day) => day.steps), 0))} 步</Text>
      </View>
    )
  }
  return <Canvas type="2d" id={id} className="steps-chart steps-chart__canvas" />
}
