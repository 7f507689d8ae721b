/**
 * Rules (visibility, required-ness, defaults, flow branches) are JSON-logic data, interpreted by
 * json-logic-js: a tree walk with no eval / new Function, so it runs inside mini-programs. The
 * operator whitelist keeps definitions to the subset documented in types/microapp.ts (no `log`,
 * which prints, and nothing added at run time by another module).
 */
import jsonLogic from 'json-logic-js';
import type { DefinitionIssue, RuleContext, RuleExpr } from '../../../types/microapp';

export const RULE_OPERATORS = [
  'var',
  'missing',
  'missing_some',
  '==',
  '!=',
  '===',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  '!',
  '!!',
  'and',
  'or',
  'if',
  '?:',
  'in',
  '+',
  '-',
  '*',
  '/',
  '%',
  'min',
  'max',
  'cat',
  'substr',
  'merge',
  'some',
  'all',
  'none',
  'map',
  'filter',
  'reduce',
] as const;
const OPERATOR_SET = new Set<string>(RULE_OPERATORS);
/** operators whose second argument is evaluated against each array item, not the form */
const SCOPED_OPERATORS = new Set(['some', 'all', 'none', 'map', 'filter', 'reduce']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Evaluates a rule. A rule that throws (a malformed definition slipped past validation, a value
 * of an unexpected shape) evaluates to `fallback` instead of breaking the form.
 */
export function evaluateRule(rule: RuleExpr | undefined, context: RuleContext, fallback: unknown = false): unknown {
  if (rule === undefined) return fallback;
  try {
    return jsonLogic.apply(rule, context);
  } catch {
    return fallback;
  }
}

/** JSON-logic truthiness: `[]` is false, `"0"` is true. */
export function ruleHolds(rule: RuleExpr | undefined, context: RuleContext, fallback = false): boolean {
  if (rule === undefined) return fallback;
  return jsonLogic.truthy(evaluateRule(rule, context, fallback));
}

/** The first segment of a `var` path: `location.buildingId` → `location`, `$applicant.dorm` → `$applicant`. */
const varRoot = (path: unknown): string | null => {
  if (typeof path === 'number') return null;
  if (typeof path !== 'string' || path === '') return null;
  return path.split('.')[0];
};

const CONTEXT_ROOTS = new Set(['$applicant', '$node', '$request']);

/**
 * Checks a rule's shape: every operator known, every `var` naming a field of the app (or a
 * context root). Paths in the issues continue `path`.
 */
export function checkRule(rule: unknown, path: string, fieldKeys: ReadonlySet<string>, scoped = false): DefinitionIssue[] {
  if (rule === null || ['string', 'number', 'boolean'].includes(typeof rule)) return [];
  if (Array.isArray(rule)) return rule.flatMap((item, i) => checkRule(item, `${path}/${i}`, fieldKeys, scoped));
  if (!isPlainObject(rule)) return [{ field: path, message: '规则只能由 JSON 值组成' }];
  const operators = Object.keys(rule);
  if (operators.length !== 1) return [{ field: path, message: '规则对象必须恰好有一个运算符' }];
  const [operator] = operators;
  if (!OPERATOR_SET.has(operator)) return [{ field: `${path}/${operator}`, message: `不支持的运算符「${operator}」` }];
  const args = rule[operator];
  if (operator === 'var') {
    const first = Array.isArray(args) ? args[0] : args;
    const root = varRoot(first);
    // inside some/all/none the data is the array item: its keys are a table's columns, not checked here
    if (!scoped && root !== null && !CONTEXT_ROOTS.has(root) && !fieldKeys.has(root)) {
      return [{ field: `${path}/var`, message: `引用了不存在的字段「${String(first)}」` }];
    }
    return [];
  }
  if (SCOPED_OPERATORS.has(operator) && Array.isArray(args)) {
    return args.flatMap((item, i) => checkRule(item, `${path}/${operator}/${i}`, fieldKeys, scoped || i > 0));
  }
  return checkRule(args, `${path}/${operator}`, fieldKeys, scoped);
}
