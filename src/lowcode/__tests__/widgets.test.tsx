import '@testing-library/jest-dom'
import { act, fireEvent } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { DataField, FieldType, FileValue, MicroAppDefinition } from '@contract/microapp'
import { FIELD_TYPES } from '@contract/microapp'
import * as chooser from '../media/choose-files'
import * as compression from '../media/compress-image'
import { fakeServices, field, flush, renderForm, typeIntoField } from './render-form'

const options = [
  { value: 'a', label: '甲' },
  { value: 'b', label: '乙' },
]

const EXTRA: Partial<Record<FieldType, Partial<DataField>>> = {
  select: { options },
  multiselect: { options },
  radio: { options },
  checkbox: { options },
  table: { columns: [{ key: 'stop', type: 'text', label: '途经点', required: true }], maxItems: 3 },
}

/** One field of every type, in one form. */
function everyType(): MicroAppDefinition {
  const fields: DataField[] = FIELD_TYPES.map((type) => ({ key: `f_${type}`, type, label: `字段${type}`, ...EXTRA[type] }))
  return {
    key: 'every',
    name: '全部类型',
    metadata: { fields },
    forms: {
      main: { items: [...fields.map((f) => ({ field: f.key })), { kind: 'static', text: '说明文字', style: 'tip' }] },
    },
    flow: { nodes: [{ id: 'start', type: 'start', name: '提交', form: 'main', next: 'end' }, { id: 'end', type: 'end', name: '完成' }] },
    publish: { roles: ['student'], platforms: ['h5'] },
  }
}

test('every field type of the contract has a widget', () => {
  const { container } = renderForm(everyType(), 'main')
  for (const type of FIELD_TYPES) {
    const element = field(container, `f_${type}`)
    expect(element).toHaveClass(`lc-field--${type}`)
    expect(element).not.toHaveTextContent('不支持的字段类型')
  }
  expect(container.querySelector('.lc-static')).toHaveTextContent('说明文字')
})

test('text, number, radio, checkbox and switch write values of the contract types', () => {
  const view = renderForm(everyType(), 'main')
  const { container } = view
  typeIntoField(container, 'f_text', '你好')
  typeIntoField(container, 'f_number', '12.5')
  fireEvent.click(field(container, 'f_radio').querySelectorAll('.nut-radio')[1])
  fireEvent.click(field(container, 'f_checkbox').querySelectorAll('.nut-checkbox')[0])
  fireEvent.click(field(container, 'f_switch').querySelector('.nut-switch')!)
  expect(view.form.values).toMatchObject({ f_text: '你好', f_number: 12.5, f_radio: 'b', f_checkbox: ['a'], f_switch: true })
  // clearing a field removes it rather than storing ''
  typeIntoField(container, 'f_text', '')
  expect(view.form.values).not.toHaveProperty('f_text')
})

test('a sub-table adds and removes rows, each row a small form with its own errors', () => {
  const view = renderForm(everyType(), 'main')
  const table = () => field(view.container, 'f_table')
  fireEvent.click(table().querySelector('.lc-table__add')!)
  fireEvent.click(table().querySelector('.lc-table__add')!)
  expect(table().querySelectorAll('.lc-table__row')).toHaveLength(2)
  typeIntoField(view.container, 'f_table/1/stop', '西门')
  expect(view.form.values.f_table).toEqual([{}, { stop: '西门' }])
  act(() => void view.form.validate())
  expect(field(view.container, 'f_table/0/stop').querySelector('.lc-field__error')).toHaveTextContent('途经点不能为空')
  fireEvent.click(table().querySelectorAll('.lc-table__remove')[0])
  expect(view.form.values.f_table).toEqual([{ stop: '西门' }])
})

describe('image upload', () => {
  const repairPhotos: MicroAppDefinition = {
    ...everyType(),
    metadata: { fields: [{ key: 'photos', type: 'image', label: '现场照片', maxItems: 2 }] },
    forms: { main: { items: [{ field: 'photos' }] } },
  }

  test('compresses each photo, shows its progress, and adds it when the upload finishes', async () => {
    jest.spyOn(Taro, 'chooseImage').mockResolvedValue({
      tempFilePaths: ['blob:one'],
      tempFiles: [{ path: 'blob:one', size: 4_000_000, type: 'image/jpeg' }],
      errMsg: 'chooseImage:ok',
    } as Taro.chooseImage.SuccessCallbackResult)
    const compress = jest.spyOn(compression, 'compressImage').mockResolvedValue('blob:small')
    let progress: (percent: number) => void = () => undefined
    let finish: (file: FileValue) => void = () => undefined
    const services = fakeServices({
      upload: jest.fn(
        (_file, onProgress) =>
          new Promise<FileValue>((resolve) => {
            progress = onProgress
            finish = resolve
          }),
      ),
    })
    const view = renderForm(repairPhotos, 'main', { services })
    fireEvent.click(view.container.querySelector('.lc-images__add')!)
    await flush()

    expect(compress).toHaveBeenCalledWith('blob:one')
    expect(services.upload).toHaveBeenCalledWith(expect.objectContaining({ path: 'blob:small' }), expect.any(Function))
    expect(view.form.pendingUploads).toBe(1)
    act(() => progress(40))
    expect(view.container.querySelector('.lc-images__progress')).toBeInTheDocument()
    expect(view.container.querySelector('.nut-progress-inner')?.getAttribute('style')).toContain('40%')

    await act(async () => finish({ id: 'f-1', name: '现场照片1.jpg', size: 300_000, mime: 'image/jpeg', url: '/u/f-1' }))
    expect(view.form.values.photos).toEqual([{ id: 'f-1', name: '现场照片1.jpg', size: 300_000, mime: 'image/jpeg', url: '/u/f-1' }])
    expect(view.form.pendingUploads).toBe(0)
    expect(view.container.querySelector('.lc-images__progress')).toBeNull()
  })

  test('a failed upload offers a retry and does not count as uploaded', async () => {
    jest.spyOn(Taro, 'chooseImage').mockResolvedValue({
      tempFilePaths: ['blob:one'],
      tempFiles: [{ path: 'blob:one', size: 1000, type: 'image/jpeg' }],
      errMsg: 'chooseImage:ok',
    } as Taro.chooseImage.SuccessCallbackResult)
    jest.spyOn(compression, 'compressImage').mockImplementation(async (path) => path)
    const upload = jest
      .fn()
      .mockRejectedValueOnce(new Error('network'))
      .mockResolvedValueOnce({ id: 'f-2', name: 'a.jpg', size: 1000, mime: 'image/jpeg', url: '/u/f-2' })
    const view = renderForm(repairPhotos, 'main', { services: fakeServices({ upload }) })
    fireEvent.click(view.container.querySelector('.lc-images__add')!)
    await flush()
    expect(view.container.querySelector('.lc-images__failed')).toHaveTextContent('上传失败')
    expect(view.form.values.photos).toBeUndefined()
    expect(view.form.pendingUploads).toBe(0)

    fireEvent.click(view.container.querySelector('.lc-images__mask')!)
    await flush()
    expect(upload).toHaveBeenCalledTimes(2)
    expect(view.form.values.photos).toEqual([expect.objectContaining({ id: 'f-2' })])
  })

  test('stops offering to add photos at the field maximum', async () => {
    const view = renderForm(repairPhotos, 'main', {
      saved: {
        photos: [
          { id: 'a', name: 'a', size: 1, mime: 'image/jpeg', url: '/a' },
          { id: 'b', name: 'b', size: 1, mime: 'image/jpeg', url: '/b' },
        ],
      },
    })
    expect(view.container.querySelectorAll('.lc-images__item')).toHaveLength(2)
    expect(view.container.querySelector('.lc-images__add')).toBeNull()
    fireEvent.click(view.container.querySelectorAll('.lc-images__remove')[0])
    expect(view.form.values.photos).toEqual([expect.objectContaining({ id: 'b' })])
    expect(view.container.querySelector('.lc-images__add')).not.toBeNull()
  })
})

test('date, datetime, time and range pickers write the formats the core validates', async () => {
  const view = renderForm(everyType(), 'main')
  const pick = async (path: string, nth = 0) => {
    await act(async () => {
      fireEvent.click(field(view.container, path).querySelectorAll('.lc-trigger')[nth])
    })
    const confirm = [...document.querySelectorAll('.nut-picker-confirm-btn')].find((button) => (button as HTMLElement).closest('.nut-popup') && getComputedStyle(button).display !== 'none')
    await act(async () => {
      fireEvent.click(confirm ?? document.querySelectorAll('.nut-picker-confirm-btn')[0])
    })
    await flush()
  }
  await pick('f_date')
  await pick('f_datetime')
  await pick('f_time')
  await pick('f_daterange', 0)
  await pick('f_daterange', 1)
  const { f_date, f_datetime, f_time, f_daterange } = view.form.values as Record<string, unknown>
  expect(f_date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  expect(f_datetime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
  expect(f_time).toMatch(/^\d{2}:\d{2}$/)
  expect(f_daterange).toEqual({ start: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), end: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })
  // and the core accepts what the widgets wrote
  act(() => void view.form.validate())
  for (const path of ['f_date', 'f_datetime', 'f_time', 'f_daterange']) {
    expect(field(view.container, path).querySelector('.lc-field__error')).toBeNull()
  }
})

test('multi-select picks in a sheet and writes on 确定 only', async () => {
  const view = renderForm(everyType(), 'main')
  fireEvent.click(field(view.container, 'f_multiselect').querySelector('.lc-trigger')!)
  const options = document.querySelectorAll('.lc-sheet__option')
  fireEvent.click(options[0])
  fireEvent.click(options[1])
  expect(view.form.values.f_multiselect).toBeUndefined()
  fireEvent.click(document.querySelector('.lc-sheet__confirm')!)
  expect(view.form.values.f_multiselect).toEqual(['a', 'b'])
  expect(field(view.container, 'f_multiselect')).toHaveTextContent('甲、乙')
})

test('file attachments upload with their names and sizes, and can be removed', async () => {
  jest.spyOn(chooser, 'chooseFiles').mockResolvedValue([{ path: 'blob:doc', name: '证明材料.pdf', size: 204_800, mime: 'application/pdf' }])
  const upload = jest.fn(async () => ({ id: 'f-9', name: '证明材料.pdf', size: 204_800, mime: 'application/pdf', url: '/u/f-9' }))
  const view = renderForm(everyType(), 'main', { services: fakeServices({ upload }) })
  fireEvent.click(field(view.container, 'f_file').querySelector('.lc-files__add')!)
  await flush()
  expect(upload).toHaveBeenCalledWith(expect.objectContaining({ path: 'blob:doc', name: '证明材料.pdf' }), expect.any(Function))
  expect(view.form.values.f_file).toEqual([expect.objectContaining({ id: 'f-9' })])
  expect(field(view.container, 'f_file')).toHaveTextContent('证明材料.pdf')
  expect(field(view.container, 'f_file')).toHaveTextContent('200 KB')
  fireEvent.click(field(view.container, 'f_file').querySelector('.lc-files__remove')!)
  expect(view.form.values.f_file).toBeUndefined()
})
