/**
 * The demo accounts: one per role, always present in a generated campus, all with the same
 * password. README, the e2e journeys and mini-program review accounts use these constants.
 */
import type { Role } from '../../types/roles';

export const DEMO_PASSWORD = 'campus123';

/** Login names: 学号 for the student, 工号 for staff, the mobile number for the parent. */
export const DEMO_USERNAMES = {
  student: '2023010101',
  counselor: '200001',
  teacher: '100001',
  dispatcher: '300001',
  worker: '300002',
  guard: '400001',
  parent: '13800000001',
  admin: '500001',
} as const satisfies Record<Role, string>;

export interface DemoAccount {
  role: Role;
  username: string;
  password: string;
  name: string;
  note: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    role: 'student',
    username: DEMO_USERNAMES.student,
    password: DEMO_PASSWORD,
    name: '陈思远',
    note: '计算机学院 计算机2301班 学生（微信小程序）',
  },
  {
    role: 'counselor',
    username: DEMO_USERNAMES.counselor,
    password: DEMO_PASSWORD,
    name: '王晓燕',
    note: '计算机学院辅导员，带 计算机2301班（钉钉）',
  },
  {
    role: 'teacher',
    username: DEMO_USERNAMES.teacher,
    password: DEMO_PASSWORD,
    name: '张建国',
    note: '计算机学院 副教授（钉钉）',
  },
  {
    role: 'dispatcher',
    username: DEMO_USERNAMES.dispatcher,
    password: DEMO_PASSWORD,
    name: '刘志强',
    note: '后勤保障处 报修调度',
  },
  {
    role: 'worker',
    username: DEMO_USERNAMES.worker,
    password: DEMO_PASSWORD,
    name: '赵德明',
    note: '后勤保障处 维修师傅（水电）',
  },
  {
    role: 'guard',
    username: DEMO_USERNAMES.guard,
    password: DEMO_PASSWORD,
    name: '孙卫东',
    note: '保卫处 校门岗',
  },
  {
    role: 'parent',
    username: DEMO_USERNAMES.parent,
    password: DEMO_PASSWORD,
    name: '陈国华',
    note: '学生 陈思远 的父亲，手机号登录（H5）',
  },
  {
    role: 'admin',
    username: DEMO_USERNAMES.admin,
    password: DEMO_PASSWORD,
    name: '周敏',
    note: '信息化建设与管理中心 管理员（H5）',
  },
];

export function demoAccount(role: Role): DemoAccount {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (!account) throw new Error(`no demo account for role ${role}`);
  return account;
}
