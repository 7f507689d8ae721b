import lodashKebabCase from 'lodash.kebabcase'
import kebabCase from '../kebab-case'

// The keys NutUI themes are written with, plus a few odd shapes.
const samples = [
  'nutuiColorPrimary',
  'nutuiBrandStop1',
  'nutui-button-primary-color',
  'nutuiFontSize14',
  'NutuiGridItemText',
  'buttonBorderRadius',
  'HTMLElement',
  'foo_bar baz',
  '',
]

test.each(samples)('matches lodash.kebabcase for %p', (sample) => {
  expect(kebabCase(sample)).toBe(lodashKebabCase(sample))
})
