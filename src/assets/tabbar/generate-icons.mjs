// Draws the tab bar icons (81x81 RGBA PNG, the size WeChat recommends) from a few geometric
// shapes, so the repository carries no binary of unknown origin and the icons can be restyled by
// changing a colour here. Run: node src/assets/tabbar/generate-icons.mjs
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const SIZE = 81
const SUPERSAMPLE = 4
const STROKE = 5.5
const COLORS = { idle: [0x8a, 0x8f, 0x99], active: [0x1f, 0x6f, 0xeb] }

const distanceToSegment = (px, py, [ax, ay], [bx, by]) => {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}
const onPolyline = (points) => (x, y) =>
  points.slice(1).some((p, i) => distanceToSegment(x, y, points[i], p) <= STROKE / 2)
const insidePolygon = (points) => (x, y) => {
  let inside = false
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]
    const [xj, yj] = points[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}
const inRoundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = Math.max(x0 + r, Math.min(x1 - r, x))
  const cy = Math.max(y0 + r, Math.min(y1 - r, y))
  return Math.hypot(x - cx, y - cy) <= r
}
const onRoundedRect = (x0, y0, x1, y1, r) => {
  const outer = inRoundedRect(x0 - STROKE / 2, y0 - STROKE / 2, x1 + STROKE / 2, y1 + STROKE / 2, r + STROKE / 2)
  const inner = inRoundedRect(x0 + STROKE / 2, y0 + STROKE / 2, x1 - STROKE / 2, y1 - STROKE / 2, Math.max(0, r - STROKE / 2))
  return (x, y) => outer(x, y) && !inner(x, y)
}
const inCircle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r
const onCircle = (cx, cy, r) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= STROKE / 2
const union = (...shapes) => (x, y) => shapes.some((s) => s(x, y))
const minus = (shape, hole) => (x, y) => shape(x, y) && !hole(x, y)
const below = (limit, shape) => (x, y) => y <= limit && shape(x, y)

const roof = [[12, 39], [40.5, 14], [69, 39]]
const checkmark = [[28, 43], [37, 52], [53, 35]]
const shoulders = (r) => below(68, r === 'fill' ? inCircle(40.5, 73, 25) : onCircle(40.5, 73, 25))

const ICONS = {
  home: {
    idle: union(onPolyline(roof), onPolyline([[21, 36], [21, 66], [60, 66], [60, 36]]), onRoundedRect(34, 50, 47, 66, 2)),
    active: minus(
      union(onPolyline(roof), insidePolygon([[21, 33], [40.5, 16], [60, 33], [60, 68], [21, 68]])),
      inRoundedRect(35, 51, 46, 68, 2),
    ),
  },
  todo: {
    idle: union(onRoundedRect(18, 17, 63, 69, 7), inRoundedRect(30, 10, 51, 22, 4), onPolyline(checkmark)),
    active: union(
      minus(inRoundedRect(15, 14, 66, 72, 9), onPolyline(checkmark)),
      minus(inRoundedRect(28, 8, 53, 22, 5), inRoundedRect(31, 11, 50, 19, 3)),
    ),
  },
  me: {
    idle: union(onCircle(40.5, 28, 12), shoulders('line')),
    active: union(inCircle(40.5, 28, 15), shoulders('fill')),
  },
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => {
  let c = 0xffffffff
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type, data) => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function renderPng(shape, [r, g, b]) {
  const rows = []
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4) // leading 0 = "no filter" for this scanline
    for (let x = 0; x < SIZE; x++) {
      let covered = 0
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          if (shape(x + (sx + 0.5) / SUPERSAMPLE, y + (sy + 0.5) / SUPERSAMPLE)) covered++
        }
      }
      const alpha = Math.round((covered / SUPERSAMPLE ** 2) * 255)
      if (alpha) row.set([r, g, b, alpha], 1 + x * 4)
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const outDir = dirname(fileURLToPath(import.meta.url))
for (const [name, states] of Object.entries(ICONS)) {
  for (const state of ['idle', 'active']) {
    const file = join(outDir, state === 'idle' ? `${name}.png` : `${name}-active.png`)
    const png = renderPng(states[state], COLORS[state])
    writeFileSync(file, png)
    console.log(`${file}  ${png.length} B`)
  }
}
