/**
 * The rules behind every tag, warning and the GPA, kept as data (table `portrait_rules`): the
 * logic of each rule is code, its thresholds are rows an admin can change (PUT
 * /api/portrait/rules/:key). These are the defaults a fresh database starts with.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { RuleKind } from './portrait.tables';

export interface RuleDefinition {
  key: string;
  kind: RuleKind;
  label: string;
  description: string;
  params: Record<string, number | string | Record<string, number>>;
  schema: TSchema;
}

const num = (minimum: number, maximum: number) => Type.Number({ minimum, maximum });
const levels = Type.Object({ yellow: num(0, 300), orange: num(0, 300), red: num(0, 300) }, { additionalProperties: false });
const params = (properties: Record<string, TSchema>) => Type.Object(properties, { additionalProperties: false });

export const RULE_DEFINITIONS: readonly RuleDefinition[] = [
  {
    key: 'gpa',
    kind: 'config',
    label: 'GPA 计算方式',
    description:
      'GPA = Σ(课程绩点 × 学分) ÷ Σ学分，所有已出成绩的课程（含不及格，绩点 0）。scale：pku4 = 北大 4 分制（90+ 4.0，85 3.7，82 3.3，78 3.0，75 2.7，72 2.3，68 2.0，64 1.5，60 1.0），linear = (成绩 − 50) ÷ 10（不及格 0，封顶 4.0），source = 采用数据中心给出的绩点。passScore 为及格线。',
    params: { scale: 'pku4', passScore: 60 },
    schema: params({ scale: Type.Union([Type.Literal('pku4'), Type.Literal('linear'), Type.Literal('source')]), passScore: num(0, 100) }),
  },
  {
    key: 'radar',
    kind: 'config',
    label: '能力雷达权重',
    description:
      '学习能力 = 60% GPA + 25% 出勤率 + 15% 借阅；实践能力 = 70% 社会实践与志愿时长 + 30% 获奖；创新能力 = 60% 竞赛与创新项目 + 40% 奖学金与获奖；体育健康 = 70% 最近体测 + 30% 体育活动；社会服务 = 80% 志愿时长 + 20% 荣誉；文艺素养 = 文艺活动。封顶值见参数。',
    params: {
      learning: { gpa: 0.6, attendance: 0.25, library: 0.15 },
      practice: { hours: 0.7, awards: 0.3 },
      innovation: { contests: 0.6, honours: 0.4 },
      health: { test: 0.7, sports: 0.3 },
      service: { volunteer: 0.8, honours: 0.2 },
      caps: { libraryLoans: 10, practiceHours: 60, awards: 3, contests: 4, sports: 3, volunteerHours: 40, arts: 4 },
    },
    schema: params({
      learning: Type.Object({ gpa: num(0, 1), attendance: num(0, 1), library: num(0, 1) }, { additionalProperties: false }),
      practice: Type.Object({ hours: num(0, 1), awards: num(0, 1) }, { additionalProperties: false }),
      innovation: Type.Object({ contests: num(0, 1), honours: num(0, 1) }, { additionalProperties: false }),
      health: Type.Object({ test: num(0, 1), sports: num(0, 1) }, { additionalProperties: false }),
      service: Type.Object({ volunteer: num(0, 1), honours: num(0, 1) }, { additionalProperties: false }),
      caps: Type.Object(
        { libraryLoans: num(1, 1000), practiceHours: num(1, 1000), awards: num(1, 100), contests: num(1, 100), sports: num(1, 100), volunteerHours: num(1, 1000), arts: num(1, 100) },
        { additionalProperties: false },
      ),
    }),
  },
  {
    key: 'top_student',
    kind: 'static',
    label: '学霸',
    description: '累计 GPA ≥ minGpa，专业同年级排名前 topPercent%，且没有不及格学分。',
    params: { minGpa: 3.5, topPercent: 10 },
    schema: params({ minGpa: num(0, 5), topPercent: num(0, 100) }),
  },
  {
    key: 'arts',
    kind: 'static',
    label: '艺术类',
    description: '艺术学院学生，或参加文艺类第二课堂活动 ≥ minActivities 次。',
    params: { minActivities: 3 },
    schema: params({ minActivities: num(1, 100) }),
  },
  {
    key: 'no_breakfast',
    kind: 'dynamic',
    label: '不吃早餐',
    description: '最近 14 天里有一卡通消费的日子中，吃早餐的比例 ≤ maxRate，且有消费的天数 ≥ minDays。',
    params: { maxRate: 0.2, minDays: 7 },
    schema: params({ maxRate: num(0, 1), minDays: num(1, 14) }),
  },
  {
    key: 'library_regular',
    kind: 'dynamic',
    label: '图书馆常客',
    description: '最近 90 天借书 ≥ minLoans 本。',
    params: { minLoans: 6 },
    schema: params({ minLoans: num(1, 1000) }),
  },
  {
    key: 'spending_core',
    kind: 'dynamic',
    label: '消费中坚',
    description: '最近 30 天一卡通消费 ≥ 同专业同年级中位数的 minRatio 倍。',
    params: { minRatio: 1.3 },
    schema: params({ minRatio: num(1, 10) }),
  },
  {
    key: 'radar_strength',
    kind: 'model',
    label: '能力突出',
    description: '能力雷达中得分最高的一项 ≥ minScore 时，标记为该项突出。',
    params: { minScore: 90 },
    schema: params({ minScore: num(0, 100) }),
  },
  {
    key: 'academic_warning',
    kind: 'warning',
    label: '学业预警',
    description: '不及格课程学分累计 ≥ yellow / orange / red 学分时分别为黄色、橙色、红色预警。',
    params: { levels: { yellow: 4, orange: 8, red: 12 } },
    schema: params({ levels }),
  },
  {
    key: 'lost_contact',
    kind: 'warning',
    label: '失联预警',
    description: '连续 days 天以上没有任何校园活动记录（一卡通消费、宿舍门禁、图书借阅）。≥ red 天为红色。',
    params: { days: 7, red: 10 },
    schema: params({ days: num(1, 365), red: num(1, 365) }),
  },
  {
    key: 'poverty',
    kind: 'warning',
    label: '贫困关注',
    description: '领取助学金，或最近 30 天消费 ≤ 同专业同年级中位数的 maxRatio 倍（且有消费的天数 ≥ minDays）。仅辅导员可见。',
    params: { maxRatio: 0.6, minDays: 10 },
    schema: params({ maxRatio: num(0, 1), minDays: num(1, 30) }),
  },
];

export type RuleParams = Record<string, number | string | Record<string, number>>;
export interface ActiveRule {
  key: string;
  label: string;
  enabled: boolean;
  params: RuleParams;
}
export type RuleSet = Record<string, ActiveRule>;

export function ruleDefinition(key: string): RuleDefinition | undefined {
  return RULE_DEFINITIONS.find((rule) => rule.key === key);
}

/** The problems with a params object for a rule (empty when valid). */
export function paramProblems(key: string, value: unknown): string[] {
  const definition = ruleDefinition(key);
  if (!definition) return ['未知规则'];
  return [...Value.Errors(definition.schema, value)].map((error) => `${error.path || '/'}: ${error.message}`);
}

export function defaultRuleSet(): RuleSet {
  return Object.fromEntries(RULE_DEFINITIONS.map((rule) => [rule.key, { key: rule.key, label: rule.label, enabled: true, params: structuredClone(rule.params) }]));
}
