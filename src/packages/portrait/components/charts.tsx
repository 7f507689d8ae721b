import { Text, View } from '@tarojs/components'
import { linePoints, point, radarVertices, segment, type Box } from './geometry'
import './charts.scss'

const LINE_BOX: Box = { width: 640, height: 280 }

/** A trend line with its points and values, e.g. GPA per semester. */
export function LineChart({ values, labels, min, max, format = (v) => String(v) }: { values: number[]; labels: string[]; min: number; max: number; format?: (value: number) => string }) {
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

/** The ability radar: rings at 1/3, 2/3 and full, spokes, the scores' polygon and labels. */
export function RadarChart({ dimensions }: { dimensions: { label: string; score: number }[] }) {
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
          <Text className="pt-radar__name">{dimensions[index]!.label}</Text>
          <Text className="pt-radar__score">{dimensions[index]!.score}</Text>
        </View>
      ))}
    </View>
  )
}

/** Vertical bars with their value on top, e.g. output per year or a grade distribution. */
export function BarChart({ bars, unit = '' }: { bars: { label: string; value: number; tone?: 'warn' | 'normal' }[]; unit?: string }) {
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
