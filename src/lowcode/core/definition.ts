/**
 * Validates a micro-app definition document before it is stored or published. Each problem
 * comes back with a JSON-pointer path into the document and a Chinese message saying what is
 * wrong there, e.g. `/flow/nodes/3/assignee/field: 引用的字段「worker」不是人员字段`.
 */
import type { DefinitionIssue, FieldType, MicroAppDefinition } from '../../../types/microapp';
import { FIELD_TYPES } from '../../../types/microapp-fields';
import { PLATFORMS, ROLES } from '../../../types/roles';
import { successors } from './flow';
import { checkRule } from './rules';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

const KEY_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;
const FIELD_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const FIELD_TYPE_SET = new Set<string>(FIELD_TYPES);
const OPTION_TYPES = new Set<FieldType>(['select', 'multiselect', 'radio', 'checkbox']);
const NODE_TYPES = new Set(['start', 'approval', 'task', 'cc', 'condition', 'end']);
const ASSIGNEE_KINDS = new Set(['counselor', 'collegeLeader', 'role', 'field', 'applicant', 'people']);
const TIMEOUT_ACTIONS = new Set(['remind', 'escalate', 'autoComplete']);
const ROLE_SET = new Set<string>(ROLES);
const PLATFORM_SET = new Set<string>(PLATFORMS);

class Issues {
  readonly list: DefinitionIssue[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
}

function checkOptions(options: unknown, path: string, issues: Issues): void {
  if (!Array.isArray(options) || options.length === 0) {
    issues.add(path, '选择类字段必须提供至少一个选项');
    return;
  }
  const seen = new Set<string>();
  options.forEach((option, i) => {
    const p = `${path}/${i}`;
    if (!isObject(option) || !isNonEmptyString(option.value) || !isNonEmptyString(option.label)) {
      issues.add(p, '选项必须有 value 和 label');
      return;
    }
    if (option.value.includes('/')) issues.add(`${p}/value`, '选项值不能包含「/」');
    if (seen.has(option.value)) issues.add(`${p}/value`, `选项值「${option.value}」重复`);
    seen.add(option.value);
    if (option.children !== undefined) checkOptions(option.children, `${p}/children`, issues);
  });
}

function checkField(field: unknown, path: string, issues: Issues, inTable: boolean): string | null {
  if (!isObject(field)) {
    issues.add(path, '字段定义必须是对象');
    return null;
  }
  const key = field.key;
  if (typeof key !== 'string' || !FIELD_KEY_PATTERN.test(key)) {
    issues.add(`${path}/key`, '字段 key 必须以字母开头，只含字母、数字和下划线');
  }
  if (!isNonEmptyString(field.label)) issues.add(`${path}/label`, '字段必须有名称（label）');
  const type = field.type;
  if (typeof type !== 'string' || !FIELD_TYPE_SET.has(type)) {
    issues.add(`${path}/type`, `不支持的字段类型「${String(type)}」`);
    return typeof key === 'string' ? key : null;
  }
  if (OPTION_TYPES.has(type as FieldType)) checkOptions(field.options, `${path}/options`, issues);
  if (field.pattern !== undefined) {
    try {
      if (typeof field.pattern !== 'string') throw new Error('not a string');
      new RegExp(field.pattern);
    } catch {
      issues.add(`${path}/pattern`, '正则表达式无效');
    }
  }
  for (const bound of ['minLength', 'maxLength', 'minItems', 'maxItems', 'maxSizeKb'] as const) {
    const value = field[bound];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
      issues.add(`${path}/${bound}`, `${bound} 必须是非负整数`);
    }
  }
  const pairs: [string, string][] = [
    ['minLength', 'maxLength'],
    ['minItems', 'maxItems'],
    ['min', 'max'],
  ];
  for (const [low, high] of pairs) {
    const a = field[low];
    const b = field[high];
    if (a !== undefined && b !== undefined && typeof a === typeof b && (a as number) > (b as number)) {
      issues.add(`${path}/${low}`, `${low} 不能大于 ${high}`);
    }
  }
  if (type === 'table') {
    if (inTable) issues.add(`${path}/type`, '子表内不能再嵌套子表');
    if (!Array.isArray(field.columns) || field.columns.length === 0) {
      issues.add(`${path}/columns`, '子表必须定义至少一列');
    } else {
      const columnKeys = new Set<string>();
      field.columns.forEach((column, i) => {
        const columnKey = checkField(column, `${path}/columns/${i}`, issues, true);
        if (columnKey && columnKeys.has(columnKey)) issues.add(`${path}/columns/${i}/key`, `列 key「${columnKey}」重复`);
        if (columnKey) columnKeys.add(columnKey);
      });
    }
  }
  if (type === 'location' && field.scope !== undefined && field.scope !== 'dorm' && field.scope !== 'teaching') {
    issues.add(`${path}/scope`, '校园位置的 scope 只能是 dorm 或 teaching');
  }
  if (type === 'region' && field.level !== undefined && ![1, 2, 3].includes(field.level as number)) {
    issues.add(`${path}/level`, '省市区的 level 只能是 1、2 或 3');
  }
  if (field.role !== undefined && !ROLE_SET.has(field.role as string)) {
    issues.add(`${path}/role`, `未知角色「${String(field.role)}」`);
  }
  return typeof key === 'string' ? key : null;
}

function checkForms(doc: Json, fieldTypes: Map<string, FieldType>, issues: Issues): Set<string> {
  const formKeys = new Set<string>();
  if (!isObject(doc.forms)) {
    issues.add('/forms', '必须提供 forms（各步骤的表单）');
    return formKeys;
  }
  const fieldKeys = new Set(fieldTypes.keys());
  for (const [formKey, form] of Object.entries(doc.forms)) {
    formKeys.add(formKey);
    const path = `/forms/${formKey}`;
    if (!isObject(form) || !Array.isArray(form.items)) {
      issues.add(`${path}/items`, '表单必须有 items 数组');
      continue;
    }
    const used = new Set<string>();
    form.items.forEach((item, i) => {
      const p = `${path}/items/${i}`;
      if (!isObject(item)) {
        issues.add(p, '表单项必须是对象');
        return;
      }
      if (item.kind === 'static') {
        if (!isNonEmptyString(item.text)) issues.add(`${p}/text`, '说明文字不能为空');
      } else if (item.kind !== undefined && item.kind !== 'field') {
        issues.add(`${p}/kind`, `未知的表单项类型「${String(item.kind)}」`);
        return;
      } else if (typeof item.field !== 'string' || !fieldTypes.has(item.field)) {
        issues.add(`${p}/field`, `表单引用了不存在的字段「${String(item.field)}」`);
      } else if (used.has(item.field)) {
        issues.add(`${p}/field`, `字段「${item.field}」在同一表单中出现了两次`);
      } else {
        used.add(item.field);
      }
      for (const ruleKey of ['visibleWhen', 'requiredWhen'] as const) {
        if (item[ruleKey] !== undefined) issues.list.push(...checkRule(item[ruleKey], `${p}/${ruleKey}`, fieldKeys));
      }
      if (isObject(item.default) && 'rule' in item.default) {
        issues.list.push(...checkRule(item.default.rule, `${p}/default/rule`, fieldKeys));
      }
    });
  }
  return formKeys;
}

function formFieldKeys(doc: Json, formKey: string): string[] {
  const form = isObject(doc.forms) ? doc.forms[formKey] : undefined;
  if (!isObject(form) || !Array.isArray(form.items)) return [];
  return form.items.flatMap((item) => (isObject(item) && typeof item.field === 'string' ? [item.field] : []));
}

function checkAssignee(
  assignee: unknown,
  path: string,
  issues: Issues,
  fieldTypes: Map<string, FieldType>,
  personFieldsBefore: Set<string>,
): void {
  if (!isObject(assignee) || typeof assignee.kind !== 'string' || !ASSIGNEE_KINDS.has(assignee.kind)) {
    issues.add(`${path}/kind`, `处理人规则必须是 ${[...ASSIGNEE_KINDS].join(' / ')} 之一`);
    return;
  }
  if (assignee.kind === 'role' && !ROLE_SET.has(assignee.role as string)) {
    issues.add(`${path}/role`, `未知角色「${String(assignee.role)}」`);
  }
  if (assignee.kind === 'people') {
    if (!Array.isArray(assignee.numbers) || assignee.numbers.length === 0 || !assignee.numbers.every(isNonEmptyString)) {
      issues.add(`${path}/numbers`, '指定人员必须列出至少一个工号');
    }
  }
  if (assignee.kind === 'field') {
    const field = assignee.field;
    if (typeof field !== 'string' || !fieldTypes.has(field)) {
      issues.add(`${path}/field`, `引用了不存在的字段「${String(field)}」`);
    } else if (fieldTypes.get(field) !== 'person') {
      issues.add(`${path}/field`, `引用的字段「${field}」不是人员字段`);
    } else if (!personFieldsBefore.has(field)) {
      issues.add(`${path}/field`, `字段「${field}」不在此节点之前的任何表单中`);
    }
  }
}

function checkFlow(doc: Json, fieldTypes: Map<string, FieldType>, formKeys: Set<string>, issues: Issues): void {
  const flow = doc.flow;
  if (!isObject(flow) || !Array.isArray(flow.nodes) || flow.nodes.length === 0) {
    issues.add('/flow/nodes', '流程必须有节点');
    return;
  }
  const nodes = flow.nodes as unknown[];
  const ids = new Map<string, number>();
  nodes.forEach((node, i) => {
    const path = `/flow/nodes/${i}`;
    if (!isObject(node)) return issues.add(path, '节点必须是对象');
    if (!isNonEmptyString(node.id)) return issues.add(`${path}/id`, '节点必须有 id');
    if (ids.has(node.id)) issues.add(`${path}/id`, `节点 id「${node.id}」重复`);
    ids.set(node.id, i);
    if (!isNonEmptyString(node.name)) issues.add(`${path}/name`, '节点必须有名称');
    if (typeof node.type !== 'string' || !NODE_TYPES.has(node.type)) {
      issues.add(`${path}/type`, `未知的节点类型「${String(node.type)}」`);
    }
  });
  const valid = nodes.filter((n): n is Json => isObject(n) && isNonEmptyString(n.id) && NODE_TYPES.has(n.type as string));
  const starts = valid.filter((n) => n.type === 'start');
  if (starts.length !== 1) issues.add('/flow/nodes', '流程必须恰好有一个开始节点');
  if (!valid.some((n) => n.type === 'end')) issues.add('/flow/nodes', '流程必须有结束节点');

  const refOk = (target: unknown, path: string): boolean => {
    if (typeof target !== 'string' || !ids.has(target)) {
      issues.add(path, `指向了不存在的节点「${String(target)}」`);
      return false;
    }
    return true;
  };
  let linksOk = true;
  valid.forEach((node) => {
    const path = `/flow/nodes/${ids.get(node.id as string)}`;
    if (node.type === 'end') return;
    if (node.type === 'condition') {
      if (!Array.isArray(node.branches) || node.branches.length === 0) {
        issues.add(`${path}/branches`, '条件节点必须至少有一个分支');
        linksOk = false;
      } else {
        node.branches.forEach((branch, b) => {
          if (!isObject(branch)) {
            issues.add(`${path}/branches/${b}`, '分支必须是对象');
            linksOk = false;
            return;
          }
          if (branch.when === undefined) issues.add(`${path}/branches/${b}/when`, '分支必须有条件（when）');
          else issues.list.push(...checkRule(branch.when, `${path}/branches/${b}/when`, new Set(fieldTypes.keys())));
          linksOk = refOk(branch.next, `${path}/branches/${b}/next`) && linksOk;
        });
      }
      linksOk = refOk(node.default, `${path}/default`) && linksOk;
      return;
    }
    linksOk = refOk(node.next, `${path}/next`) && linksOk;
    if (node.type === 'start' && (typeof node.form !== 'string' || !formKeys.has(node.form))) {
      issues.add(`${path}/form`, `开始节点引用了不存在的表单「${String(node.form)}」`);
    }
    if ((node.type === 'approval' || node.type === 'task') && node.form !== undefined && !formKeys.has(node.form as string)) {
      issues.add(`${path}/form`, `节点引用了不存在的表单「${String(node.form)}」`);
    }
    if ((node.type === 'approval' || node.type === 'task') && node.mode !== undefined && node.mode !== 'any' && node.mode !== 'all') {
      issues.add(`${path}/mode`, 'mode 只能是 any（或签）或 all（会签）');
    }
  });
  if (!linksOk || starts.length !== 1) return;

  // graph checks: every node reachable, no cycle in `next` (a reject-back is not a `next` link)
  const byId = new Map(valid.map((n) => [n.id as string, n]));
  const next = (node: Json): string[] => successors(node as never);
  const start = starts[0];
  const reached = new Set<string>();
  const onPath = new Set<string>();
  // the person fields filled in before each node, along any path (assignee `field` rules)
  const personBefore = new Map<string, Set<string>>();
  let cycleAt: string | null = null;
  const walk = (id: string, filled: Set<string>): void => {
    if (onPath.has(id)) {
      cycleAt ??= id;
      return;
    }
    const node = byId.get(id);
    if (!node) return;
    const known = personBefore.get(id) ?? new Set<string>();
    filled.forEach((f) => known.add(f));
    personBefore.set(id, known);
    reached.add(id);
    onPath.add(id);
    const after = new Set(filled);
    if (typeof node.form === 'string') {
      for (const key of formFieldKeys(doc, node.form)) if (fieldTypes.get(key) === 'person') after.add(key);
    }
    for (const target of next(node)) walk(target, after);
    onPath.delete(id);
  };
  walk(start.id as string, new Set());
  if (cycleAt !== null) issues.add(`/flow/nodes/${ids.get(cycleAt)}`, `流程在节点「${cycleAt}」处形成了循环`);
  valid.forEach((node) => {
    if (!reached.has(node.id as string)) issues.add(`/flow/nodes/${ids.get(node.id as string)}`, `节点「${String(node.id)}」从开始节点无法到达`);
  });

  valid.forEach((node) => {
    const path = `/flow/nodes/${ids.get(node.id as string)}`;
    const before = personBefore.get(node.id as string) ?? new Set<string>();
    if (node.type === 'approval' || node.type === 'task' || node.type === 'cc') {
      checkAssignee(node.assignee, `${path}/assignee`, issues, fieldTypes, before);
    }
    if (node.type !== 'approval' && node.type !== 'task') return;
    if (node.rejectTo !== undefined) {
      if (!Array.isArray(node.rejectTo)) issues.add(`${path}/rejectTo`, 'rejectTo 必须是数组');
      else
        node.rejectTo.forEach((target, r) => {
          if (target === 'applicant') return;
          const targetNode = typeof target === 'string' ? byId.get(target) : undefined;
          if (!targetNode || (targetNode.type !== 'approval' && targetNode.type !== 'task')) {
            issues.add(`${path}/rejectTo/${r}`, `驳回目标「${String(target)}」必须是 applicant 或一个审批/办理节点`);
          }
        });
    }
    if (node.timeouts !== undefined) {
      if (!Array.isArray(node.timeouts)) issues.add(`${path}/timeouts`, 'timeouts 必须是数组');
      else
        node.timeouts.forEach((timeout, t) => {
          const p = `${path}/timeouts/${t}`;
          if (!isObject(timeout)) return issues.add(p, '超时设置必须是对象');
          if (typeof timeout.hours !== 'number' || !(timeout.hours > 0)) issues.add(`${p}/hours`, '超时时长（小时）必须大于 0');
          if (!TIMEOUT_ACTIONS.has(timeout.action as string)) issues.add(`${p}/action`, '超时动作只能是 remind、escalate 或 autoComplete');
          if (timeout.action === 'escalate') {
            if (timeout.to === undefined) issues.add(`${p}/to`, '升级（escalate）必须指定通知对象 to');
            else checkAssignee(timeout.to, `${p}/to`, issues, fieldTypes, before);
          }
          if (timeout.autoAction !== undefined && timeout.autoAction !== 'approve' && timeout.autoAction !== 'reject') {
            issues.add(`${p}/autoAction`, 'autoAction 只能是 approve 或 reject');
          }
        });
    }
  });
}

function checkPublish(doc: Json, issues: Issues): void {
  const publish = doc.publish;
  if (!isObject(publish)) return issues.add('/publish', '必须提供发布设置（publish）');
  if (!Array.isArray(publish.roles) || publish.roles.length === 0) issues.add('/publish/roles', '必须至少指定一个可使用的角色');
  else publish.roles.forEach((role, i) => !ROLE_SET.has(role as string) && issues.add(`/publish/roles/${i}`, `未知角色「${String(role)}」`));
  if (!Array.isArray(publish.platforms) || publish.platforms.length === 0) issues.add('/publish/platforms', '必须至少指定一个平台');
  else
    publish.platforms.forEach(
      (platform, i) => !PLATFORM_SET.has(platform as string) && issues.add(`/publish/platforms/${i}`, `未知平台「${String(platform)}」`),
    );
  if (publish.services !== undefined && (!Array.isArray(publish.services) || !publish.services.every(isNonEmptyString))) {
    issues.add('/publish/services', 'services 必须是服务 id 列表');
  }
}

/** All problems of a definition document; empty when it is valid. */
export function validateDefinition(doc: unknown): DefinitionIssue[] {
  const issues = new Issues();
  if (!isObject(doc)) return [{ field: '/', message: '定义必须是一个 JSON 对象' }];
  if (typeof doc.key !== 'string' || !KEY_PATTERN.test(doc.key)) {
    issues.add('/key', 'key 必须以小写字母开头，只含小写字母、数字和短横线（最长 64）');
  }
  if (!isNonEmptyString(doc.name)) issues.add('/name', '微应用必须有名称');
  const fieldTypes = new Map<string, FieldType>();
  if (!isObject(doc.metadata) || !Array.isArray(doc.metadata.fields)) {
    issues.add('/metadata/fields', '必须提供数据模型字段列表 metadata.fields');
  } else {
    doc.metadata.fields.forEach((field, i) => {
      const key = checkField(field, `/metadata/fields/${i}`, issues, false);
      if (key === null) return;
      if (fieldTypes.has(key)) issues.add(`/metadata/fields/${i}/key`, `字段 key「${key}」重复`);
      else if (isObject(field)) fieldTypes.set(key, field.type as FieldType);
    });
  }
  const formKeys = checkForms(doc, fieldTypes, issues);
  checkFlow(doc, fieldTypes, formKeys, issues);
  checkPublish(doc, issues);
  return issues.list;
}

/** Narrows after validation (throws with the first issue when invalid). */
export function assertDefinition(doc: unknown): MicroAppDefinition {
  const issues = validateDefinition(doc);
  if (issues.length > 0) throw new Error(`invalid definition: ${issues[0].field} ${issues[0].message}`);
  return doc as MicroAppDefinition;
}
