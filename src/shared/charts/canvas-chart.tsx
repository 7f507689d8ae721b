import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Canvas } from '@tarojs/components'
import UCharts, { type UChartsOptions } from '@qiun/ucharts'

/** What a chart asks uCharts to draw; the canvas, its size and the pixel ratio are filled in here. */
export type ChartOptions = Omit<UChartsOptions, 'context' | 'width' | 'height' | 'pixelRatio'>

interface CanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): unknown
}

interface FoundCanvas {
  node: CanvasNode
  width: number
  height: number
}

/** The node of a `<Canvas type="2d">` and its CSS size, or null where the host has none. */
function queryCanvas(id: string): Promise<FoundCanvas | null> {
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

/** The canvas may be laid out a moment after the page (H5's web component): ask a few times. */
async function findCanvas(id: string): Promise<FoundCanvas | null> {
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const found = await queryCanvas(id)
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 80))
  }
  return null
}

const pixelRatio = () => (typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync()).pixelRatio || 2

let nextId = 0

export interface CanvasChartProps {
  /** redrawn when this changes (JSON of the options is the simple, exact choice) */
  options: ChartOptions
  className: string
  /** shown where no 2d canvas can be had (an old host, a test's fake host, jsdom) */
  fallback: ReactNode
}

/**
 * A uCharts chart on a 2d canvas — the same drawing on WeChat, DingTalk and H5. uCharts draws on
 * the context it is handed and touches no `window` / `document`, so it is safe in mini-programs.
 * The canvas is sized in CSS by `className`; the backing store is scaled by the pixel ratio so
 * lines stay sharp on a phone. Where no canvas is found the `fallback` (view-drawn) says the same.
 */
export function CanvasChart({ options, className, fallback }: CanvasChartProps) {
  const id = useMemo(() => `ucharts-${(nextId += 1)}`, [])
  const [useFallback, setUseFallback] = useState(false)
  const round = useRef(0)
  const key = JSON.stringify(options)

  useEffect(() => {
    const mine = (round.current += 1)
    Taro.nextTick(() => {
      void findCanvas(id).then((found) => {
        if (mine !== round.current) return // newer data arrived while this one looked for its canvas
        const context = found?.node.getContext('2d')
        if (!found || !context) {
          setUseFallback(true)
          return
        }
        const ratio = pixelRatio()
        found.node.width = found.width * ratio
        found.node.height = found.height * ratio
        new UCharts({ ...options, context, width: found.width * ratio, height: found.height * ratio, pixelRatio: ratio })
      })
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the options' content
  }, [id, key])

  if (useFallback) return <>{fallback}</>
  return <Canvas type="2d" id={id} className={className} />
}
