import type { Platform } from '@contract/roles'
import { service } from '../../../../tests/setup/fixtures'
import { resolveServiceAction } from '../open-service'

const on = (platform: Platform, overrides: Parameters<typeof service>[0]) => resolveServiceAction(service(overrides), platform)

test('services available elsewhere say where to open them', () => {
  expect(on('h5', { id: 'walk', name: '健步走', platforms: ['dd'] })).toEqual({ type: 'notice', message: '请在钉钉工作台中打开' })
  expect(on('dd', { id: 'run', name: '运动', platforms: ['weapp'] })).toEqual({ type: 'notice', message: '请在微信中打开' })
  expect(on('weapp', { id: 'x', name: 'x', platforms: [] })).toEqual({ type: 'notice', message: '该服务暂不可用' })
})

test('maintenance wins over opening, with a default message when the catalog has none', () => {
  expect(on('weapp', { id: 'a', name: 'a', status: 'maintenance' })).toEqual({
    type: 'dialog',
    title: '服务维护中',
    message: '服务维护中，请稍后再试',
  })
})

test('each kind maps to its action', () => {
  expect(on('dd', { id: 'repair', name: '报修 & 维修' })).toEqual({
    type: 'navigate',
    url: '/packages/microapp/pages/index/index?key=repair&name=%E6%8A%A5%E4%BF%AE%20%26%20%E7%BB%B4%E4%BF%AE',
  })
  expect(on('h5', { id: 'l', name: 'l', kind: 'link', target: 'https://a.example/x?y=1' })).toEqual({
    type: 'open-link',
    url: 'https://a.example/x?y=1',
  })
  expect(on('weapp', { id: 'p', name: 'p', kind: 'phone', target: '010-62780000' })).toEqual({
    type: 'call',
    phoneNumber: '010-62780000',
  })
  expect(on('weapp', { id: 'm', name: 'm', kind: 'miniprogram', target: 'wx123:pages/a/index?x=1' })).toEqual({
    type: 'open-mini-program',
    appId: 'wx123',
    path: 'pages/a/index?x=1',
  })
  expect(on('weapp', { id: 'm', name: 'm', kind: 'miniprogram', target: 'wx123' })).toEqual({
    type: 'open-mini-program',
    appId: 'wx123',
  })
  expect(on('dd', { id: 'm', name: 'm', kind: 'miniprogram', target: 'wx123' })).toEqual({
    type: 'notice',
    message: '请在微信中打开',
  })
})

test('an offline service never opens', () => {
  expect(on('h5', { id: 'o', name: 'o', status: 'offline' })).toEqual({ type: 'notice', message: '该服务已下线' })
})

test('a micro-app that is its own subpackage opens its page directly', () => {
  expect(on('weapp', { id: 'student-portrait', name: '学生画像', target: '/packages/portrait/pages/student/index' })).toEqual({
    type: 'navigate',
    url: '/packages/portrait/pages/student/index',
  })
})
