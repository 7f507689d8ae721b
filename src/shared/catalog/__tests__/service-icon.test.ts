import fs from 'node:fs'
import path from 'node:path'
import { GLYPH_OF_ICON_KEY, toneOf } from '../service-icon'

test('every glyph the icon map names has a class in the generated stylesheet', () => {
  const stylesheet = fs.readFileSync(path.join(__dirname, '../service-glyphs.scss'), 'utf8')
  const missing = Object.values(GLYPH_OF_ICON_KEY).filter((glyph) => !stylesheet.includes(`.service-glyph--${glyph} {`))
  expect(missing).toEqual([])
})

test('tones are stable and spread over the palette', () => {
  expect(toneOf('repair')).toBe(toneOf('repair'))
  const tones = new Set(['repair', 'leave', 'walk', 'library', 'card', 'clinic', 'grade', 'pass'].map(toneOf))
  expect(tones.size).toBeGreaterThan(3)
  for (const tone of tones) expect(tone).toBeGreaterThanOrEqual(0)
})
