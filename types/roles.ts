/** Every role a person can hold. One person may hold several (a teacher who is also a counselor). */
export const ROLES = [
  'student',
  'teacher',
  'counselor',
  'dispatcher',
  'worker',
  'guard',
  'parent',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Where a request comes from; services declare which platforms they work on. */
export const PLATFORMS = ['weapp', 'dd', 'h5'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Chinese labels the UI shows for each role. */
export const ROLE_LABELS: Record<Role, string> = {
  student: '学生',
  teacher: '教师',
  counselor: '辅导员',
  dispatcher: '报修调度',
  worker: '维修人员',
  guard: '门卫',
  parent: '家长',
  admin: '管理员',
};
