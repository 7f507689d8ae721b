import { fireEvent, render, screen } from '@testing-library/react'
import { linePoints, radarVertices, roundCountMax, roundSplit, segment } from '../components/geometry'
import { gpaRange, shortSemester } from '../components/format'
import { WarningsList } from '../pages/counselor'
import { warning } from './fixtures'

test('segments are placed at their start, sized to their length and rotated to their end', () => {
  const box = { width: 200, height: 100 }
  expect(segment(box, [0, 0], [100, 0])).toEqual({ left: '0%', top: '0%', width: '50%', transform: 'rotate(0deg)' })
  expect(segment(box, [100, 50], [100, 100])).toEqual({ left: '50%', top: '50%', width: '25%', transform: 'rotate(90deg)' })
  expect(segment(box, [0, 100], [100, 0]).transform).toBe('rotate(-45deg)')
})

test('radar vertices start at 12 o’clock and go clockwise; line points scale between min and max', () => {
  const [top, right] = radarVertices([100, 100], 50, [1, 1, 1, 1])
  expect(top![0]).toBeCloseTo(100)
  expect(top![1]).toBeCloseTo(50)
  expect(right![0]).toBeCloseTo(150)
  expect(right![1]).toBeCloseTo(100)
  expect(linePoints({ width: 100, height: 100 }, [0, 4], 0, 4, 10)).toEqual([
    [10, 90],
    [90, 10],
  ])
  expect(shortSemester('2024-2025-1')).toBe('24秋')
  expect(shortSemester('2024-2025-2')).toBe('25春')
  expect(gpaRange([2.74, 2.91])).toEqual({ min: 2, max: 3.5 })
  expect(gpaRange([0.2, 3.95])).toEqual({ min: 0, max: 4 })
})

test('chart axes tick at round numbers', () => {
  expect(roundSplit(3, 4)).toBe(4) // 3.25, 3.5, …
  expect(roundSplit(2, 3.5)).toBe(3) // 2.5, 3, 3.5
  expect(roundSplit(80, 100)).toBe(4) // 85, 90, …
  expect(roundSplit(50, 100)).toBe(5) // 60, 70, …
  expect(roundCountMax(328)).toBe(400)
  expect(roundCountMax(7)).toBe(8)
  expect(roundCountMax(6)).toBe(8)
  expect(roundCountMax(0)).toBe(4)
  expect(roundCountMax(41)).toBe(80)
})

test('the warnings list shows who, why and the actions that still apply', () => {
  const onAct = jest.fn()
  const { container, rerender } = render(<WarningsList data={{ warnings: [warning] }} onAct={onAct} />)
  expect(container.querySelector('.pt-warning--orange')).toHaveTextContent('学业预警 · 橙色')
  expect(screen.getByText('王同学 · 软件2101班')).toBeInTheDocument()
  fireEvent.click(screen.getByText('知悉'))
  expect(onAct).toHaveBeenCalledWith(warning, 'acknowledge')
  rerender(<WarningsList data={{ warnings: [{ ...warning, status: 'acknowledged' }] }} onAct={onAct} />)
  expect(screen.queryByText('知悉')).toBeNull()
  fireEvent.click(screen.getByText('处理完成'))
  expect(onAct).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'w-1' }), 'resolve')
  rerender(<WarningsList data={{ warnings: [] }} onAct={onAct} />)
  expect(screen.getByText('所带班级目前没有预警')).toBeInTheDocument()
})
