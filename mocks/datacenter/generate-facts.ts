/**
 * The data center's facts for the demo campus, deterministic and streamable.
 *
 * Every student gets their own PRNG (seeded from the campus seed and the 学号), so a student's
 * facts do not depend on how many others are generated or in what order, and any slice of the
 * campus can be generated alone. Rows are handed to `emit` one by one: the caller batches them
 * into inserts or export files, so 40,000 students and millions of card transactions never sit
 * in memory at once.
 *
 * Distributions, roughly as a real campus looks: scores skew left (most 75–90, a long tail down,
 * compressed near 100); ~8% of students struggle and fail courses; ~15% rarely eat breakfast and
 * ~6% stopped three weeks ago; ~15% are library regulars; ~0.5% have no campus activity for the
 * last 8–12 days; ~5% are on a hardship grant and spend little.
 */
import { DEMO_USERNAMES } from '../campus/demo-accounts';
import { createRandom, type Random } from '../campus/prng';
import type { Campus, CampusPerson, Major } from '../campus/types';

export type FactTypeName =
  | 'grades'
  | 'program_requirements'
  | 'card_transactions'
  | 'library_loans'
  | 'gate_records'
  | 'attendance'
  | 'awards'
  | 'physical_tests'
  | 'activities'
  | 'teacher_titles'
  | 'publications'
  | 'research_projects'
  | 'teaching'
  | 'teaching_evaluations'
  | 'supervision_scores';

export type Row = Record<string, string | number | null>;
export type Emit = (type: FactTypeName, row: Row) => void;

export interface FactsOptions {
  /** the data center's "today": facts end the day before */
  asOf: Date;
  /** days of card transactions and dorm-gate records (default 28) */
  dailyDays?: number;
  /** weeks of class attendance in the current semester (default 6) */
  attendanceWeeks?: number;
  /** only these students (by number); default all */
  onlyStudents?: ReadonlySet<string>;
}

type CourseType = 'required' | 'elective' | 'general';
interface Course {
  code: string;
  name: string;
  type: CourseType;
  credits: number;
  /** added to every score: hard courses pull scores down */
  difficulty: number;
}

const DAY = 86_400_000;
/** China Standard Time, where the campus is: meal times are local */
const CST = 8 * 3_600_000;

const REQUIRED_BY_COLLEGE: Record<string, string[]> = {
  '01': ['程序设计基础', '离散数学', '数据结构', '计算机组成原理', '操作系统', '计算机网络', '数据库系统', '编译原理', '软件工程', '算法设计与分析', '人工智能导论', '分布式系统'],
  '02': ['管理学原理', '微观经济学', '宏观经济学', '会计学基础', '统计学', '市场营销', '财务管理', '运营管理', '组织行为学', '战略管理', '公司金融', '经济法'],
  '03': ['综合英语', '英语听力', '英语口语', '英语写作', '语言学导论', '翻译理论与实践', '英美文学', '跨文化交际', '高级英语', '口译', '笔译', '第二外语'],
  '04': ['工程制图', '理论力学', '材料力学', '机械原理', '机械设计', '工程材料', '控制工程基础', '液压与气动', '数控技术', '机电传动', '制造技术基础', '机器人技术'],
  '05': ['设计素描', '色彩构成', '平面构成', '设计史', '字体设计', '版式设计', '品牌设计', '交互设计', '空间设计', '摄影', '数字媒体艺术', '毕业创作'],
  '06': ['人体解剖学', '生理学', '生物化学', '病理学', '药理学', '诊断学', '内科学', '外科学', '医学统计学', '预防医学', '医学伦理学', '临床技能'],
  '07': ['电路分析', '模拟电子技术', '数字电子技术', '信号与系统', '通信原理', '数字信号处理', '电磁场与电磁波', '嵌入式系统', '单片机原理', '机器学习', '图像处理', '传感器技术'],
  '08': ['现代汉语', '古代汉语', '中国古代文学', '中国现当代文学', '外国文学', '文学概论', '新闻学概论', '新闻采访与写作', '传播学', '媒介伦理', '写作', '文献检索'],
};
const GENERAL = ['大学英语', '高等数学', '思想道德与法治', '中国近现代史纲要', '马克思主义基本原理', '大学体育', '大学物理', '形势与政策'];
const ELECTIVE = ['数据可视化', '摄影基础', '创新创业基础', '心理健康教育', '中国传统文化', '音乐鉴赏', 'Python 程序设计', '演讲与口才', '西方美术史', '影视鉴赏', '书法', '博弈论'];
const BOOK_CATEGORIES = ['计算机', '文学', '历史', '经济', '艺术', '哲学', '外语', '医学'];
const BOOKS = ['深入理解计算机系统', '平凡的世界', '人类简史', '经济学原理', '艺术的故事', '苏菲的世界', '百年孤独', '活着', '三体', '围城', '乡土中国', '万历十五年'];
const ACTIVITIES: Record<string, string[]> = {
  volunteer: ['社区志愿服务', '迎新志愿者', '图书馆志愿者', '支教活动'],
  competition: ['数学建模竞赛', '程序设计竞赛', '英语演讲比赛', '挑战杯'],
  sports: ['校运动会', '篮球联赛', '马拉松', '羽毛球赛'],
  arts: ['校园歌手大赛', '话剧社演出', '书画展', '合唱团'],
  innovation: ['大学生创新创业项目', '科研助理', '专利申请'],
  practice: ['暑期社会实践', '企业实习', '乡村调研'],
};
const MERCHANTS = { canteen: ['一食堂', '二食堂', '清真餐厅', '教工餐厅'], shop: ['校园超市', '水果店', '文印店'], bath: ['浴室'] } as const;

/** FNV-1a: a per-student seed from the campus seed and the 学号 */
function hashSeed(seed: number, key: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** roughly normal (Irwin–Hall of 4) with mean 0, sd 1 */
function gaussian(random: Random): number {
  return (random.next() + random.next() + random.next() + random.next() - 2) * Math.sqrt(3);
}

/** the PKU 4.0 scale: the data center's grade point for a 百分制 score */
export function gradePoint(score: number): number {
  const bands: [number, number][] = [[90, 4], [85, 3.7], [82, 3.3], [78, 3], [75, 2.7], [72, 2.3], [68, 2], [64, 1.5], [60, 1]];
  for (const [floor, point] of bands) if (score >= floor) return point;
  return 0;
}

export interface Semester {
  label: string;
  index: number;
  start: Date;
  end: Date;
}

/** The semesters of a cohort, oldest first: autumn Sep 1 – Jan 20, spring Feb 25 – Jul 10. */
export function semestersOf(enrolledYear: number, count = 8): Semester[] {
  const result: Semester[] = [];
  for (let index = 0; index < count; index += 1) {
    const year = enrolledYear + Math.floor(index / 2);
    const autumn = index % 2 === 0;
    result.push({
      label: `${year}-${year + 1}-${autumn ? 1 : 2}`,
      index,
      start: autumn ? new Date(Date.UTC(year, 8, 1)) : new Date(Date.UTC(year + 1, 1, 25)),
      end: autumn ? new Date(Date.UTC(year + 1, 0, 20)) : new Date(Date.UTC(year + 1, 6, 10)),
    });
  }
  return result;
}

/** The same course code every year, so course portraits compare cohorts. */
export function coursesOf(major: Major, collegeCode: string, semesterIndex: number): Course[] {
  const required = REQUIRED_BY_COLLEGE[collegeCode] ?? REQUIRED_BY_COLLEGE['01']!;
  const majorCode = major.id.replace('major-', '');
  const random = createRandom(hashSeed(7, `${major.id}:${semesterIndex}`));
  const courses: Course[] = [];
  for (let k = 0; k < 3; k += 1) {
    const name = required[(semesterIndex * 3 + k) % required.length]!;
    courses.push({ code: `R${majorCode}${semesterIndex}${k}`, name, type: 'required', credits: random.pick([3, 3, 4, 2.5]), difficulty: random.int(-7, 3) });
  }
  const general = GENERAL[semesterIndex % GENERAL.length]!;
  courses.push({ code: `G${String(semesterIndex % GENERAL.length).padStart(2, '0')}`, name: general, type: 'general', credits: random.pick([2, 3]), difficulty: random.int(-4, 2) });
  return courses;
}

/** The program: required and general credits of all eight semesters, plus 12 elective credits. */
export function programRequirements(major: Major, collegeCode: string): Row[] {
  let required = 0;
  let general = 0;
  for (let index = 0; index < 8; index += 1) {
    for (const course of coursesOf(major, collegeCode, index)) {
      if (course.type === 'required') required += course.credits;
      else general += course.credits;
    }
  }
  return [
    { major_id: major.id, category: 'required', credits: required },
    { major_id: major.id, category: 'general', credits: general },
    { major_id: major.id, category: 'elective', credits: 12 },
  ];
}

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
/** a local (CST) time on the given local day, as an ISO UTC string */
const localTime = (day: number, hour: number, minute: number): string => new Date(day + hour * 3_600_000 + minute * 60_000 - CST).toISOString();

interface Persona {
  ability: number;
  diligence: number;
  struggling: boolean;
  breakfastRate: number;
  /** days before asOf since which breakfast stopped (0: never stopped) */
  stoppedBreakfastDaysAgo: number;
  libraryRegular: boolean;
  spend: number;
  grant: boolean;
  /** no activity for this many days before asOf (0: active) */
  silentDays: number;
  sporty: number;
}

function personaOf(random: Random, student: CampusPerson, collegeCode: string): Persona {
  const persona: Persona = {
    ability: gaussian(random),
    diligence: random.next(),
    struggling: random.chance(0.08),
    breakfastRate: random.chance(0.15) ? 0.1 + random.next() * 0.2 : 0.75 + random.next() * 0.22,
    stoppedBreakfastDaysAgo: random.chance(0.06) ? random.int(18, 24) : 0,
    libraryRegular: false,
    spend: random.chance(0.12) ? 1.5 + random.next() * 0.5 : 0.8 + random.next() * 0.5,
    grant: random.chance(0.05),
    silentDays: random.chance(0.005) ? random.int(8, 12) : 0,
    sporty: gaussian(random),
  };
  if (persona.struggling) persona.ability = -1.6 - random.next();
  persona.libraryRegular = random.chance(persona.ability > 0.8 ? 0.4 : 0.1);
  if (persona.grant) persona.spend = 0.45 + random.next() * 0.15;
  // the demo class tells the story the screenshots and journeys rely on
  if (student.number === DEMO_USERNAMES.student) {
    Object.assign(persona, { ability: 1.8, diligence: 0.9, struggling: false, breakfastRate: 0.85, stoppedBreakfastDaysAgo: 21, libraryRegular: true, spend: 1.1, grant: false, silentDays: 0, sporty: 0.6 });
  }
  const seat = student.number.startsWith('20230101') ? Number(student.number.slice(-2)) : 0;
  if (seat === 2) Object.assign(persona, { ability: -2, struggling: true, diligence: 0.2 });
  if (seat === 3) Object.assign(persona, { silentDays: 9 });
  if (seat === 4) Object.assign(persona, { grant: true, spend: 0.45 });
  if (collegeCode === '05') persona.sporty -= 0.2;
  return persona;
}

export function studentFacts(campus: Campus, student: CampusPerson, options: FactsOptions, emit: Emit): void {
  const major = campus.majors.find((candidate) => candidate.id === student.majorId);
  const college = campus.colleges.find((candidate) => candidate.id === student.collegeId);
  if (!major || !college || !student.enrolledYear) return;
  const random = createRandom(hashSeed(campus.seed, student.number));
  const persona = personaOf(random, student, college.code);
  const asOf = options.asOf.getTime();
  const number = student.number;
  const semesters = semestersOf(student.enrolledYear);

  // grades: every finished semester
  const electivesTaken = new Set<string>();
  for (const semester of semesters) {
    if (semester.end.getTime() >= asOf) break;
    const courses = coursesOf(major, college.code, semester.index);
    if (semester.index >= 1) {
      const name = ELECTIVE[(random.int(0, ELECTIVE.length - 1) + (college.code === '05' ? 0 : 3)) % ELECTIVE.length]!;
      if (!electivesTaken.has(name)) {
        electivesTaken.add(name);
        courses.push({ code: `E${String(ELECTIVE.indexOf(name)).padStart(2, '0')}`, name, type: 'elective', credits: 2, difficulty: 2 });
      }
    }
    for (const course of courses) {
      let score = 81 + 6.5 * persona.ability + course.difficulty + gaussian(random) * (5.5 - 2.5 * persona.diligence);
      if (score > 90) score = 90 + (score - 90) * 0.45;
      score = Math.max(18, Math.min(100, Math.round(score)));
      emit('grades', {
        student_number: number,
        semester: semester.label,
        course_code: course.code,
        course_name: course.name,
        course_type: course.type,
        credits: course.credits,
        score,
        grade_point: gradePoint(score),
        teacher_number: teacherFor(campus, college.id, course.code),
      });
    }
  }

  // the daily facts: card transactions and dorm gates over the last `dailyDays` days
  const days = options.dailyDays ?? 28;
  const today = Math.floor((asOf + CST) / DAY) * DAY; // local midnight, in "local ms"
  let txn = 0;
  for (let back = days; back >= 1; back -= 1) {
    if (persona.silentDays >= back) continue;
    const day = today - back * DAY;
    const weekday = new Date(day).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const stopped = persona.stoppedBreakfastDaysAgo >= back;
    const breakfast = stopped ? 0.04 : persona.breakfastRate * (weekend ? 0.6 : 1);
    const meals: [meal: 'breakfast' | 'lunch' | 'dinner', p: number, hour: number, minutes: number, low: number, high: number][] = [
      ['breakfast', breakfast, 7, 90, 300, 800],
      ['lunch', 0.93, 11, 70, 900, 1800],
      ['dinner', 0.85, 17, 80, 800, 1600],
    ];
    const stamp = `${number}${isoDay(new Date(day)).replace(/-/g, '')}`;
    for (const [meal, p, hour, minutes, low, high] of meals) {
      if (!random.chance(p)) continue;
      const minute = random.int(0, minutes);
      emit('card_transactions', {
        txn_id: `T${stamp}${String((txn += 1)).padStart(2, '0')}`,
        student_number: number,
        occurred_at: localTime(day, hour + Math.floor(minute / 60), minute % 60),
        amount_cents: Math.round(random.int(low, high) * persona.spend),
        merchant_type: 'canteen',
        meal,
        merchant: random.pick(MERCHANTS.canteen),
      });
    }
    if (random.chance(0.3 * persona.spend)) {
      emit('card_transactions', {
        txn_id: `T${stamp}${String((txn += 1)).padStart(2, '0')}`,
        student_number: number,
        occurred_at: localTime(day, random.int(13, 21), random.int(0, 59)),
        amount_cents: Math.round(random.int(500, 4500) * persona.spend),
        merchant_type: 'shop',
        meal: null,
        merchant: random.pick(MERCHANTS.shop),
      });
    }
    if (random.chance(0.25)) {
      emit('card_transactions', {
        txn_id: `T${stamp}${String((txn += 1)).padStart(2, '0')}`,
        student_number: number,
        occurred_at: localTime(day, 21, random.int(0, 59)),
        amount_cents: random.int(300, 600),
        merchant_type: 'bath',
        meal: null,
        merchant: MERCHANTS.bath[0],
      });
    }
    const gate = `宿舍${student.dormRoomId?.split('-')[1] ?? ''}`;
    emit('gate_records', { record_id: `G${stamp}1`, student_number: number, occurred_at: localTime(day, 7, random.int(0, 59)), gate, direction: 'out' });
    emit('gate_records', { record_id: `G${stamp}2`, student_number: number, occurred_at: localTime(day, random.int(19, 22), random.int(0, 59)), gate, direction: 'in' });
  }

  // library: the last 180 days
  const loans = persona.libraryRegular ? random.int(12, 20) : random.weighted([[0, 4], [1, 3], [2, 2], [3, 1], [5, 0.5]] as const);
  for (let index = 0; index < loans; index += 1) {
    const back = random.int(persona.silentDays + 1, 180);
    const borrowed = today - back * DAY;
    const returned = back > 30 ? borrowed + random.int(7, 30) * DAY : null;
    const category = persona.libraryRegular && random.chance(0.5) ? BOOK_CATEGORIES[Number(college.code) % BOOK_CATEGORIES.length]! : random.pick(BOOK_CATEGORIES);
    emit('library_loans', {
      loan_id: `L${number}${String(index + 1).padStart(3, '0')}`,
      student_number: number,
      book_title: random.pick(BOOKS),
      category,
      borrowed_at: localTime(borrowed, random.int(9, 20), random.int(0, 59)),
      returned_at: returned === null ? null : localTime(returned, random.int(9, 20), random.int(0, 59)),
    });
  }

  // attendance: the current semester's courses, weekly, the last `attendanceWeeks` weeks
  const current = semesters.find((semester) => semester.start.getTime() <= asOf && semester.end.getTime() >= asOf);
  if (current) {
    const absentRate = persona.struggling ? 0.18 : 0.03 + (1 - persona.diligence) * 0.04;
    const courses = coursesOf(major, college.code, current.index);
    const weeks = options.attendanceWeeks ?? 6;
    for (let week = weeks; week >= 1; week -= 1) {
      courses.forEach((course, slot) => {
        const day = today - (week * 7 - slot) * DAY;
        if (day < current.start.getTime() || (persona.silentDays > 0 && today - day <= persona.silentDays * DAY)) return;
        const status = random.chance(absentRate) ? 'absent' : random.chance(0.04) ? 'late' : random.chance(0.02) ? 'leave' : 'present';
        emit('attendance', { student_number: number, course_code: course.code, session_date: isoDay(new Date(day)), semester: current.label, status });
      });
    }
  }

  // awards, punishments, grants
  let record = 0;
  const recordId = (prefix: string) => `${prefix}${number}${String((record += 1)).padStart(2, '0')}`;
  const finished = semesters.filter((semester) => semester.end.getTime() < asOf);
  for (const semester of finished) {
    if (semester.index % 2 === 1 && persona.ability > 1 && random.chance(0.7)) {
      emit('awards', { record_id: recordId('A'), student_number: number, kind: 'scholarship', title: persona.ability > 1.6 ? '一等奖学金' : '二等奖学金', level: '校级', awarded_on: isoDay(new Date(semester.end.getTime() + 60 * DAY)) });
    }
    if (persona.grant && semester.index % 2 === 0) {
      emit('awards', { record_id: recordId('A'), student_number: number, kind: 'grant', title: '国家助学金', level: '国家级', awarded_on: isoDay(new Date(semester.start.getTime() + 40 * DAY)) });
    }
  }
  if (random.chance(0.08 + Math.max(0, persona.ability) * 0.1)) {
    emit('awards', { record_id: recordId('A'), student_number: number, kind: 'award', title: random.pick(['优秀学生干部', '三好学生', '学科竞赛省级二等奖', '优秀志愿者']), level: random.pick(['校级', '省级']), awarded_on: isoDay(new Date(today - random.int(30, 600) * DAY)) });
  }
  if (random.chance(persona.struggling ? 0.12 : 0.01)) {
    emit('awards', { record_id: recordId('P'), student_number: number, kind: 'punishment', title: random.pick(['旷课', '违反宿舍管理规定', '考试违纪']), level: random.pick(['警告', '严重警告']), awarded_on: isoDay(new Date(today - random.int(30, 400) * DAY)) });
  }

  // physical tests: one a year since enrolment
  for (let year = student.enrolledYear; year < new Date(asOf).getUTCFullYear() + (new Date(asOf).getUTCMonth() >= 9 ? 1 : 0); year += 1) {
    const score = Math.max(40, Math.min(100, Math.round(76 + 8 * persona.sporty + gaussian(random) * 4)));
    emit('physical_tests', { student_number: number, year, score, grade: score >= 90 ? '优秀' : score >= 80 ? '良好' : score >= 60 ? '及格' : '不及格' });
  }

  // second classroom
  const activityCount = Math.max(0, Math.round(3 + persona.diligence * 4 + gaussian(random) * 2 + (student.number === DEMO_USERNAMES.student ? 4 : 0)));
  for (let index = 0; index < activityCount; index += 1) {
    const category = random.weighted([
      ['volunteer', 3],
      ['competition', persona.ability > 0.5 ? 3 : 1],
      ['sports', 1 + Math.max(0, persona.sporty)],
      ['arts', college.code === '05' ? 4 : 1],
      ['innovation', persona.ability > 1 ? 2 : 0.5],
      ['practice', 1.5],
    ] as const);
    emit('activities', {
      record_id: recordId('S'),
      student_number: number,
      name: random.pick(ACTIVITIES[category]!),
      category,
      hours: random.int(2, 24),
      occurred_on: isoDay(new Date(today - random.int(persona.silentDays + 1, 700) * DAY)),
    });
  }
}

const teachersByCollege = new WeakMap<Campus, Map<string, CampusPerson[]>>();
function teacherFor(campus: Campus, collegeId: string, courseCode: string): string | null {
  let byCollege = teachersByCollege.get(campus);
  if (!byCollege) {
    byCollege = new Map();
    for (const person of campus.people) {
      if (!person.roles.includes('teacher') || !person.collegeId) continue;
      byCollege.set(person.collegeId, [...(byCollege.get(person.collegeId) ?? []), person]);
    }
    teachersByCollege.set(campus, byCollege);
  }
  const teachers = byCollege.get(collegeId);
  if (!teachers?.length) return null;
  // the demo teacher teaches the demo major's core courses
  if (courseCode.startsWith('R0101') && courseCode.endsWith('0') && teachers.some((teacher) => teacher.number === DEMO_USERNAMES.teacher)) return DEMO_USERNAMES.teacher;
  return teachers[hashSeed(1, courseCode) % teachers.length]!.number;
}

const TITLE_LADDER = ['助教', '讲师', '副教授', '教授'] as const;

/** Title history, output, projects, teaching and its evaluations for one teacher. */
export function teacherFacts(campus: Campus, teacher: CampusPerson, options: FactsOptions, teaching: Map<string, Row>, emit: Emit): void {
  const random = createRandom(hashSeed(campus.seed, teacher.number));
  const asOfYear = options.asOf.getUTCFullYear();
  const rank = Math.max(0, TITLE_LADDER.indexOf((teacher.title ?? '讲师') as (typeof TITLE_LADDER)[number]));
  const isDemo = teacher.number === DEMO_USERNAMES.teacher;
  // the deck's example career: 2005-08 入校, 2007-01 助教, 2010-04 讲师, 2015-03 副教授
  const history = isDemo
    ? [['入校', '2005-08-01'], ['助教', '2007-01-01'], ['讲师', '2010-04-01'], ['副教授', '2015-03-01']]
    : (() => {
        let year = asOfYear - 2 - rank * random.int(4, 6) - random.int(0, 3);
        const steps: string[][] = [['入校', `${year}-0${random.int(7, 9)}-01`]];
        for (let step = 0; step <= rank; step += 1) {
          year += step === 0 ? 1 : random.int(3, 6);
          steps.push([TITLE_LADDER[step]!, `${Math.min(year, asOfYear)}-${String(random.int(1, 12)).padStart(2, '0')}-01`]);
        }
        return steps;
      })();
  for (const [title, since] of history) emit('teacher_titles', { teacher_number: teacher.number, title: title!, since: since! });

  const joined = Number(history[0]![1]!.slice(0, 4));
  let record = 0;
  for (let year = Math.max(joined + 1, asOfYear - 9); year <= asOfYear; year += 1) {
    const productivity = 0.6 + rank * 0.6 + (isDemo ? 1 : 0);
    const papers = Math.max(0, Math.round(productivity + gaussian(random)));
    for (let index = 0; index < papers; index += 1) {
      emit('publications', { record_id: `PUB${teacher.number}${(record += 1)}`, teacher_number: teacher.number, kind: 'paper', title: `${teacher.department ?? ''}研究论文 ${year}-${index + 1}`, year, level: random.weighted([['SCI', 1 + rank], ['EI', 1], ['中文核心', 2], ['普通期刊', 2]] as const) });
    }
    if (random.chance(0.15 + rank * 0.08)) {
      emit('publications', { record_id: `PUB${teacher.number}${(record += 1)}`, teacher_number: teacher.number, kind: 'patent', title: `一种${random.pick(['装置', '方法', '系统'])}（${year}）`, year, level: random.pick(['发明专利', '实用新型']) });
    }
    if (random.chance(0.04 + rank * 0.04)) {
      emit('publications', { record_id: `PUB${teacher.number}${(record += 1)}`, teacher_number: teacher.number, kind: 'book', title: `${teacher.department ?? ''}教材（${year}）`, year, level: random.pick(['规划教材', '专著']) });
    }
    if (random.chance(0.12 + rank * 0.1)) {
      emit('research_projects', {
        project_id: `PRJ${teacher.number}${year}`,
        teacher_number: teacher.number,
        title: `${teacher.department ?? ''}${random.pick(['关键技术研究', '教学改革研究', '应用示范'])}`,
        level: random.weighted([['国家级', rank], ['省部级', 2], ['校级', 3], ['横向', 2]] as const),
        funding_wan: random.int(2, 30 + rank * 40),
        start_year: year,
        end_year: year + 3 <= asOfYear ? year + 3 : null,
      });
    }
  }

  const quality = gaussian(random) * 3 + (isDemo ? 3 : 0);
  for (const row of teaching.values()) {
    if (row.teacher_number !== teacher.number) continue;
    emit('teaching', row);
    emit('teaching_evaluations', {
      teacher_number: teacher.number,
      semester: row.semester!,
      course_code: row.course_code!,
      score: Math.round((88 + quality + gaussian(random) * 2) * 10) / 10,
      responses: Math.round(Number(row.students) * (0.7 + random.next() * 0.25)),
    });
    if (random.chance(0.3)) {
      emit('supervision_scores', {
        record_id: `SUP${teacher.number}${row.semester}${row.course_code}`,
        teacher_number: teacher.number,
        semester: row.semester!,
        course_code: row.course_code!,
        score: Math.round((85 + quality + gaussian(random) * 3) * 10) / 10,
        observed_on: `${String(row.semester).slice(0, 4)}-11-${String(random.int(1, 28)).padStart(2, '0')}`,
        supervisor: random.pick(['教学督导组 李', '教学督导组 周', '教学督导组 吴']),
      });
    }
  }
}

/**
 * Every fact of the campus, through `emit`, one student at a time: the iterator yields after each
 * student, so a caller can let its writer catch up (and the event loop breathe) between them.
 * Teaching rows are derived from the grades (who taught what to how many), then each teacher's
 * facts follow.
 */
export function* generateFactsInSteps(campus: Campus, options: FactsOptions, emit: Emit): Generator<void, void, undefined> {
  for (const major of campus.majors) {
    const college = campus.colleges.find((candidate) => candidate.id === major.collegeId)!;
    for (const row of programRequirements(major, college.code)) emit('program_requirements', row);
  }
  const teaching = new Map<string, Row>();
  const wrapped: Emit = (type, row) => {
    if (type === 'grades' && row.teacher_number) {
      const key = `${row.teacher_number}|${row.semester}|${row.course_code}`;
      const existing = teaching.get(key);
      if (existing) existing.students = Number(existing.students) + 1;
      else teaching.set(key, { teacher_number: row.teacher_number, semester: row.semester!, course_code: row.course_code!, course_name: row.course_name!, students: 1, hours: Number(row.credits) * 16 });
    }
    emit(type, row);
  };
  for (const person of campus.people) {
    if (person.kind !== 'student') continue;
    if (options.onlyStudents && !options.onlyStudents.has(person.number)) continue;
    studentFacts(campus, person, options, wrapped);
    yield;
  }
  for (const person of campus.people) {
    if (person.roles.includes('teacher')) {
      teacherFacts(campus, person, options, teaching, emit);
      yield;
    }
  }
}

/** All of it at once (export files, tests). */
export function generateFacts(campus: Campus, options: FactsOptions, emit: Emit): void {
  for (const step of generateFactsInSteps(campus, options, emit)) void step;
}
