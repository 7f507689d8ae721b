import { validateDefinition } from '../definition';
import { loadShipped } from './shipped-definitions';

const repair = loadShipped('repair');
const classroom = loadShipped('classroom-booking');
const vehicle = loadShipped('vehicle-request');
const leave = loadShipped('leave-request');

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests break documents in arbitrary ways
type Doc = Record<string, any>;

describe('validateDefinition', () => {
  it.each([
    ['repair', repair],
    ['classroom-booking', classroom],
    ['vehicle-request', vehicle],
    ['leave-request', leave],
  ])('accepts the shipped %s definition', (_key, doc) => {
    expect(validateDefinition(doc)).toEqual([]);
  });

  const broken: [string, (doc: Doc) => void, { field: string; message: RegExp }][] = [
    ['a missing key', (d) => delete d.key, { field: '/key', message: /key/ }],
    ['a bad key', (d) => (d.key = 'Repair App'), { field: '/key', message: /小写字母/ }],
    ['an unknown field type', (d) => (d.metadata.fields[2].type = 'richtext'), { field: '/metadata/fields/2/type', message: /richtext/ }],
    ['a duplicate field key', (d) => (d.metadata.fields[3].key = 'category'), { field: '/metadata/fields/3/key', message: /重复/ }],
    ['a select without options', (d) => delete d.metadata.fields[0].options, { field: '/metadata/fields/0/options', message: /选项/ }],
    ['an invalid pattern', (d) => (d.metadata.fields[2].pattern = '(['), { field: '/metadata/fields/2/pattern', message: /正则/ }],
    ['min above max', (d) => (d.metadata.fields[2].minLength = 900), { field: '/metadata/fields/2/minLength', message: /不能大于/ }],
    ['a form item on a missing field', (d) => (d.forms.report.items[1].field = 'nope'), { field: '/forms/report/items/1/field', message: /nope/ }],
    [
      'a rule on an unknown field',
      (d) => (d.forms.report.items[4].requiredWhen = { '==': [{ var: 'colour' }, 'red'] }),
      { field: '/forms/report/items/4/requiredWhen/==/0/var', message: /colour/ },
    ],
    [
      'a rule with a forbidden operator',
      (d) => (d.forms.report.items[4].requiredWhen = { log: 'x' }),
      { field: '/forms/report/items/4/requiredWhen/log', message: /不支持的运算符/ },
    ],
    ['a next to nowhere', (d) => (d.flow.nodes[3].next = 'ghost'), { field: '/flow/nodes/3/next', message: /ghost/ }],
    ['two start nodes', (d) => d.flow.nodes.push({ ...d.flow.nodes[0], id: 'start2' }), { field: '/flow/nodes', message: /开始节点/ }],
    ['a missing start form', (d) => (d.flow.nodes[0].form = 'missing'), { field: '/flow/nodes/0/form', message: /missing/ }],
    [
      'an assignee field that is not a person',
      (d) => (d.flow.nodes[4].assignee = { kind: 'field', field: 'phone' }),
      { field: '/flow/nodes/4/assignee/field', message: /不是人员字段/ },
    ],
    [
      'an assignee field chosen only later',
      (d) => (d.flow.nodes[3].assignee = { kind: 'field', field: 'worker' }),
      { field: '/flow/nodes/3/assignee/field', message: /之前/ },
    ],
    ['an unknown role', (d) => (d.flow.nodes[3].assignee = { kind: 'role', role: 'janitor' }), { field: '/flow/nodes/3/assignee/role', message: /janitor/ }],
    ['a cycle', (d) => (d.flow.nodes[5].next = 'handle'), { field: '/flow/nodes/5', message: /confirm.*循环/ }],
    [
      'an unreachable node',
      (d) => d.flow.nodes.push({ id: 'orphan', type: 'end', name: '孤儿' }),
      { field: '/flow/nodes/7', message: /无法到达/ },
    ],
    ['a reject target that is not a task', (d) => (d.flow.nodes[5].rejectTo = ['end']), { field: '/flow/nodes/5/rejectTo/0', message: /驳回目标/ }],
    ['a zero-hour timeout', (d) => (d.flow.nodes[5].timeouts[0].hours = 0), { field: '/flow/nodes/5/timeouts/0/hours', message: /大于 0/ }],
    ['an escalation without target', (d) => delete d.flow.nodes[4].timeouts[1].to, { field: '/flow/nodes/4/timeouts/1/to', message: /escalate/ }],
    ['an unknown platform', (d) => (d.publish.platforms = ['alipay']), { field: '/publish/platforms/0', message: /alipay/ }],
    ['a nested sub-table', (d) => d.metadata.fields.push({ key: 't', type: 'table', label: '表', columns: [{ key: 'u', type: 'table', label: '内', columns: [{ key: 'x', type: 'text', label: 'x' }] }] }), { field: '/metadata/fields/12/columns/0/type', message: /嵌套/ }],
  ];

  it.each(broken)('rejects %s naming the field', (_name, mutate, expected) => {
    const doc = clone(repair) as Doc;
    mutate(doc);
    expect(validateDefinition(doc)).toEqual(expect.arrayContaining([{ field: expected.field, message: expect.stringMatching(expected.message) }]));
  });

  it('rejects something that is not an object at all', () => {
    expect(validateDefinition('repair')).toEqual([{ field: '/', message: expect.any(String) }]);
  });
});
