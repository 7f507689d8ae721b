import { render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { CoursePortrait, MajorPortrait } from '@contract/portrait'
import { Course, Major } from '../pages/admin'

// uCharts ships ESM only, and jsdom has no 2d canvas
jest.mock('@qiun/ucharts', () => ({ __esModule: true, default: jest.fn() }))

beforeEach(() => {
  const query = { select: () => query, fields: () => query, boundingClientRect: () => query, exec: (callback: (result: unknown[]) => void) => setTimeout(() => callback([]), 0) }
  jest.spyOn(Taro, 'createSelectorQuery').mockReturnValue(query as unknown as Taro.SelectorQuery)
})

const tinyMajor: MajorPortrait = { id: 'm', name: '小众专业', college: '计算机学院', students: 3, gpaDistribution: [], scoreDistribution: [], passRate: null, gpaTrend: [], courses: [], suppressed: true }

test('a major too small to summarise says why instead of drawing empty charts', () => {
  const { container } = render(<Major data={tinyMajor} onCourse={() => undefined} />)
  expect(screen.getByText(/该专业学生不足 5 人，统计不予显示/)).toBeInTheDocument()
  expect(container.querySelector('.pt-chart, .pt-bars')).toBeNull()
  expect(screen.queryByText(/及格率/)).toBeNull()
})

test('courses with too few takers show no figures and sort last; thin semesters leave the trend', () => {
  const major: MajorPortrait = {
    ...tinyMajor,
    students: 30,
    suppressed: false,
    passRate: 0.9,
    gpaDistribution: [{ band: '3.0–3.5', count: 30 }],
    scoreDistribution: [{ band: '80–89', count: 30 }],
    gpaTrend: [
      { semester: '2024-2025-1', averageGpa: 3.1 },
      { semester: '2024-2025-2', averageGpa: null },
    ],
    courses: [
      { code: 'SEM', name: '小班研讨', type: 'elective', takers: 3, passRate: null, averageScore: null },
      { code: 'DS', name: '数据结构', type: 'required', takers: 30, passRate: 0.8, averageScore: 78.5 },
    ],
  }
  const { container } = render(<Major data={major} onCourse={() => undefined} />)
  const rows = [...container.querySelectorAll('.pt-course')]
  expect(rows.map((row) => row.querySelector('.pt-list-row__title')?.textContent)).toEqual(['数据结构', '小班研讨'])
  expect(rows[1]).toHaveTextContent('人数过少，不显示统计')
  expect(rows[1]!.querySelector('.pt-list-row__value')).toHaveTextContent('—')

  const course: CoursePortrait = { code: 'SEM', name: '小班研讨', type: 'elective', takers: 3, passRate: null, averageScore: null, scoreDistribution: [], trend: [{ semester: '2025-2026-1', takers: 3, passRate: null, averageScore: null }], suppressed: true }
  render(<Course data={course} />)
  expect(screen.getByText(/修读人数不足 5 人/)).toBeInTheDocument()
})
