import type { Catalog, Service } from '@contract/api'
import type { LoginResult, MeDetail, SessionTokens } from '@contract/auth'

export const studentMe: MeDetail = {
  id: 'u-1001',
  number: '2021110101',
  name: '李同学',
  kind: 'student',
  roles: ['student'],
  college: '计算机学院',
  major: '软件工程',
  className: '软件2101班',
  bindings: [],
  parentVisibility: { leaveStatus: true, portrait: false },
}

export const parentMe: MeDetail = {
  id: 'p-2001',
  number: '13800000001',
  name: '李家长',
  kind: 'parent',
  roles: ['parent'],
  bindings: [],
  children: [
    { id: 'u-1001', name: '李同学', number: '2021110101', className: '软件2101班', relation: '父亲' },
    { id: 'u-1002', name: '李小妹', number: '2024020202', className: '数学2401班', relation: '父亲' },
  ],
  activeChildId: 'u-1001',
}

/** Tokens as the server issues them: a 15-minute access token, a 30-day refresh token. */
export function sessionTokens(overrides: Partial<SessionTokens> = {}): SessionTokens {
  return { accessToken: 'token-abc', expiresIn: 900, refreshToken: 'refresh-abc-0123456789', refreshExpiresIn: 30 * 86_400, ...overrides }
}

export function loginResult(overrides: Partial<LoginResult> = {}): LoginResult {
  return { ...sessionTokens(), user: studentMe, ...overrides }
}

export function service(overrides: Partial<Service> & Pick<Service, 'id' | 'name'>): Service {
  return {
    icon: 'doc',
    description: '',
    categoryId: 'life',
    department: '后勤处',
    kind: 'microapp',
    target: overrides.id,
    status: 'online',
    platforms: ['weapp', 'dd', 'h5'],
    ...overrides,
  }
}

export const demoCatalog: Catalog = {
  categories: [
    { id: 'study', name: '学习服务', sort: 2 },
    { id: 'life', name: '生活服务', sort: 1 },
  ],
  services: [
    service({ id: 'repair', name: '报修', icon: 'repair', categoryId: 'life' }),
    service({ id: 'leave', name: '离返校', icon: 'leave', categoryId: 'life' }),
    service({ id: 'library', name: '图书馆', icon: 'unknown-key', categoryId: 'study', kind: 'link', target: 'https://lib.example.edu.cn' }),
    service({
      id: 'classroom',
      name: '教室借用',
      icon: 'room',
      categoryId: 'study',
      status: 'maintenance',
      statusMessage: '系统升级中，预计 18:00 恢复',
    }),
    service({ id: 'walk', name: '健步走', icon: 'walk', categoryId: 'life', platforms: ['dd'] }),
    service({ id: 'old-portal', name: '旧门户', categoryId: 'study', status: 'offline' }),
  ],
}
