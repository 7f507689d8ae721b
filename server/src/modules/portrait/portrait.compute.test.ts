/**
 * Indicators, tags and warnings against hand-computed values on a small fixture, and each rule
 * firing exactly at its threshold.
 */
import { computeIndicators, evaluateCohort, gpaOf, gradePointFor, lostContactWarning, type StudentInput } from './portrait.compute';
import { defaultRuleSet, paramProblems, type RuleSet } from './portrait.rules';

// the data center's today: 2026-12-04 00:00 in China (= 2026-12-03 16:00 UTC)
const AS_OF = new Date('2026-12-03T16:00:00.000Z');
/** a local (CST) day `back` days before AS_OF, as YYYY-MM-DD */
const day = (back: number) => new Date(Date.UTC(2026, 11, 4 - back)).toISOString().slice(0, 10);
/** an ISO time at local noon, `back` days before AS_OF */
const at = (back: number) => new Date(Date.UTC(2026, 11, 4 - back, 4)).toISOString();

function input(overrides: Partial<StudentInput> = {}): StudentInput {
  return {
    id: 's1',
    number: '2023010199',
    classId: 'c1',
    majorId: 'm1',
    enrolledYear: 2023,
    collegeName: '计算机学院',
    grades: [],
    requirements: { required: 20, elective: 4, general: 6 },
    cardDays: [],
    gateTimes: [],
    loans: [],
    attendance: [],
    awards: [],
    physical: [],
    activities: [],
    ...overrides,
  };
}

const grade = (semester: string, code: string, type: 'required' | 'elective' | 'general', credits: number, score: number) => ({
  semester,
  course_code: code,
  course_name: `课程${code}`,
  course_type: type,
  credits,
  score,
  grade_point: 0,
});

function rulesWith(key: string, params: Record<string, unknown>): RuleSet {
  const rules = defaultRuleSet();
  rules[key] = { ...rules[key]!, params: { ...rules[key]!.params, ...(params as object) } };
  return rules;
}

describe('GPA', () => {
  it('uses the PKU 4.0 scale by default and weights by credits', () => {
    expect([95, 90, 89, 85, 84, 82, 80, 78, 76, 75, 73, 72, 70, 68, 65, 64, 61, 60, 59, 0].map((score) => gradePointFor(score, 0, 'pku4', 60))).toEqual([
      4, 4, 3.7, 3.7, 3.3, 3.3, 3, 3, 2.7, 2.7, 2.3, 2.3, 2, 2, 1.5, 1.5, 1, 1, 0, 0,
    ]);
    // (4 × 3 + 3 × 2 + 0 × 4) / 9 = 2.0
    expect(gpaOf([{ credits: 3, point: 4 }, { credits: 2, point: 3 }, { credits: 4, point: 0 }])).toBe(2);
    expect(gpaOf([])).toBeNull();
  });

  it('computes semester and cumulative GPA, credits by category and failed credits from the grades', () => {
    const indicators = computeIndicators(
      input({
        grades: [
          grade('2023-2024-1', 'A', 'required', 4, 92), // 4.0
          grade('2023-2024-1', 'B', 'general', 2, 76), // 2.7
          grade('2023-2024-2', 'C', 'required', 3, 55), // 0, failed
          grade('2023-2024-2', 'D', 'elective', 2, 83), // 3.3
        ],
      }),
      defaultRuleSet(),
      AS_OF,
    );
    // 2023-2024-1: (16 + 5.4) / 6 = 3.5667; 2023-2024-2: (0 + 6.6) / 5 = 1.32; all: 28 / 11 = 2.5454…
    expect(indicators.semesters.map((s) => [s.semester, s.gpa, s.credits, s.failedCredits])).toEqual([
      ['2023-2024-1', 3.57, 6, 0],
      ['2023-2024-2', 1.32, 5, 3],
    ]);
    expect(indicators.cumulativeGpa).toBe(2.55);
    expect(indicators.credits).toEqual([
      { category: 'required', earned: 4, required: 20 },
      { category: 'elective', earned: 2, required: 4 },
      { category: 'general', earned: 2, required: 6 },
    ]);
    expect(indicators.failedCredits).toBe(3);
    expect(indicators.trend).toBe('down');
  });

  it('follows the configured scale: linear (score − 50) / 10, or the data center’s own grade point', () => {
    const grades = [grade('2023-2024-1', 'A', 'required', 2, 87), { ...grade('2023-2024-1', 'B', 'required', 2, 58), grade_point: 0.8 }];
    expect(computeIndicators(input({ grades }), rulesWith('gpa', { scale: 'linear' }), AS_OF).cumulativeGpa).toBe(1.85); // (3.7 + 0) / 2
    expect(computeIndicators(input({ grades: grades.map((g) => ({ ...g, grade_point: g.score > 60 ? 3.5 : 0.8 })) }), rulesWith('gpa', { scale: 'source' }), AS_OF).cumulativeGpa).toBe(2.15);
  });
});

describe('life indicators', () => {
  it('computes the breakfast rate over days with card activity, spending and library activity', () => {
    // 14 recent days with activity, 2 of them with breakfast; the two weeks before: all 14 with breakfast
    const cardDays = [
      ...Array.from({ length: 14 }, (_, index) => ({ day: day(index + 1), cents: 2000, breakfast: index < 2, last: at(index + 1) })),
      ...Array.from({ length: 14 }, (_, index) => ({ day: day(index + 15), cents: 2500, breakfast: true, last: at(index + 15) })),
    ];
    const loans = Array.from({ length: 6 }, (_, index) => ({ borrowed_at: at(10 + index * 10), category: index < 4 ? '文学' : '历史' }));
    const x = computeIndicators(input({ cardDays, loans }), defaultRuleSet(), AS_OF);
    expect(x.breakfastRate).toBe(0.143); // 2 / 14
    expect(x.breakfastRateEarlier).toBe(1);
    expect(x.activeDays14).toBe(14);
    expect(x.spend30d).toBe(14 * 2000 + 14 * 2500);
    expect(x.libraryLoans90d).toBe(6);
    expect(x.libraryTopCategory).toBe('文学');
    expect(x.lastActivityAt).toBe(at(1));
  });
});

describe('tags and warnings at their thresholds', () => {
  const member = (id: string, overrides: Partial<StudentInput> = {}, rules = defaultRuleSet()) => ({
    studentId: id,
    classId: 'c1',
    indicators: computeIndicators(input({ id, ...overrides }), rules, AS_OF),
  });
  const activeDays = (days: number, breakfasts: number, cents = 2000) =>
    Array.from({ length: days }, (_, index) => ({ day: day(index + 1), cents, breakfast: index < breakfasts, last: at(index + 1) }));
  const tagsOf = (members: ReturnType<typeof member>[], id: string, rules = defaultRuleSet()) => evaluateCohort(members, rules, AS_OF).find((e) => e.studentId === id)!;

  it('不吃早餐: rate ≤ 20% with ≥ 7 active days, and its why names the facts and the rule', () => {
    // 10 days, 2 breakfasts = 20%: fires; 3 = 30%: does not; 6 days: too few
    const at20 = tagsOf([member('a', { cardDays: activeDays(10, 2) })], 'a').tags.find((tag) => tag.key === 'no_breakfast');
    expect(at20?.why).toBe('最近 14 天有消费的 10 天里，只有 20% 的日子在食堂吃了早餐（规则：≤ 20%，且至少 7 天有消费）。');
    expect(tagsOf([member('a', { cardDays: activeDays(10, 3) })], 'a').tags.map((tag) => tag.key)).not.toContain('no_breakfast');
    expect(tagsOf([member('a', { cardDays: activeDays(6, 0) })], 'a').tags.map((tag) => tag.key)).not.toContain('no_breakfast');
  });

  it('图书馆常客 at 6 loans in 90 days, not at 5; the threshold is the stored rule’s', () => {
    const loans = (count: number) => Array.from({ length: count }, (_, index) => ({ borrowed_at: at(index + 1), category: '文学' }));
    expect(tagsOf([member('a', { loans: loans(6) })], 'a').tags.map((tag) => tag.key)).toContain('library_regular');
    expect(tagsOf([member('a', { loans: loans(5) })], 'a').tags.map((tag) => tag.key)).not.toContain('library_regular');
    const stricter = rulesWith('library_regular', { minLoans: 7 });
    expect(tagsOf([member('a', { loans: loans(6) })], 'a', stricter).tags.map((tag) => tag.key)).not.toContain('library_regular');
  });

  it('学业预警 yellow at 4 failed credits, orange at 8, red at 12 (configurable)', () => {
    const failing = (credits: number[]) => credits.map((c, index) => grade('2024-2025-1', `F${index}`, 'required', c, 50));
    const level = (credits: number[], rules = defaultRuleSet()) => tagsOf([member('a', { grades: failing(credits) }, rules)], 'a', rules).warnings.find((w) => w.kind === 'academic')?.level ?? null;
    expect(level([3.5])).toBeNull();
    expect(level([4])).toBe('yellow');
    expect(level([4, 3.5])).toBe('yellow');
    expect(level([4, 4])).toBe('orange');
    expect(level([4, 4, 4])).toBe('red');
    expect(level([3.5], rulesWith('academic_warning', { levels: { yellow: 3, orange: 6, red: 9 } }))).toBe('yellow');
    const why = tagsOf([member('a', { grades: failing([4]) })], 'a').warnings[0]!.why;
    expect(why).toBe('不及格课程累计 4 学分：课程F0（50 分，4 学分）（规则：≥ 4 学分黄色、≥ 8 橙色、≥ 12 红色）。');
  });

  it('失联预警 after 7 silent days (orange), red from 10', () => {
    const rules = defaultRuleSet();
    // last activity 7 days before the last data day: 7 silent days
    expect(lostContactWarning(at(7), AS_OF, rules)).toBeNull();
    expect(lostContactWarning(at(8), AS_OF, rules)?.level).toBe('orange');
    expect(lostContactWarning(at(10), AS_OF, rules)?.level).toBe('orange');
    expect(lostContactWarning(at(11), AS_OF, rules)?.level).toBe('red');
    expect(lostContactWarning(at(8), AS_OF, rules)?.why).toBe('最后一次校园活动记录（一卡通、门禁或借阅）在 2026-11-26，此后 7 天没有任何记录（规则：连续 ≥ 7 天为橙色，≥ 10 天为红色）。');
  });

  it('ranks by GPA in the cohort and the class; 学霸 needs the GPA, the top share and no failures', () => {
    const gpa = (score: number) => [grade('2024-2025-1', 'A', 'required', 4, score)];
    const members = [90, 86, 86, 80, 70, 65, 62, 61, 60, 55].map((score, index) => member(`s${index}`, { grades: gpa(score) }));
    const evaluated = evaluateCohort(members, defaultRuleSet(), AS_OF);
    // 62, 61 and 60 all get 1.0: competition ranking
    expect(evaluated.map((e) => e.rankMajor)).toEqual([1, 2, 2, 4, 5, 6, 7, 7, 7, 10]);
    expect(evaluated.map((e) => e.rankClass)).toEqual([1, 2, 2, 4, 5, 6, 7, 7, 7, 10]);
    expect(evaluated[0]!.tags.find((tag) => tag.key === 'top_student')?.why).toBe('累计 GPA 4（≥ 3.5），专业同年级第 1/10 名（前 10%，规则要求前 10%），没有不及格课程。');
    expect(evaluated[1]!.tags.map((tag) => tag.key)).not.toContain('top_student'); // 3.7 but 20%
  });

  it('贫困关注 for a grant, or spending ≤ 60% of the cohort median', () => {
    const spenders = [3000, 3000, 3000, 1500, 1501].map((cents, index) => member(`p${index}`, { cardDays: activeDays(12, 10, cents) }));
    const evaluated = evaluateCohort([...spenders, member('g', { awards: [{ kind: 'grant', title: '国家助学金' }], cardDays: activeDays(12, 10) })], defaultRuleSet(), AS_OF);
    const poverty = evaluated.filter((e) => e.warnings.some((w) => w.kind === 'poverty')).map((e) => e.studentId);
    // 12 days each: 18000, 18012, 24000 (g), 36000 × 3 → median 30000, 60% of it = 18000: p3 exactly, p4 not
    expect(poverty).toEqual(['p3', 'g']);
    expect(evaluated.find((e) => e.studentId === 'p3')!.warnings[0]!.why).toBe('最近 30 天一卡通消费 180 元，只有同专业同年级中位数 300 元的 60%（规则：≤ 60%，且至少 10 天有消费）。');
    expect(evaluated.find((e) => e.studentId === 'g')!.warnings[0]!.why).toBe('本学年领取国家助学金（规则：领取助学金即关注）。');
  });

  it('rejects rule parameters outside their schema', () => {
    expect(paramProblems('library_regular', { minLoans: 6 })).toEqual([]);
    expect(paramProblems('library_regular', { minLoans: -1 })).not.toEqual([]);
    expect(paramProblems('library_regular', { minLoans: 6, extra: 1 })).not.toEqual([]);
    expect(paramProblems('gpa', { scale: 'magic', passScore: 60 })).not.toEqual([]);
  });
});
