import { elsewhereLabel } from '../availability'

test('names where a service works when it does not work here', () => {
  expect(elsewhereLabel({ platforms: ['weapp', 'dd', 'h5'] }, 'h5')).toBeNull()
  expect(elsewhereLabel({ platforms: ['dd'] }, 'h5')).toBe('钉钉')
  expect(elsewhereLabel({ platforms: ['weapp', 'dd'] }, 'h5')).toBe('钉钉/微信')
  expect(elsewhereLabel({ platforms: ['h5'] }, 'weapp')).toBe('网页')
  expect(elsewhereLabel({ platforms: [] }, 'dd')).toBe('暂不可用')
})
