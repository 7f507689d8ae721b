import { splitHighlight } from '../highlight'

test('splits the name at the matched ranges', () => {
  expect(splitHighlight('公寓报修', [[2, 4]])).toEqual([
    { text: '公寓', hit: false },
    { text: '报修', hit: true },
  ])
  expect(splitHighlight('节假日离返校', [[0, 1], [3, 6]])).toEqual([
    { text: '节', hit: true },
    { text: '假日', hit: false },
    { text: '离返校', hit: true },
  ])
})

test('no ranges, overlapping and out-of-range ranges', () => {
  expect(splitHighlight('成绩单', [])).toEqual([{ text: '成绩单', hit: false }])
  expect(splitHighlight('成绩单', [[0, 2], [1, 9]])).toEqual([{ text: '成绩单', hit: true }])
  expect(splitHighlight('成绩单', [[-3, 1]])).toEqual([
    { text: '成', hit: true },
    { text: '绩单', hit: false },
  ])
})

test('counts characters, not UTF-16 units', () => {
  expect(splitHighlight('𠀀报修', [[1, 3]])).toEqual([
    { text: '𠀀', hit: false },
    { text: '报修', hit: true },
  ])
})
