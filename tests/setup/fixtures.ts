import type { Catalog, LoginResponse, Me, Service } from '@contract/api'

export const studentMe: Me = {
  id: 'u-1001',
  number: '2021110101',
  name: '李同学',
  kind: 'student',
  roles: ['student'],
  college: '计算机学院',
  major: '软件工程',
  className: '软件2101班',
}

export function loginResponse(overrides: Partial<LoginResponse> = {}): LoginResponse {
  return { accessToken: 'token-abc', expiresIn: 3600, user: studentMe, ...overrides }
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
