import { Text, View } from '@tarojs/components'
import { CanvasChart, type ChartOptions } from '../../../shared/charts/canvas-chart'
import './steps-chart.scss'

export interface StepsChartProps {
  days: Array<{ day: string; steps: number }>
  goal: number | null
}

const label = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`

/**
 * My steps per day as columns, with the daily goal as a dashed line (uCharts on a 2d canvas).
 * Where no canvas can be had (an old host, a test), plain bars drawn with views say the same.
 */
export function StepsChart({ days, goal }: StepsChartProps) {
  const options: ChartOptions = {
    type: 'column',
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
  }
  const max = Math.max(goal ?? 0, ...days.map((day) => day.steps), 1)
  const bars = (
    <View className="steps-chart steps-chart--bars">
      {days.map((day, index) => (
        <View key={day.day} className="steps-chart__bar-slot">
          <View className={`steps-chart__bar ${goal && day.steps >= goal ? 'steps-chart__bar--goal' : ''}`} style={{ height: `${Math.round((day.steps / max) * 100)}%` }} />
          {(days.length <= 10 || index % 5 === 0) && <Text className="steps-chart__label">{label(day.day)}</Text>}
        </View>
      ))}
    </View>
  )
  return <CanvasChart options={options} className="steps-chart steps-chart__canvas" fallback={bars} />
}
