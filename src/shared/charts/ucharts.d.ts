// @qiun/ucharts ships no types; the part this app uses.
declare module '@qiun/ucharts' {
  export interface UChartsSeries {
    name: string
    /** numbers per category; for `arcbar` one 0–1 share */
    data: number[] | number
    color?: string
    /** the text of a data label */
    formatter?: (value: number) => string
  }
  export interface UChartsOptions {
    type: 'column' | 'line' | 'area' | 'radar' | 'arcbar'
    context: unknown
    width: number
    height: number
    pixelRatio?: number
    categories?: string[]
    series: UChartsSeries[]
    animation?: boolean
    background?: string
    color?: string[]
    padding?: number[]
    fontSize?: number
    legend?: { show?: boolean }
    dataLabel?: boolean
    dataPointShape?: boolean
    title?: { name: string; fontSize?: number; color?: string }
    subtitle?: { name: string; fontSize?: number; color?: string }
    xAxis?: Record<string, unknown>
    yAxis?: Record<string, unknown>
    extra?: Record<string, unknown>
  }
  export default class UCharts {
    constructor(options: UChartsOptions)
  }
}
