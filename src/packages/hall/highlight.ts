export interface TextPart {
  text: string
  hit: boolean
}

/**
 * Splits `text` at the server's highlight ranges ([start, end) in characters, not UTF-16 units)
 * into plain and matched parts; overlapping or out-of-range ranges are clamped and merged.
 */
export function splitHighlight(text: string, ranges: ReadonlyArray<readonly [number, number]>): TextPart[] {
  const chars = Array.from(text)
  const marked = new Array<boolean>(chars.length).fill(false)
  for (const [start, end] of ranges) {
    for (let i = Math.max(0, start); i < Math.min(chars.length, end); i++) marked[i] = true
  }
  const parts: TextPart[] = []
  chars.forEach((char, i) => {
    const last = parts[parts.length - 1]
    if (last && last.hit === marked[i]) last.text += char
    else parts.push({ text: char, hit: marked[i] })
  })
  return parts
}
