import { Text, View } from '@tarojs/components'
import { CanvasChart, type ChartOptions } from '../../../shared/charts/canvas-chart'
import { linePoints, point, radarVertices, roundCountMax, roundSplit, segment, type Box } from './geometry'
import './charts.scss'

// The portraits' charts are uCharts on a 2d canvas (weapp, dd and H5 alike). Each also has a
// view-drawn twin below, shown where the host gives no canvas (old hosts, the boot tests' fake
// host, jsdom), so a portrait never shows an empty box.
const BLUE = '#1F6FEB'
const RED = '#EF4444'
const AXIS = '#8A8F99'
const GRID = '#EEF0F4'
const base = { animation: false, background: '#FFFFFF', fontSize: 11, legend: { show: false } } as const

const LINE_BOX: Box = { width: 640, height: 280 }

/** A trend line with its points and values, e.g. GPA per semester. */
export function LineChart(props: { values: number[]; labels: string[]; min: number; max: number; format?: (value: number) => string }) {
  const { values, labels, min, max, format } = props
  const options: ChartOptions = {
    ...base,
    type: 'line',
    categories: labels,
    series: [{ name: '', data: values, color: BLUE, ...(format ? { formatter: (value: number) => format(value) } : {}) }],
    padding: [20, 16, 4, 4],
    dataLabel: true,
    dataPointShape: true,
    xAxis: { disableGrid: true, fontColor: AXIS },
    yAxis: { gridType: 'dash', dashLength: 4, gridColor: GRID, splitNumber: roundSplit(min, max), data: [{ min, max, fontColor: AXIS, ...(format ? { formatter: (value: number) => format(value) } : {}) }] },
    extra: { line: { type: 'straight', width: 2 } },
  }
  return <CanvasChart options={options} className="pt-chart pt-chart--line" fallback={<ViewLineChart {...props} />} />
}

function ViewLineChart({ values, labels, min, max, format = (v) => String(v) }: { values: number[]; labels: string[]; min: number; max: number; format?: (value: number) => string }) {
  const points = linePoints(LINE_BOX, values, min, max)
  return (
    <View className="pt-line">
      <View className="pt-line__plot">
        {[0.25, 0.5, 0.75].map((ratio) => (
          <View key={ratio} className="pt-line__grid" style={{ top: `${ratio * 100}%` }} />
        ))}
        {points.slice(1).map((to, index) => (
          <View key={`s${index}`} className="pt-line__segment" style={segment(LINE_BOX, points[index]!, to)} />
        ))}
        {points.map((at, index) => (
          <View key={`p${index}`} className="pt-line__dot" style={point(LINE_BOX, at)}>
            <Text className="pt-line__value">{format(values[index]!)}</Text>
          </View>
        ))}
      </View>
      <View className="pt-line__labels">
        {labels.map((label, index) => (
          <Text key={index} className="pt-line__label">
            {label}
          </Text>
        ))}
      </View>
    </View>
  )
}

const RADAR_BOX: Box = { width: 300, height: 300 }

/** The ability radar, with each dimension's score listed under it (readable without the drawing). */
export function RadarChart({ dimensions }: { dimensions: { label: string; score: number }[] }) {
  const options: ChartOptions = {
    ...base,
    type: 'radar',
    categories: dimensions.map((d) => d.label),
    series: [{ name: '能力', data: dimensions.map((d) => d.score), color: BLUE }],
    padding: [8, 8, 8, 8],
    fontSize: 12,
    dataLabel: false,
    extra: { radar: { gridType: 'radar', gridColor: '#DFE4EE', gridCount: 3, opacity: 0.25, max: 100, labelColor: '#3C4250', border: true, borderWidth: 2 } },
  }
  return (
    <View className="pt-radar-chart">
      <CanvasChart options={options} className="pt-chart pt-chart--radar" fallback={<ViewRadarChart dimensions={dimensions} />} />
      <View className="pt-radar__legend">
        {dimensions.map((d) => (
          <View key={d.label} className="pt-radar__item">
            <Text className="pt-radar__name">{d.label}</Text>
            <Text className="pt-radar__score">{d.score}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

/** The view-drawn radar: rings at 1/3, 2/3 and full, spokes, the scores' polygon and labels. */
function ViewRadarChart({ dimensions }: { dimensions: { label: string; score: number }[] }) {
  const center: [number, number] = [150, 150]
  const radius = 100
  const ring = (scale: number) => radarVertices(center, radius, dimensions.map(() => scale))
  const closed = (vertices: [number, number][]) => vertices.map((from, index) => [from, vertices[(index + 1) % vertices.length]!] as const)
  const scores = radarVertices(center, radius, dimensions.map((d) => Math.max(0.04, d.score / 100)))
  const labels = radarVertices(center, radius + 30, dimensions.map(() => 1))
  return (
    <View className="pt-radar">
      {[1 / 3, 2 / 3, 1].flatMap((scale) =>
        closed(ring(scale)).map(([from, to], index) => <View key={`r${scale}-${index}`} className="pt-radar__ring" style={segment(RADAR_BOX, from, to)} />),
      )}
      {ring(1).map((to, index) => (
        <View key={`k${index}`} className="pt-radar__spoke" style={segment(RADAR_BOX, center, to)} />
      ))}
      {closed(scores).map(([from, to], index) => (
        <View key={`e${index}`} className="pt-radar__edge" style={segment(RADAR_BOX, from, to)} />
      ))}
      {scores.map((at, index) => (
        <View key={`d${index}`} className="pt-radar__dot" style={point(RADAR_BOX, at)} />
      ))}
      {labels.map((at, index) => (
        <View key={`l${index}`} className="pt-radar__label" style={point(RADAR_BOX, at)}>
          <Text className="pt-radar__axis">{dimensions[index]!.label}</Text>
        </View>
      ))}
    </View>
  )
}

type Bar = { label: string; value: number; tone?: 'warn' | 'normal' }

/** Vertical bars with their value on top, e.g. output per year or a grade distribution. */
export function BarChart({ bars, unit = '' }: { bars: Bar[]; unit?: string }) {
  const options: ChartOptions = {
    ...base,
    type: 'column',
    categories: bars.map((bar) => bar.label),
    // a warning band (failing grades) in red: one series per tone, stacked so each bar is one colour
    series: [
      { name: '', data: bars.map((bar) => (bar.tone === 'warn' ? 0 : bar.value)), color: BLUE },
      { name: '', data: bars.map((bar) => (bar.tone === 'warn' ? bar.value : 0)), color: RED },
    ],
    padding: [20, 8, 4, 4],
    dataLabel: false,
    xAxis: { disableGrid: true, fontColor: AXIS },
    // counts: four round grid steps (0, 100, 200, …) that hold the tallest bar
    yAxis: { gridType: 'dash', dashLength: 4, gridColor: GRID, splitNumber: 4, data: [{ min: 0, max: roundCountMax(Math.max(...bars.map((bar) => bar.value))), fontColor: AXIS }] },
    extra: { column: { type: 'stack', width: bars.length > 6 ? 14 : 22, radius: 4 } },
  }
  return <CanvasChart options={options} className="pt-chart pt-chart--bars" fallback={<ViewBarChart bars={bars} unit={unit} />} />
}

function ViewBarChart({ bars, unit }: { bars: Bar[]; unit: string }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value))
  return (
    <View className="pt-bars">
      {bars.map((bar, index) => (
        <View key={index} className="pt-bars__column">
          <Text className="pt-bars__value">
            {bar.value}
            {unit}
          </Text>
          <View className="pt-bars__track">
            <View className={`pt-bars__bar ${bar.tone === 'warn' ? 'pt-bars__bar--warn' : ''}`} style={{ height: `${Math.round((bar.value / max) * 100)}%` }} />
          </View>
          <Text className="pt-bars__label">{bar.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** Credit progress per category as rings (earned of required), the numbers under each ring. */
export function CreditRings({ rows }: { rows: { label: string; value: number; total: number }[] }) {
  return (
    <View className="pt-rings">
      {rows.map((row) => {
        const ratio = row.total > 0 ? Math.min(1, row.value / row.total) : 0
        const options: ChartOptions = {
          ...base,
          type: 'arcbar',
          series: [{ name: row.label, data: Math.round(ratio * 1000) / 1000, color: ratio >= 1 ? '#16A34A' : BLUE }],
          padding: [4, 4, 4, 4],
          title: { name: `${Math.round(ratio * 100)}%`, fontSize: 18, color: '#1F2430' },
          subtitle: { name: row.label, fontSize: 11, color: AXIS },
          extra: { arcbar: { type: 'circle', width: 8, backgroundColor: '#EEF1F6', startAngle: 1.5, endAngle: 0.25, gap: 2 } },
        }
        return (
          <View key={row.label} className="pt-ring">
            <CanvasChart options={options} className="pt-chart pt-chart--ring" fallback={<ProgressRow label={row.label} value={row.value} total={row.total} />} />
            <Text className="pt-ring__numbers">
              {row.value} / {row.total} 学分
            </Text>
          </View>
        )
      })}
    </View>
  )
}

/** A labelled progress bar: earned of required. */
export function ProgressRow({ label, value, total, suffix = '' }: { label: string; value: number; total: number; suffix?: string }) {
  const ratio = total > 0 ? Math.min(1, value / total) : 0
  return (
    <View className="pt-progress">
      <View className="pt-progress__head">
        <Text className="pt-progress__label">{label}</Text>
        <Text className="pt-progress__numbers">
          {value}
          {suffix} / {total}
          {suffix}
        </Text>
      </View>
      <View className="pt-progress__track">
        <View className="pt-progress__fill" style={{ width: `${Math.round(ratio * 100)}%` }} />
      </View>
    </View>
  )
}
