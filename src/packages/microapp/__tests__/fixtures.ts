import type { DefinitionResponse, MicroAppDefinition, RequestDetail } from '@contract/microapp'
import { loadShipped } from '../../../lowcode/core/__tests__/shipped-definitions'

export const repair: MicroAppDefinition = loadShipped('repair')

export const repairResponse: DefinitionResponse = {
  key: 'repair',
  version: 3,
  publishedAt: '2026-12-01T08:00:00.000Z',
  definition: { ...repair, version: 3 },
  applicant: {
    id: 'u-1001',
    name: '李同学',
    kind: 'student',
    roles: ['student'],
    mobile: '13900000001',
    dorm: { buildingId: 'b-7', buildingName: '7号楼', roomId: 'b-7-301', roomName: '301' },
  },
}

export function requestDetail(overrides: Partial<RequestDetail> = {}): RequestDetail {
  return {
    id: 'r-1',
    appKey: 'repair',
    appName: '公寓报修',
    version: 3,
    title: '水电 / 水龙头 · 7号楼 301',
    status: 'running',
    applicant: { id: 'u-1001', name: '李同学' },
    values: {
      category: '水电/水龙头',
      location: { buildingId: 'b-7', buildingName: '7号楼', roomId: 'b-7-301', roomName: '301' },
      description: '卫生间水龙头一直滴水',
      phone: '13900000001',
    },
    nodeValues: {},
    currentNodes: [{ id: 'dispatch', name: '调度派单', type: 'task', assignees: [{ id: 'd-1', name: '刘志强' }] }],
    timeline: [{ id: 't-1', action: 'submit', actor: { id: 'u-1001', name: '李同学' }, nodeId: 'start', nodeName: '提交报修', at: '2026-12-04T01:00:00.000Z' }],
    myTasks: [],
    actions: ['withdraw', 'urge', 'comment'],
    definition: repair,
    createdAt: '2026-12-04T01:00:00.000Z',
    updatedAt: '2026-12-04T01:00:00.000Z',
    ...overrides,
  }
}
