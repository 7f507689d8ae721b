import '@testing-library/jest-dom'
import { act, fireEvent, screen } from '@testing-library/react'
import { loadShipped } from '../core/__tests__/shipped-definitions'
import { field, flush, renderForm, typeIntoField } from './render-form'

const repair = loadShipped('repair')
const applicant = {
  id: 'u-1',
  name: '陈思远',
  kind: 'student' as const,
  roles: ['student' as const],
  mobile: '13900000001',
  dorm: { buildingId: 'b-7', buildingName: '7号楼', roomId: 'b-7-301', roomName: '301' },
}

test('renders the applicant form in order, with defaults from rules and a static warning', () => {
  const { container } = renderForm(repair, 'report', { context: { applicant } })
  const paths = [...container.querySelectorAll('[data-field]')].map((element) => element.getAttribute('data-field'))
  expect(paths).toEqual(['category', 'location', 'description', 'photos', 'slots', 'phone'])
  expect(container.querySelector('.lc-static--warning')).toHaveTextContent('紧急情况')
  // $applicant.dorm and $applicant.mobile prefill the form
  expect(field(container, 'location')).toHaveTextContent('7号楼 301')
  expect(container.querySelector('[data-field="phone"] taro-input-core')).toHaveAttribute('value', '13900000001')
  // the dispatcher's and the worker's fields are not in the applicant's form
  expect(container.querySelector('[data-field="worker"]')).toBeNull()
})

test('photos become required for 门窗 and 家具, as the rule says', () => {
  const { container, form } = renderForm(repair, 'report', { context: { applicant } })
  const required = () => field(container, 'photos').querySelector('.lc-field__required')
  expect(required()).toBeNull()
  act(() => form.setValue('category', '门窗/门锁'))
  expect(required()).not.toBeNull()
  act(() => form.setValue('category', '水电/水龙头'))
  expect(required()).toBeNull()
})

test('a field shown only when a rule holds appears when it does', () => {
  const view = renderForm(repair, 'rate')
  const { container } = view
  expect(container.querySelector('[data-field="ratingComment"]')).toBeNull()
  const stars = container.querySelectorAll('[data-field="rating"] .nut-rate-item')
  expect(stars).toHaveLength(5)
  fireEvent.click(stars[3])
  expect(view.form.values.rating).toBe(4)
  expect(container.querySelector('[data-field="ratingComment"]')).not.toBeNull()
})

test('client validation runs the core: errors show for touched fields, all of them after submit', () => {
  const { container, form } = renderForm(repair, 'report', { context: { applicant: { ...applicant, mobile: undefined } } })
  typeIntoField(container, 'description', '坏了')
  expect(field(container, 'description')).toHaveTextContent('问题描述')
  expect(field(container, 'description').querySelector('.lc-field__error')).toHaveTextContent(/至少|不能少于|5/)
  // untouched empty fields stay quiet until a submit attempt
  expect(field(container, 'category').querySelector('.lc-field__error')).toBeNull()
  let result: unknown
  act(() => {
    result = form.validate()
  })
  expect(result).toBeNull()
  expect(field(container, 'category').querySelector('.lc-field__error')).toHaveTextContent('报修类别不能为空')
  expect(field(container, 'phone').querySelector('.lc-field__error')).toHaveTextContent('联系电话不能为空')

  typeIntoField(container, 'phone', '12345')
  expect(field(container, 'phone').querySelector('.lc-field__error')).toHaveTextContent('不是有效的电话号码')
})

test('server field errors land under their fields and clear when the field changes', () => {
  const { container, form } = renderForm(repair, 'report', { context: { applicant } })
  act(() => form.showServerErrors([{ field: '/values/description', message: '描述里不能有联系方式' }]))
  expect(field(container, 'description').querySelector('.lc-field__error')).toHaveTextContent('描述里不能有联系方式')
  typeIntoField(container, 'description', '卫生间水龙头一直滴水')
  expect(field(container, 'description').querySelector('.lc-field__error')).toBeNull()
})

test('the location picker walks building → room from the server', async () => {
  const view = renderForm(repair, 'report')
  const { container, services } = view
  fireEvent.click(field(container, 'location').querySelector('.lc-trigger')!)
  await flush()
  expect(services.listBuildings).toHaveBeenCalledWith('dorm')
  fireEvent.click(await screen.findByText('8号楼'))
  await flush()
  expect(services.listRooms).toHaveBeenCalledWith('b-8')
  fireEvent.click(await screen.findByText('302'))
  expect(view.form.values.location).toEqual({ buildingId: 'b-8', buildingName: '8号楼', roomId: 'b-8-302', roomName: '302' })
  expect(field(container, 'location')).toHaveTextContent('8号楼 302')
})

test('the person picker searches the server with the field role', async () => {
  const view = renderForm(repair, 'assign')
  const { container, services } = view
  fireEvent.click(field(container, 'worker').querySelector('.lc-trigger')!)
  await flush()
  expect(services.searchPeople).toHaveBeenCalledWith('', 'worker')
  fireEvent.click(await screen.findByText('赵德明'))
  expect(view.form.values.worker).toEqual({ id: 'p-2', name: '赵德明' })
})
