// @qiun/ucharts ships no types; the part used here.
declare module '@qiun/ucharts' {
  export interface UChartsOptions {
    type: 'column' | 'line' | 'area'
    context: unknown
    width: number
    height: number
    pixelRatio?: number
    categories: string[]
    series: Array<{ name: string; data: number[]; color?: string }>
    animation?: boolean
    background?: string
    color?: string[]
    padding?: number[]
    fontSize?: number
    legend?: { show?: boolean }
    dataLabel?: boolean
    xAxis?: Record<string, unknown>
    yAxis?: Record<string, unknown>
    extra?: Record<string, unknown>
  }
  export default class UCharts {
    constructor(options: UChartsOptions)
  }
}
