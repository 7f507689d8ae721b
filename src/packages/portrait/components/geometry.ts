/**
 * Chart geometry for charts drawn with plain views (no canvas, no SVG: the same markup renders on
 * weapp, dd and h5). Coordinates are in a virtual box; results are percentages of the box, so a
 * line is a thin view placed at its start, sized to its length and rotated about its left end.
 */
export interface Box {
  width: number
  height: number
}

export interface SegmentStyle {
  left: string
  top: string
  width: string
  transform: string
}

const percent = (value: number) => `${Math.round(value * 1000) / 1000}%`

export function segment(box: Box, from: [number, number], to: [number, number]): SegmentStyle {
  const dx = to[0] - from[0]
  const dy = to[1] - from[1]
  const length = Math.sqrt(dx * dx + dy * dy)
  const angle = (Math.atan2(dy, dx) * 180) / Math.PI
  return {
    left: percent((from[0] / box.width) * 100),
    top: percent((from[1] / box.height) * 100),
    width: percent((length / box.width) * 100),
    transform: `rotate(${Math.round(angle * 100) / 100}deg)`,
  }
}

export function point(box: Box, at: [number, number]): { left: string; top: string } {
  return { left: percent((at[0] / box.width) * 100), top: percent((at[1] / box.height) * 100) }
}

/** The vertices of a regular polygon (first at 12 o'clock, clockwise) scaled by values 0–1. */
export function radarVertices(center: [number, number], radius: number, values: number[]): [number, number][] {
  return values.map((value, index) => {
    const angle = -Math.PI / 2 + (index * 2 * Math.PI) / values.length
    return [center[0] + Math.cos(angle) * radius * value, center[1] + Math.sin(angle) * radius * value]
  })
}

/** Points of a line chart: x spread evenly, y scaled between min and max (top = max). */
export function linePoints(box: Box, values: number[], min: number, max: number, padding = 24): [number, number][] {
  const span = max - min || 1
  const step = values.length > 1 ? (box.width - padding * 2) / (values.length - 1) : 0
  return values.map((value, index) => [
    values.length > 1 ? padding + index * step : box.width / 2,
    padding + (1 - (value - min) / span) * (box.height - padding * 2),
  ])
}

/** A "round" axis step: 1, 2, 2.5 or 5 times a power of ten. */
function isRoundStep(step: number): boolean {
  if (step <= 0) return false
  const scale = 10 ** Math.floor(Math.log10(step))
  return [1, 2, 2.5, 5, 10].some((mantissa) => Math.abs(step / scale - mantissa) < 1e-9)
}

/** How many grid steps to split min–max into so every tick is a round number (4 if none is). */
export function roundSplit(min: number, max: number): number {
  return [4, 5, 3, 2, 6].find((count) => isRoundStep((max - min) / count)) ?? 4
}

/** A count axis from 0: the smallest top of 4 round steps that holds `value` (328 → 400). */
export function roundCountMax(value: number): number {
  const rough = Math.max(1, value) / 4
  const scale = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 2.5, 5, 10].map((mantissa) => mantissa * scale).find((candidate) => candidate >= rough - 1e-9)!
  return Math.max(1, Math.ceil(step)) * 4
}
