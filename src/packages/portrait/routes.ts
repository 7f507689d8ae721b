/** The portrait subpackage's pages, as Taro's navigation APIs take them. */
export const PORTRAIT_ROUTES = {
  student: '/packages/portrait/pages/student/index',
  counselor: '/packages/portrait/pages/counselor/index',
  teacher: '/packages/portrait/pages/teacher/index',
  admin: '/packages/portrait/pages/admin/index',
} as const
