/**
 * Indicators, radar, tags and warnings from one student's facts: pure functions, no database, so
 * each can be checked against hand-computed values. Two steps: `computeIndicators` needs only
 * the student's own facts; `evaluateCohort` needs the whole cohort (same major and grade) for
 * ranks and the spending median, and produces the tags and warnings.
 */
import type { CourseType, PortraitTag, RadarDimension, SemesterGpa, WarningKind, WarningLevel } from '../../../../types/portrait';
import { COURSE_TYPE_LABELS } from '../../../../types/portrait';
import type { RuleSet } from './portrait.rules';

const DAY = 86_400_000;
const CST = 8 * 3_600_000;
const COURSE_TYPES: CourseType[] = ['required', 'elective', 'general'];

export interface StudentInput {
  id: string;
  number: string;
  classId: string | null;
  majorId: string | null;
  enrolledYear: number | null;
  collegeName: string;
  grades: { semester: string; course_code: string; course_name: string; course_type: CourseType; credits: number; score: number; grade_point: number }[];
  requirements: Partial<Record<CourseType, number>>;
  /** card transactions per local (CST) day: spending in 分, whether one was breakfast, the last one */
  cardDays: { day: string; cents: number; breakfast: boolean; last: string }[];
  gateTimes: string[];
  loans: { borrowed_at: string; category: string }[];
  attendance: { semester: string; status: string }[];
  awards: { kind: string; title: string }[];
  physical: { year: number; score: number }[];
  activities: { category: string; hours: number }[];
}

export interface StudentIndicators {
  semesters: SemesterGpa[];
  cumulativeGpa: number | null;
  credits: { category: CourseType; earned: number; required: number }[];
  creditsEarned: number;
  creditsRequired: number;
  failedCredits: number;
  failedCourses: { semester: string; name: string; credits: number; score: number }[];
  trend: 'up' | 'down' | 'flat' | 'unknown';
  coursePreferences: { category: CourseType; credits: number; averageScore: number }[];
  attendanceRate: number | null;
  attendanceSessions: number;
  breakfastRate: number | null;
  breakfastRateEarlier: number | null;
  activeDays14: number;
  activeDays30: number;
  spend30d: number;
  monthlySpend: { month: string; yuan: number }[];
  libraryLoans90d: number;
  libraryTopCategory: string | null;
  lastActivityAt: string | null;
  radar: RadarDimension[];
  grant: boolean;
  artsActivities: number;
  collegeName: string;
  /** set by the cohort step: the median 30-day spending of the cohort's active members (分) */
  cohortMedianSpend?: number | null;
}

const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;
const localDay = (iso: string): number => Math.floor((Date.parse(iso) + CST) / DAY);
/** months as year * 12 + month, from a local day number (cached: thousands of rows share a day) */
const monthCache = new Map<number, number>();
function monthOfDay(day: number): number {
  let month = monthCache.get(day);
  if (month === undefined) {
    const date = new Date(day * DAY);
    month = date.getUTCFullYear() * 12 + date.getUTCMonth();
    monthCache.set(day, month);
  }
  return month;
}
const monthLabel = (month: number): string => `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;

/** The grade point of a score under the configured scale. */
export function gradePointFor(score: number, sourcePoint: number, scale: string, passScore: number): number {
  if (scale === 'source') return sourcePoint;
  if (score < passScore) return 0;
  if (scale === 'linear') return Math.min(4, Math.max(0, (score - 50) / 10));
  const bands: [number, number][] = [[90, 4], [85, 3.7], [82, 3.3], [78, 3], [75, 2.7], [72, 2.3], [68, 2], [64, 1.5], [60, 1]];
  for (const [floor, point] of bands) if (score >= floor) return point;
  return 0;
}

/** GPA = Σ(绩点 × 学分) / Σ学分 over the given courses; null without credits. */
export function gpaOf(courses: { credits: number; point: number }[]): number | null {
  const credits = courses.reduce((sum, course) => sum + course.credits, 0);
  if (credits === 0) return null;
  return round(courses.reduce((sum, course) => sum + course.point * course.credits, 0) / credits);
}

const clamp100 = (value: number): number => Math.max(0, Math.min(100, Math.round(value)));
const capped = (value: number, cap: number): number => Math.min(1, value / cap);

export function computeIndicators(input: StudentInput, rules: RuleSet, asOf: Date): StudentIndicators {
  const gpaRule = rules.gpa!.params as { scale: string; passScore: number };
  const passScore = Number(gpaRule.passScore);
  const graded = input.grades.map((grade) => ({
    ...grade,
    point: gradePointFor(grade.score, grade.grade_point, String(gpaRule.scale), passScore),
    passed: grade.score >= passScore,
  }));

  const bySemester = new Map<string, typeof graded>();
  for (const grade of graded) bySemester.set(grade.semester, [...(bySemester.get(grade.semester) ?? []), grade]);
  const semesters: SemesterGpa[] = [...bySemester.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([semester, courses]) => ({
      semester,
      gpa: gpaOf(courses) ?? 0,
      credits: courses.reduce((sum, course) => sum + course.credits, 0),
      failedCredits: courses.filter((course) => !course.passed).reduce((sum, course) => sum + course.credits, 0),
      averageScore: round(courses.reduce((sum, course) => sum + course.score, 0) / courses.length, 1),
    }));

  const credits = COURSE_TYPES.map((category) => ({
    category,
    earned: graded.filter((grade) => grade.course_type === category && grade.passed).reduce((sum, grade) => sum + grade.credits, 0),
    required: input.requirements[category] ?? 0,
  }));
  const failed = graded.filter((grade) => !grade.passed);
  const lastThree = semesters.slice(-3).map((semester) => semester.gpa);
  const delta = lastThree.length >= 2 ? lastThree[lastThree.length - 1]! - lastThree[0]! : 0;
  const trend = lastThree.length < 2 ? 'unknown' : delta >= 0.15 ? 'up' : delta <= -0.15 ? 'down' : 'flat';

  // attendance: the latest semester with records
  const latest = input.attendance.reduce((max, row) => (row.semester > max ? row.semester : max), '');
  const counted = input.attendance.filter((row) => row.semester === latest && row.status !== 'leave');
  const attendanceRate = counted.length ? round(counted.filter((row) => row.status !== 'absent').length / counted.length, 3) : null;

  // card: days with activity, breakfast days, spending (timestamps are ISO UTC strings: compared as text)
  const today = Math.floor((asOf.getTime() + CST) / DAY);
  const activeDays = new Map<number, boolean>();
  let spend30d = 0;
  const monthly = new Map<number, number>();
  let lastActivityAt: string | null = null;
  for (const entry of input.cardDays) {
    const day = Math.floor(Date.parse(`${entry.day}T00:00:00Z`) / DAY);
    const back = today - day;
    if (back < 1) continue;
    if (lastActivityAt === null || entry.last > lastActivityAt) lastActivityAt = entry.last;
    activeDays.set(day, activeDays.get(day) === true || entry.breakfast);
    if (back <= 30) spend30d += entry.cents;
    const month = monthOfDay(day);
    monthly.set(month, (monthly.get(month) ?? 0) + entry.cents);
  }
  const rateBetween = (from: number, to: number): { rate: number | null; days: number } => {
    let days = 0;
    let breakfasts = 0;
    for (const [day, breakfast] of activeDays) {
      const back = today - day;
      if (back < from || back > to) continue;
      days += 1;
      if (breakfast) breakfasts += 1;
    }
    return { rate: days ? round(breakfasts / days, 3) : null, days };
  };
  const recent = rateBetween(1, 14);
  const earlier = rateBetween(15, 28);
  const activeDays30 = rateBetween(1, 30).days;

  const loans90 = input.loans.filter((loan) => today - localDay(loan.borrowed_at) <= 90);
  const categories = new Map<string, number>();
  for (const loan of loans90) categories.set(loan.category, (categories.get(loan.category) ?? 0) + 1);
  const topCategory = [...categories.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  for (const time of [...input.gateTimes, ...input.loans.map((loan) => loan.borrowed_at)]) {
    if (lastActivityAt === null || time > lastActivityAt) lastActivityAt = time;
  }

  const cumulativeGpa = gpaOf(graded);
  const hoursOf = (...kinds: string[]) => input.activities.filter((a) => kinds.includes(a.category)).reduce((sum, a) => sum + a.hours, 0);
  const countOf = (...kinds: string[]) => input.activities.filter((a) => kinds.includes(a.category)).length;
  const awards = input.awards.filter((award) => award.kind === 'award').length;
  const honours = input.awards.filter((award) => award.kind === 'award' || award.kind === 'scholarship').length;
  const physical = [...input.physical].sort((a, b) => b.year - a.year)[0]?.score ?? null;
  const radarParams = rules.radar!.params as Record<string, Record<string, number>>;
  const w = (group: string, key: string) => radarParams[group]?.[key] ?? 0;
  const caps = radarParams.caps ?? {};
  const cap = (key: string) => caps[key] ?? 1;
  const radar: RadarDimension[] = [
    {
      key: 'learning',
      label: '学习能力',
      score: clamp100(100 * (w('learning', 'gpa') * ((cumulativeGpa ?? 0) / 4) + w('learning', 'attendance') * (attendanceRate ?? 1) + w('learning', 'library') * capped(loans90.length, cap('libraryLoans')))),
      basis: `GPA ${cumulativeGpa ?? '—'}（权重 ${w('learning', 'gpa')}）、出勤率 ${attendanceRate === null ? '—' : `${Math.round(attendanceRate * 100)}%`}（${w('learning', 'attendance')}）、近 90 天借阅 ${loans90.length} 本（${w('learning', 'library')}）`,
    },
    {
      key: 'practice',
      label: '实践能力',
      score: clamp100(100 * (w('practice', 'hours') * capped(hoursOf('practice', 'volunteer'), cap('practiceHours')) + w('practice', 'awards') * capped(awards, cap('awards')))),
      basis: `社会实践与志愿 ${hoursOf('practice', 'volunteer')} 小时（${w('practice', 'hours')}）、获奖 ${awards} 项（${w('practice', 'awards')}）`,
    },
    {
      key: 'innovation',
      label: '创新能力',
      score: clamp100(100 * (w('innovation', 'contests') * capped(countOf('competition', 'innovation'), cap('contests')) + w('innovation', 'honours') * capped(honours, cap('awards')))),
      basis: `学科竞赛与创新项目 ${countOf('competition', 'innovation')} 项（${w('innovation', 'contests')}）、奖学金与荣誉 ${honours} 项（${w('innovation', 'honours')}）`,
    },
    {
      key: 'health',
      label: '体育健康',
      score: clamp100(w('health', 'test') * (physical ?? 0) + 100 * w('health', 'sports') * capped(countOf('sports'), cap('sports'))),
      basis: `最近体测 ${physical ?? '—'} 分（${w('health', 'test')}）、体育活动 ${countOf('sports')} 次（${w('health', 'sports')}）`,
    },
    {
      key: 'service',
      label: '社会服务',
      score: clamp100(100 * (w('service', 'volunteer') * capped(hoursOf('volunteer'), cap('volunteerHours')) + w('service', 'honours') * capped(awards, cap('awards')))),
      basis: `志愿服务 ${hoursOf('volunteer')} 小时（${w('service', 'volunteer')}）、荣誉 ${awards} 项（${w('service', 'honours')}）`,
    },
    {
      key: 'arts',
      label: '文艺素养',
      score: clamp100(100 * capped(countOf('arts'), cap('arts'))),
      basis: `文艺类活动 ${countOf('arts')} 次（封顶 ${cap('arts')} 次）`,
    },
  ];

  return {
    semesters,
    cumulativeGpa,
    credits,
    creditsEarned: credits.reduce((sum, row) => sum + row.earned, 0),
    creditsRequired: credits.reduce((sum, row) => sum + row.required, 0),
    failedCredits: failed.reduce((sum, grade) => sum + grade.credits, 0),
    failedCourses: failed.map((grade) => ({ semester: grade.semester, name: grade.course_name, credits: grade.credits, score: grade.score })),
    trend,
    coursePreferences: COURSE_TYPES.map((category) => {
      const rows = graded.filter((grade) => grade.course_type === category);
      return { category, credits: rows.reduce((sum, row) => sum + row.credits, 0), averageScore: rows.length ? round(rows.reduce((sum, row) => sum + row.score, 0) / rows.length, 1) : 0 };
    }),
    attendanceRate,
    attendanceSessions: counted.length,
    breakfastRate: recent.rate,
    breakfastRateEarlier: earlier.rate,
    activeDays14: recent.days,
    activeDays30,
    spend30d,
    monthlySpend: [...monthly.entries()].sort(([a], [b]) => a - b).map(([month, cents]) => ({ month: monthLabel(month), yuan: round(cents / 100, 0) })),
    libraryLoans90d: loans90.length,
    libraryTopCategory: topCategory,
    lastActivityAt,
    radar,
    grant: input.awards.some((award) => award.kind === 'grant'),
    artsActivities: countOf('arts'),
    collegeName: input.collegeName,
  };
}

export interface CohortMember {
  studentId: string;
  classId: string | null;
  indicators: StudentIndicators;
}

export interface Evaluated {
  studentId: string;
  rankClass: number | null;
  classSize: number | null;
  rankMajor: number | null;
  majorSize: number | null;
  cohortMedianSpend: number | null;
  tags: PortraitTag[];
  warnings: { kind: WarningKind; level: WarningLevel; why: string }[];
}

const median = (values: number[]): number | null => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const pct = (value: number): string => `${Math.round(value * 100)}%`;
const yuan = (cents: number): string => `${Math.round(cents / 100)} 元`;

/** Competition ranking (1, 2, 2, 4) by cumulative GPA, highest first; no GPA → no rank. */
function ranks(members: CohortMember[]): Map<string, number> {
  const withGpa = members.filter((member) => member.indicators.cumulativeGpa !== null).sort((a, b) => b.indicators.cumulativeGpa! - a.indicators.cumulativeGpa!);
  const result = new Map<string, number>();
  withGpa.forEach((member, index) => {
    const previous = withGpa[index - 1];
    result.set(member.studentId, previous && previous.indicators.cumulativeGpa === member.indicators.cumulativeGpa ? result.get(previous.studentId)! : index + 1);
  });
  return result;
}

/** Ranks, the cohort median, tags (with their why) and warnings for every member of one cohort. */
export function evaluateCohort(members: CohortMember[], rules: RuleSet, asOf: Date): Evaluated[] {
  const majorRanks = ranks(members);
  const majorSize = majorRanks.size;
  const byClass = new Map<string, CohortMember[]>();
  for (const member of members) if (member.classId) byClass.set(member.classId, [...(byClass.get(member.classId) ?? []), member]);
  const classRanks = new Map<string, { rank: number; size: number }>();
  for (const classMembers of byClass.values()) {
    const classRank = ranks(classMembers);
    for (const [id, rank] of classRank) classRanks.set(id, { rank, size: classRank.size });
  }
  const spenders = members.filter((member) => member.indicators.activeDays30 >= 10).map((member) => member.indicators.spend30d);
  const cohortMedian = median(spenders);
  const on = (key: string) => rules[key]?.enabled !== false && rules[key] !== undefined;
  const p = (key: string) => rules[key]!.params as Record<string, number & Record<string, number>>;

  return members.map((member) => {
    const x = member.indicators;
    const rankMajor = majorRanks.get(member.studentId) ?? null;
    const tags: PortraitTag[] = [];
    const warnings: Evaluated['warnings'] = [];

    if (on('top_student') && x.cumulativeGpa !== null && rankMajor !== null) {
      const { minGpa, topPercent } = p('top_student');
      const percentile = (rankMajor / majorSize) * 100;
      if (x.cumulativeGpa >= minGpa && percentile <= topPercent && x.failedCredits === 0) {
        tags.push({ key: 'top_student', kind: 'static', label: '学霸', why: `累计 GPA ${x.cumulativeGpa}（≥ ${minGpa}），专业同年级第 ${rankMajor}/${majorSize} 名（前 ${Math.max(1, Math.round(percentile))}%，规则要求前 ${topPercent}%），没有不及格课程。` });
      }
    }
    if (on('arts')) {
      const { minActivities } = p('arts');
      if (x.collegeName === '艺术学院') tags.push({ key: 'arts', kind: 'static', label: '艺术类', why: `就读于艺术学院（规则：艺术学院学生，或文艺类活动 ≥ ${minActivities} 次）。` });
      else if (x.artsActivities >= minActivities) tags.push({ key: 'arts', kind: 'static', label: '艺术类', why: `参加文艺类第二课堂活动 ${x.artsActivities} 次（规则：≥ ${minActivities} 次）。` });
    }
    if (on('no_breakfast') && x.breakfastRate !== null) {
      const { maxRate, minDays } = p('no_breakfast');
      if (x.activeDays14 >= minDays && x.breakfastRate <= maxRate) {
        const before = x.breakfastRateEarlier !== null ? `；再往前两周是 ${pct(x.breakfastRateEarlier)}` : '';
        tags.push({ key: 'no_breakfast', kind: 'dynamic', label: '不吃早餐', why: `最近 14 天有消费的 ${x.activeDays14} 天里，只有 ${pct(x.breakfastRate)} 的日子在食堂吃了早餐${before}（规则：≤ ${pct(maxRate)}，且至少 ${minDays} 天有消费）。` });
      }
    }
    if (on('library_regular')) {
      const { minLoans } = p('library_regular');
      if (x.libraryLoans90d >= minLoans) tags.push({ key: 'library_regular', kind: 'dynamic', label: '图书馆常客', why: `最近 90 天借书 ${x.libraryLoans90d} 本${x.libraryTopCategory ? `，借得最多的是${x.libraryTopCategory}类` : ''}（规则：≥ ${minLoans} 本）。` });
    }
    if (on('spending_core') && cohortMedian && x.activeDays30 >= 10) {
      const { minRatio } = p('spending_core');
      if (x.spend30d >= cohortMedian * minRatio) tags.push({ key: 'spending_core', kind: 'dynamic', label: '消费中坚', why: `最近 30 天一卡通消费 ${yuan(x.spend30d)}，是同专业同年级中位数 ${yuan(cohortMedian)}的 ${round(x.spend30d / cohortMedian, 1)} 倍（规则：≥ ${minRatio} 倍）。` });
    }
    if (on('radar_strength')) {
      const { minScore } = p('radar_strength');
      const best = [...x.radar].sort((a, b) => b.score - a.score)[0];
      if (best && best.score >= minScore) tags.push({ key: 'radar_strength', kind: 'model', label: `${best.label}突出`, why: `能力雷达中「${best.label}」得分 ${best.score}（规则：最高项 ≥ ${minScore}）。依据：${best.basis}。` });
    }
    if (on('academic_warning')) {
      const levels = p('academic_warning').levels as unknown as Record<WarningLevel, number>;
      const level: WarningLevel | null = x.failedCredits >= levels.red ? 'red' : x.failedCredits >= levels.orange ? 'orange' : x.failedCredits >= levels.yellow ? 'yellow' : null;
      if (level) {
        const listed = x.failedCourses.slice(0, 4).map((course) => `${course.name}（${course.score} 分，${course.credits} 学分）`).join('、');
        const courses = x.failedCourses.length > 4 ? `${listed} 等 ${x.failedCourses.length} 门` : listed;
        const why = `不及格课程累计 ${x.failedCredits} 学分：${courses}（规则：≥ ${levels.yellow} 学分黄色、≥ ${levels.orange} 橙色、≥ ${levels.red} 红色）。`;
        warnings.push({ kind: 'academic', level, why });
      }
    }
    const lost = lostContactWarning(x.lastActivityAt, asOf, rules);
    if (lost) warnings.push({ kind: 'lost_contact', ...lost });
    if (on('poverty')) {
      const { maxRatio, minDays } = p('poverty');
      if (x.grant) warnings.push({ kind: 'poverty', level: 'yellow', why: '本学年领取国家助学金（规则：领取助学金即关注）。' });
      else if (cohortMedian && x.activeDays30 >= minDays && x.spend30d <= cohortMedian * maxRatio) {
        warnings.push({ kind: 'poverty', level: 'yellow', why: `最近 30 天一卡通消费 ${yuan(x.spend30d)}，只有同专业同年级中位数 ${yuan(cohortMedian)}的 ${pct(x.spend30d / cohortMedian)}（规则：≤ ${pct(maxRatio)}，且至少 ${minDays} 天有消费）。` });
      }
    }
    for (const warning of warnings) tags.push({ key: warning.kind, kind: 'warning', label: WARNING_TAG_LABELS[warning.kind], level: warning.level, why: warning.why });

    const classRank = classRanks.get(member.studentId);
    return {
      studentId: member.studentId,
      rankClass: classRank?.rank ?? null,
      classSize: classRank?.size ?? null,
      rankMajor,
      majorSize: majorSize || null,
      cohortMedianSpend: cohortMedian,
      tags,
      warnings,
    };
  });
}

const WARNING_TAG_LABELS: Record<WarningKind, string> = { academic: '学业预警', lost_contact: '失联预警', poverty: '贫困关注' };

/** 失联预警 from the last activity and the data horizon (asOf). */
export function lostContactWarning(lastActivityAt: string | null, asOf: Date, rules: RuleSet): { level: WarningLevel; why: string } | null {
  const rule = rules.lost_contact;
  if (!rule || !rule.enabled) return null;
  const { days, red } = rule.params as { days: number; red: number };
  const today = Math.floor((asOf.getTime() + CST) / DAY);
  const silent = lastActivityAt ? today - localDay(lastActivityAt) - 1 : Number.POSITIVE_INFINITY;
  if (silent < days) return null;
  const last = lastActivityAt ? new Date(Date.parse(lastActivityAt) + CST).toISOString().slice(0, 10) : null;
  return {
    level: silent >= red ? 'red' : 'orange',
    why: last
      ? `最后一次校园活动记录（一卡通、门禁或借阅）在 ${last}，此后 ${silent} 天没有任何记录（规则：连续 ≥ ${days} 天为橙色，≥ ${red} 天为红色）。`
      : `数据中心没有该生任何校园活动记录（规则：连续 ≥ ${days} 天没有记录即预警）。`,
  };
}

export { COURSE_TYPE_LABELS };
