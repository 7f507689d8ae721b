import { advance, earlierTaskNodes, startNode } from '../flow';
import { fieldStates, initialValues, validateForm } from '../form';
import { evaluateRule, ruleHolds } from '../rules';
import { loadShipped } from './shipped-definitions';

const repair = loadShipped('repair');
const vehicle = loadShipped('vehicle-request');
const classroom = loadShipped('classroom-booking');
const dorm = { buildingId: 'dorm-A01', buildingName: '东区1栋', roomId: 'dorm-A01-101', roomName: '101' };
const applicant = { id: 'p1', name: '陈思远', kind: 'student' as const, roles: ['student' as const], mobile: '13900000000', dorm };
const good = { category: '水电/水龙头', location: dorm, description: '卫生间水龙头一直滴水', phone: '13900000000' };

describe('rules', () => {
  it('evaluates JSON logic without compiling code', () => {
    expect(evaluateRule({ '+': [1, { var: 'n' }] }, { n: 2 })).toBe(3);
    expect(ruleHolds({ in: ['门窗/', { var: 'category' }] }, { category: '门窗/门锁' })).toBe(true);
    expect(ruleHolds({ some: [{ var: 'rows' }, { '>': [{ var: 'n' }, 2] }] }, { rows: [{ n: 1 }, { n: 3 }] })).toBe(true);
    expect(ruleHolds(undefined, {}, true)).toBe(true);
  });

  it('falls back instead of throwing on an unknown operator', () => {
    expect(evaluateRule({ nope: [1] } as never, {}, 'fallback')).toBe('fallback');
  });
});

describe('forms', () => {
  it('prefills from the applicant through default rules', () => {
    expect(initialValues(repair, 'report', { applicant })).toEqual({ location: dorm, phone: '13900000000' });
    expect(initialValues(repair, 'report', { applicant }, { phone: '13800000001' }).phone).toBe('13800000001');
    expect(initialValues(classroom, 'apply', {})).toEqual({ purpose: 'club', attendees: 30, needsKey: false });
  });

  it('makes photos required for door and furniture repairs only', () => {
    const photos = (category: string) => fieldStates(repair, 'report', { category }).find((s) => s.field.key === 'photos');
    expect(photos('门窗/门锁')?.required).toBe(true);
    expect(photos('水电/电灯')?.required).toBe(false);
    const result = validateForm(repair, 'report', { ...good, category: '家具/床' });
    expect(result.errors).toEqual([{ field: '/values/photos', message: '现场照片不能为空' }]);
  });

  it('names every bad field and keeps only visible, known values', () => {
    const result = validateForm(repair, 'report', { category: '水电', description: '坏', phone: '123', extra: 'x' });
    expect(result.errors.map((e) => e.field)).toEqual(['/values/category', '/values/location', '/values/description', '/values/phone']);
    const ok = validateForm(repair, 'report', { ...good, description: '  卫生间水龙头一直滴水  ', extra: 'x' });
    expect(ok.errors).toEqual([]);
    expect(ok.values).toEqual({ ...good });
  });

  it('hides fields by rule and neither validates nor keeps them', () => {
    const rated = validateForm(repair, 'rate', { ratingComment: 'x'.repeat(400) });
    expect(rated.errors).toEqual([{ field: '/values/rating', message: '满意度不能为空' }]);
    expect(validateForm(repair, 'rate', { rating: 5, ratingComment: '很快' }).values).toEqual({ rating: 5, ratingComment: '很快' });
  });

  it('validates sub-table cells by row and column', () => {
    const base = { departAt: '2026-05-01 08:00', returnDate: '2026-05-01', region: ['浙江省', '杭州市', '西湖区'], passengers: 2, reason: '参加会议', contact: '13900000000' };
    const result = validateForm(vehicle, 'apply', { ...base, route: [{ from: '校本部', to: '' }, { from: '', to: '机场', junk: 1 }] });
    expect(result.errors).toEqual([
      { field: '/values/route/0/to', message: '行程第 1 行的目的地不能为空' },
      { field: '/values/route/1/from', message: '行程第 2 行的出发地不能为空' },
    ]);
    const ok = validateForm(vehicle, 'apply', { ...base, route: [{ from: '校本部', to: '机场', junk: 1 }] });
    expect(ok.errors).toEqual([]);
    expect(ok.values.route).toEqual([{ from: '校本部', to: '机场' }]);
    expect(validateForm(vehicle, 'apply', { ...base, passengers: 30, route: [{ from: 'a', to: 'b' }] }).errors).toEqual([
      { field: '/values/attachment', message: '公函附件不能为空' },
    ]);
  });
});

describe('flow', () => {
  it('routes condition branches and collects CC nodes', () => {
    const start = startNode(classroom);
    expect(advance(classroom, start.next, { attendees: 150 }).stop.id).toBe('security');
    expect(advance(classroom, start.next, { attendees: 20 }).stop.id).toBe('manager');
    const after = advance(classroom, 'notify', {});
    expect(after.cc.map((n) => n.id)).toEqual(['notify']);
    expect(after.stop.type).toBe('end');
  });

  it('lists the task nodes a reject can go back to', () => {
    expect(earlierTaskNodes(repair, 'confirm').map((n) => n.id)).toEqual(['network', 'dispatch', 'handle']);
    expect(earlierTaskNodes(repair, 'dispatch')).toEqual([]);
  });

  it('dispatches 网络 repairs straight to the network centre', () => {
    expect(advance(repair, 'route', { category: '网络/无线' }).stop.id).toBe('network');
    expect(advance(repair, 'route', { category: '水电/电灯' }).stop.id).toBe('dispatch');
  });
});
