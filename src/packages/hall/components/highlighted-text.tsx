import { Text } from '@tarojs/components'
import { splitHighlight } from '../highlight'

export function HighlightedText({ text, ranges, className = '' }: { text: string; ranges: ReadonlyArray<readonly [number, number]>; className?: string }) {
  return (
    <Text className={className}>
      {splitHighlight(text, ranges).map((part, index) =>
        part.hit ? (
          <Text key={index} className="search-hit">
            {part.text}
          </Text>
        ) : (
          part.text
        ),
      )}
    </Text>
  )
}
