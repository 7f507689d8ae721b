import type { PortraitWarning, StudentPortrait } from '@contract/portrait'

export const warning: PortraitWarning = {
  id: 'w-1',
  studentId: 'u-1002',
  studentName: '王同学',
  studentNumber: '2021110102',
  className: '软件2101班',
  kind: 'academic',
  label: '学业预警',
  level: 'orange',
  why: '不及格课程累计 8 学分：数据结构（52 分，4 学分）、操作系统（48 分，4 学分）（规则：≥ 4 学分黄色、≥ 8 橙色、≥ 12 红色）。',
  status: 'open',
  raisedAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-01T08:00:00.000Z',
}

export const ownPortrait: StudentPortrait = {
  student: { id: 'u-1001', name: '李同学', number: '2021110101', className: '软件2101班', major: '软件工程', college: '计算机学院' },
  groups: ['summary', 'academic', 'radar', 'tags', 'life', 'warnings'],
  computedAt: '2026-12-04T01:00:00.000Z',
  summary: { cumulativeGpa: 3.62, creditsEarned: 78, creditsRequired: 106, rankInMajor: 3, majorSize: 120, majorPercentile: 3, rankInClass: 1, classSize: 30, gpaFormula: 'GPA = Σ(课程绩点 × 学分) ÷ Σ学分' },
  academic: {
    semesters: [
      { semester: '2023-2024-1', gpa: 3.4, credits: 14, failedCredits: 0, averageScore: 84 },
      { semester: '2023-2024-2', gpa: 3.7, credits: 15, failedCredits: 0, averageScore: 87 },
    ],
    credits: [
      { category: 'required', earned: 57, required: 77 },
      { category: 'elective', earned: 8, required: 12 },
      { category: 'general', earned: 13, required: 17 },
    ],
    failedCredits: 0,
    failedCourses: [],
    trend: 'up',
    coursePreferences: [{ category: 'elective', credits: 8, averageScore: 91 }],
    attendanceRate: 0.98,
  },
  radar: [
    { key: 'learning', label: '学习能力', score: 94, basis: '' },
    { key: 'practice', label: '实践能力', score: 70, basis: '' },
    { key: 'innovation', label: '创新能力', score: 60, basis: '' },
    { key: 'health', label: '体育健康', score: 75, basis: '' },
    { key: 'service', label: '社会服务', score: 50, basis: '' },
    { key: 'arts', label: '文艺素养', score: 40, basis: '' },
  ],
  tags: [
    { key: 'library_regular', kind: 'dynamic', label: '图书馆常客', why: '最近 90 天借书 7 本，借得最多的是文学类（规则：≥ 6 本）。' },
    { key: 'no_breakfast', kind: 'dynamic', label: '不吃早餐', why: '最近 14 天有消费的 14 天里，只有 14% 的日子在食堂吃了早餐（规则：≤ 20%，且至少 7 天有消费）。' },
  ],
  life: { breakfastRate: 0.14, breakfastRateEarlier: 0.43, spend30dYuan: 894, cohortMedianSpend30dYuan: 1138, monthlySpend: [], libraryLoans90d: 7, libraryTopCategory: '文学', lastActivityAt: '2026-12-03T14:54:00.000Z' },
  warnings: [],
}
