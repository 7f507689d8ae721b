import type { DataField } from '../../../../types/microapp';
import { isEmptyValue, optionLabel, validateFieldValue } from '../fields';

const f = (type: DataField['type'], extra: Partial<DataField> = {}): DataField => ({ key: 'x', label: '字段', type, ...extra });
const options = [
  { value: 'a', label: 'A' },
  { value: 'b', label: 'B', children: [{ value: 'b1', label: 'B1' }] },
];
const file = (extra: Record<string, unknown> = {}) => ({ id: 'u1', name: 'a.jpg', size: 1000, mime: 'image/jpeg', ...extra });

// every field type: one value that passes, one or more that fail with the expected message
const cases: [string, DataField, unknown[], [unknown, RegExp][]][] = [
  ['text', f('text', { minLength: 2, maxLength: 4, pattern: '^[a-z]+$' }), ['ab', 'abcd'], [[1, /文本/], ['a', /至少 2/], ['abcde', /最多 4/], ['AB', /格式/]]],
  ['textarea', f('textarea', { maxLength: 3 }), ['三个字'], [['四个字啊', /最多 3/]]],
  ['number', f('number', { min: 1, max: 10, integer: true }), [1, 10], [['5', /数字/], [1.5, /整数/], [0, /小于 1/], [11, /大于 10/], [Number.NaN, /数字/]]],
  ['select', f('select', { options }), ['a', 'b/b1'], [['c', /选项无效/], ['b', /选项无效/], [['a'], /选项无效/]]],
  ['radio', f('radio', { options }), ['a'], [['z', /选项无效/]]],
  ['multiselect', f('multiselect', { options, maxItems: 1 }), [['a']], [['a', /列表/], [['a', 'b/b1'], /最多选择 1/], [['q'], /无效/]]],
  ['checkbox', f('checkbox', { options, minItems: 2 }), [['a', 'b/b1']], [[['a'], /至少选择 2/], [['a', 'a'], /重复/]]],
  ['switch', f('switch'), [true, false], [['yes', /是或否/]]],
  ['date', f('date', { min: '2026-01-01' }), ['2026-02-28'], [['2026-13-01', /YYYY-MM-DD/], ['2025-12-31', /早于/]]],
  ['datetime', f('datetime', { max: '2027-01-01 00:00' }), ['2026-05-01 08:30', '2026-05-01T08:30'], [['2026-05-01', /HH:mm/], ['2027-01-02 00:00', /晚于/]]],
  ['time', f('time'), ['23:59'], [['24:00', /HH:mm/], ['9:00', /HH:mm/]]],
  [
    'daterange',
    f('daterange', { withTime: true }),
    [{ start: '2026-05-01 08:00', end: '2026-05-01 10:00' }],
    [[{ start: '2026-05-01 10:00', end: '2026-05-01 08:00' }, /结束不能早于开始/], [{ start: '2026-05-01' }, /开始和结束/], [{ start: '2026-05-01', end: '2026-05-02' }, /HH:mm/]],
  ],
  ['region', f('region', { level: 2 }), [['浙江省', '杭州市']], [[['浙江省'], /市/], ['浙江省', /省市区/], [['浙江省', ''], /省市区/]]],
  [
    'location',
    f('location'),
    [{ buildingId: 'b1', buildingName: '1栋', roomId: 'r1', roomName: '101' }],
    [[{ buildingId: 'b1', buildingName: '1栋' }, /房间/], [{}, /楼栋/]],
  ],
  ['location (building level)', f('location', { level: 'building' }), [{ buildingId: 'b1', buildingName: '1栋' }], [[{ roomId: 'r' }, /楼栋/]]],
  ['phone', f('phone'), ['13800000001', '0571-88000000'], [['12345', /电话/], ['23800000001', /电话/]]],
  ['person', f('person'), [{ id: 'p1', name: '张三' }], [['p1', /一个人/], [{ name: '张三' }, /一个人/]]],
  [
    'image',
    f('image', { maxItems: 2, maxSizeKb: 2 }),
    [[file()], [file(), file({ id: 'u2' })]],
    [[[file(), file(), file()], /最多上传 2/], [[file({ size: 4000 })], /不能超过 2 KB/], [[file({ mime: 'application/pdf' })], /图片/], [[{ name: 'x' }], /无效的文件/], ['u1', /文件列表/]],
  ],
  ['file', f('file', { accept: ['application/pdf'] }), [[file({ mime: 'application/pdf' })]], [[[file()], /类型/]]],
  ['rating', f('rating'), [1, 5], [[0, /1 到 5/], [6, /1 到 5/], [3.5, /1 到 5/]]],
  ['rating (10 stars)', f('rating', { max: 10 }), [10], [[11, /1 到 10/]]],
  ['table', f('table', { maxItems: 1, columns: [f('text')] }), [[{ x: 'a' }]], [[[{}, {}], /最多填写 1/], [['row'], /无效的行/], [{}, /表格/]]],
];

describe('validateFieldValue', () => {
  it.each(cases)('%s', (_type, field, good, bad) => {
    for (const value of good) expect(validateFieldValue(field, value)).toBeNull();
    for (const [value, message] of bad) expect(validateFieldValue(field, value)).toMatch(message);
  });

  it('treats blank values as empty', () => {
    expect([undefined, null, '  ', []].every(isEmptyValue)).toBe(true);
    expect([0, false, 'x', ['a']].some(isEmptyValue)).toBe(false);
  });

  it('labels two-level options', () => {
    expect(optionLabel(options, 'b/b1')).toBe('B / B1');
    expect(optionLabel(options, 'a')).toBe('A');
    expect(optionLabel(options, 'zz')).toBe('zz');
  });
});
