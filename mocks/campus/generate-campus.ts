/**
 * The demo-campus generator: plain data, no database. Same seed and size → the same campus,
 * byte for byte, so demos, screenshots and load tests are reproducible.
 */
import type { Role } from '../../types/roles';
import { DEMO_ACCOUNTS, DEMO_USERNAMES } from './demo-accounts';
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES } from './names';
import { createRandom, type Random } from './prng';
import type {
  Campus,
  CampusPerson,
  ClassGroup,
  College,
  DormBuilding,
  DormRoom,
  Gender,
  Major,
  ParentLink,
} from './types';

export const DEFAULT_SEED = 20260901;
export const DEFAULT_STUDENTS = 3000;
/** 学号 has two digits for the class within a (grade, college): 99 classes × 32 seats × 32 cells */
export const MAX_STUDENTS = 100_000;

export interface CampusOptions {
  students?: number;
  seed?: number;
}

interface CollegeDefinition {
  code: string;
  name: string;
  /** share of women among the college's students: a campus roster is not 50/50 everywhere */
  femaleRatio: number;
  majors: readonly (readonly [name: string, shortName: string])[];
}

const COLLEGE_DEFINITIONS: readonly CollegeDefinition[] = [
  {
    code: '01',
    name: '计算机学院',
    femaleRatio: 0.3,
    majors: [
      ['计算机科学与技术', '计算机'],
      ['软件工程', '软工'],
      ['数据科学与大数据技术', '数据'],
    ],
  },
  {
    code: '02',
    name: '经济管理学院',
    femaleRatio: 0.6,
    majors: [
      ['工商管理', '工商'],
      ['会计学', '会计'],
      ['金融学', '金融'],
    ],
  },
  {
    code: '03',
    name: '外国语学院',
    femaleRatio: 0.78,
    majors: [
      ['英语', '英语'],
      ['日语', '日语'],
      ['商务英语', '商英'],
    ],
  },
  {
    code: '04',
    name: '机械工程学院',
    femaleRatio: 0.15,
    majors: [
      ['机械设计制造及其自动化', '机械'],
      ['车辆工程', '车辆'],
      ['智能制造工程', '智造'],
    ],
  },
  {
    code: '05',
    name: '艺术学院',
    femaleRatio: 0.68,
    majors: [
      ['视觉传达设计', '视传'],
      ['环境设计', '环设'],
      ['音乐学', '音乐'],
    ],
  },
  {
    code: '06',
    name: '医学院',
    femaleRatio: 0.62,
    majors: [
      ['临床医学', '临床'],
      ['护理学', '护理'],
      ['药学', '药学'],
    ],
  },
  {
    code: '07',
    name: '电子信息工程学院',
    femaleRatio: 0.25,
    majors: [
      ['电子信息工程', '电信'],
      ['通信工程', '通信'],
      ['人工智能', '智能'],
    ],
  },
  {
    code: '08',
    name: '文学与新闻传播学院',
    femaleRatio: 0.7,
    majors: [
      ['汉语言文学', '汉语言'],
      ['新闻学', '新闻'],
    ],
  },
];

/**
 * The demo student's grade comes first: when the student count does not divide evenly, the
 * remainder lands in the first cells, so 2023010101 exists for any campus size ≥ 1.
 */
const ENROLL_YEARS = [2023, 2024, 2022, 2021] as const;
const MAX_CLASS_SIZE = 32;
const STUDENTS_PER_COUNSELOR = 200;
const STUDENTS_PER_TEACHER = 18;
const DORM_FLOORS = 6;
const ROOMS_PER_FLOOR = 20;
const BEDS_PER_ROOM = 4;
const TEACHER_TITLES = [
  ['助教', 10],
  ['讲师', 40],
  ['副教授', 32],
  ['教授', 18],
] as const;
const WORKER_TRADES = ['水电', '木工', '空调', '网络', '门窗'] as const;
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '139', '150', '151', '152', '155', '157',
  '158', '159', '166', '176', '177', '180', '181', '182', '186', '187', '188', '189', '191',
  '198', '199',
] as const;

const DEPARTMENTS = {
  logistics: '后勤保障处',
  security: '保卫处',
  studentAffairs: '学生工作处',
  it: '信息化建设与管理中心',
} as const;

const demo = Object.fromEntries(DEMO_ACCOUNTS.map((account) => [account.role, account])) as Record<
  Role,
  (typeof DEMO_ACCOUNTS)[number]
>;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

class MobileBook {
  private readonly used = new Set<string>();
  constructor(private readonly random: Random) {}

  reserve(mobile: string): string {
    this.used.add(mobile);
    return mobile;
  }

  next(): string {
    for (;;) {
      const mobile = `${this.random.pick(MOBILE_PREFIXES)}${pad(this.random.int(0, 99_999_999), 8)}`;
      if (!this.used.has(mobile)) return this.reserve(mobile);
    }
  }
}

function personName(random: Random, gender: Gender, surname = random.weighted(SURNAMES)): string {
  return surname + random.pick(gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE);
}

function surnameOf(name: string): string {
  const compound = SURNAMES.find(([surname]) => surname.length > 1 && name.startsWith(surname));
  return compound ? compound[0] : name.slice(0, 1);
}

export function generateCampus(options: CampusOptions = {}): Campus {
  const studentTotal = options.students ?? DEFAULT_STUDENTS;
  if (!Number.isInteger(studentTotal) || studentTotal < 1 || studentTotal > MAX_STUDENTS) {
    throw new RangeError(`students must be an integer between 1 and ${MAX_STUDENTS} (got ${studentTotal})`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const random = createRandom(seed);
  const mobiles = new MobileBook(random);
  mobiles.reserve(DEMO_USERNAMES.parent);

  const colleges: College[] = COLLEGE_DEFINITIONS.map((definition) => ({
    id: `college-${definition.code}`,
    code: definition.code,
    name: definition.name,
  }));
  const majorsByCollege = new Map<string, Major[]>();
  for (const definition of COLLEGE_DEFINITIONS) {
    majorsByCollege.set(
      `college-${definition.code}`,
      definition.majors.map(([name, shortName], index) => ({
        id: `major-${definition.code}${pad(index + 1, 2)}`,
        collegeId: `college-${definition.code}`,
        name,
        shortName,
      })),
    );
  }
  const majors = [...majorsByCollege.values()].flat();

  // Students are spread evenly over (grade, college) cells; a cell is split into classes.
  const cells = ENROLL_YEARS.flatMap((year) => COLLEGE_DEFINITIONS.map((definition) => ({ year, definition })));
  const base = Math.floor(studentTotal / cells.length);
  const remainder = studentTotal % cells.length;
  const cellSizes = cells.map((_, index) => base + (index < remainder ? 1 : 0));
  const studentsPerCollege = new Map<string, number>();
  cells.forEach((cell, index) => {
    const id = `college-${cell.definition.code}`;
    studentsPerCollege.set(id, (studentsPerCollege.get(id) ?? 0) + cellSizes[index]!);
  });

  const people: CampusPerson[] = [];
  const staffSeq = { teacher: 0, counselor: 0, logistics: 0, guard: 0, admin: 0 };
  const staffNumber = (kind: keyof typeof staffSeq): string => {
    const prefix = { teacher: '1', counselor: '2', logistics: '3', guard: '4', admin: '5' }[kind];
    staffSeq[kind] += 1;
    return `${prefix}${pad(staffSeq[kind], 5)}`;
  };
  const addStaff = (
    person: Omit<CampusPerson, 'id' | 'kind' | 'mobile' | 'status' | 'name' | 'gender'> & {
      name?: string;
      gender?: Gender;
    },
  ): CampusPerson => {
    const gender = person.gender ?? (random.chance(0.45) ? 'female' : 'male');
    const staff: CampusPerson = {
      ...person,
      id: random.uuid(),
      kind: 'staff',
      name: person.name ?? personName(random, gender),
      gender,
      mobile: mobiles.next(),
      status: 'active',
    };
    people.push(staff);
    return staff;
  };

  // Teaching staff and counselors per college, sized by the college's students.
  const counselorsByCollege = new Map<string, CampusPerson[]>();
  for (const college of colleges) {
    const collegeStudents = studentsPerCollege.get(college.id) ?? 0;
    const teacherCount = Math.max(2, Math.round(collegeStudents / STUDENTS_PER_TEACHER));
    for (let index = 0; index < teacherCount; index += 1) {
      const number = staffNumber('teacher');
      const isDemo = number === DEMO_USERNAMES.teacher;
      const teacher = addStaff({
        number,
        name: isDemo ? demo.teacher.name : undefined,
        gender: isDemo ? 'male' : undefined,
        collegeId: college.id,
        department: college.name,
        title: isDemo ? '副教授' : random.weighted(TEACHER_TITLES),
        roles: ['teacher'],
      });
      if (!isDemo && random.chance(0.01)) teacher.status = 'disabled';
    }
  }
  for (const college of colleges) {
    const collegeStudents = studentsPerCollege.get(college.id) ?? 0;
    const counselorCount = Math.max(1, Math.ceil(collegeStudents / STUDENTS_PER_COUNSELOR));
    const counselors: CampusPerson[] = [];
    for (let index = 0; index < counselorCount; index += 1) {
      const number = staffNumber('counselor');
      const isDemo = number === DEMO_USERNAMES.counselor;
      counselors.push(
        addStaff({
          number,
          name: isDemo ? demo.counselor.name : undefined,
          gender: isDemo ? 'female' : undefined,
          collegeId: college.id,
          department: college.name,
          title: '辅导员',
          roles: ['counselor'],
        }),
      );
    }
    counselorsByCollege.set(college.id, counselors);
  }

  // Logistics, security and administration scale gently with the campus.
  const dispatcherCount = 1 + Math.floor(studentTotal / 20_000);
  for (let index = 0; index < dispatcherCount; index += 1) {
    const number = staffNumber('logistics');
    const isDemo = number === DEMO_USERNAMES.dispatcher;
    addStaff({
      number,
      name: isDemo ? demo.dispatcher.name : undefined,
      gender: isDemo ? 'male' : undefined,
      department: DEPARTMENTS.logistics,
      title: '报修调度',
      roles: ['dispatcher'],
    });
  }
  const workerCount = Math.max(3, Math.round(studentTotal / 400));
  for (let index = 0; index < workerCount; index += 1) {
    const number = staffNumber('logistics');
    const isDemo = number === DEMO_USERNAMES.worker;
    addStaff({
      number,
      name: isDemo ? demo.worker.name : undefined,
      gender: isDemo ? 'male' : random.chance(0.1) ? 'female' : 'male',
      department: DEPARTMENTS.logistics,
      title: `维修工（${isDemo ? '水电' : random.pick(WORKER_TRADES)}）`,
      roles: ['worker'],
    });
  }
  const guardCount = Math.max(2, Math.round(studentTotal / 1000));
  for (let index = 0; index < guardCount; index += 1) {
    const number = staffNumber('guard');
    const isDemo = number === DEMO_USERNAMES.guard;
    addStaff({
      number,
      name: isDemo ? demo.guard.name : undefined,
      gender: isDemo ? 'male' : random.chance(0.15) ? 'female' : 'male',
      department: DEPARTMENTS.security,
      title: '门卫',
      roles: ['guard'],
    });
  }
  const admins: { department: string; title: string; name?: string; gender?: Gender }[] = [
    { department: DEPARTMENTS.it, title: '系统管理员', name: demo.admin.name, gender: 'female' },
    { department: DEPARTMENTS.studentAffairs, title: '学工管理员' },
    { department: DEPARTMENTS.logistics, title: '后勤管理员' },
  ];
  for (const admin of admins) {
    addStaff({ number: staffNumber('admin'), ...admin, roles: ['admin'] });
  }

  // Classes and students.
  const classes: ClassGroup[] = [];
  const students: CampusPerson[] = [];
  cells.forEach((cell, cellIndex) => {
    const size = cellSizes[cellIndex]!;
    if (size === 0) return;
    const collegeId = `college-${cell.definition.code}`;
    const collegeMajors = majorsByCollege.get(collegeId)!;
    const classCount = Math.ceil(size / MAX_CLASS_SIZE);
    const perMajorSeq = new Map<string, number>();
    for (let classIndex = 0; classIndex < classCount; classIndex += 1) {
      const major = collegeMajors[classIndex % collegeMajors.length]!;
      const majorSeq = (perMajorSeq.get(major.id) ?? 0) + 1;
      perMajorSeq.set(major.id, majorSeq);
      const classSeq = pad(classIndex + 1, 2);
      const group: ClassGroup = {
        id: `class-${cell.year}${cell.definition.code}${classSeq}`,
        name: `${major.shortName}${String(cell.year).slice(2)}${pad(majorSeq, 2)}班`,
        collegeId,
        majorId: major.id,
        enrolledYear: cell.year,
        counselorId: '', // assigned below, once the college's classes are all known
      };
      classes.push(group);
      const classSize =
        Math.floor(size / classCount) + (classIndex < size % classCount ? 1 : 0);
      for (let seat = 1; seat <= classSize; seat += 1) {
        const number = `${cell.year}${cell.definition.code}${classSeq}${pad(seat, 2)}`;
        const isDemo = number === DEMO_USERNAMES.student;
        const gender: Gender = isDemo
          ? 'male'
          : random.chance(cell.definition.femaleRatio)
            ? 'female'
            : 'male';
        const student: CampusPerson = {
          id: random.uuid(),
          kind: 'student',
          number,
          name: isDemo ? demo.student.name : personName(random, gender),
          gender,
          mobile: mobiles.next(),
          collegeId,
          majorId: major.id,
          classId: group.id,
          department: cell.definition.name,
          enrolledYear: cell.year,
          status: !isDemo && random.chance(0.004) ? 'disabled' : 'active',
          roles: ['student'],
        };
        students.push(student);
      }
    }
  });

  // Each counselor takes a contiguous run of the college's classes (in practice: a grade).
  for (const college of colleges) {
    const collegeClasses = classes.filter((group) => group.collegeId === college.id);
    const counselors = counselorsByCollege.get(college.id)!;
    collegeClasses.forEach((group, index) => {
      group.counselorId = counselors[Math.floor((index * counselors.length) / collegeClasses.length)]!.id;
    });
  }

  // Dorms: students fill rooms in roster order, so roommates are mostly classmates.
  const dormBuildings: DormBuilding[] = [];
  const dormRooms: DormRoom[] = [];
  for (const gender of ['male', 'female'] as const) {
    const residents = students.filter((student) => student.gender === gender);
    const roomCount = Math.ceil(residents.length / BEDS_PER_ROOM);
    const buildingCount = Math.ceil(roomCount / (DORM_FLOORS * ROOMS_PER_FLOOR));
    const area = gender === 'male' ? { code: 'N', name: '北苑' } : { code: 'S', name: '南苑' };
    for (let buildingIndex = 0; buildingIndex < buildingCount; buildingIndex += 1) {
      const building: DormBuilding = {
        id: `dorm-${area.code}${pad(buildingIndex + 1, 2)}`,
        name: `${area.name}${buildingIndex + 1}栋`,
        gender,
        floors: DORM_FLOORS,
      };
      dormBuildings.push(building);
      for (let floor = 1; floor <= DORM_FLOORS; floor += 1) {
        for (let door = 1; door <= ROOMS_PER_FLOOR; door += 1) {
          dormRooms.push({
            id: `${building.id}-${floor}${pad(door, 2)}`,
            buildingId: building.id,
            number: `${floor}${pad(door, 2)}`,
            capacity: BEDS_PER_ROOM,
          });
        }
      }
    }
    const rooms = dormRooms.filter((room) => room.id.startsWith(`dorm-${area.code}`));
    residents.forEach((student, index) => {
      student.dormRoomId = rooms[Math.floor(index / BEDS_PER_ROOM)]!.id;
    });
  }
  people.push(...students);

  // Parents: one or two per student, logging in with their mobile number.
  const parentLinks: ParentLink[] = [];
  for (const student of students) {
    const isDemoStudent = student.number === DEMO_USERNAMES.student;
    const relations: ParentLink['relation'][] = random.chance(0.65)
      ? ['父亲', '母亲']
      : [random.chance(0.5) ? '父亲' : '母亲'];
    if (isDemoStudent && relations[0] !== '父亲') relations.unshift('父亲');
    relations.forEach((relation, index) => {
      const isDemoParent = isDemoStudent && index === 0;
      const gender: Gender = relation === '父亲' ? 'male' : 'female';
      const mobile = isDemoParent ? DEMO_USERNAMES.parent : mobiles.next();
      const parent: CampusPerson = {
        id: random.uuid(),
        kind: 'parent',
        number: mobile,
        name: isDemoParent
          ? demo.parent.name
          : personName(random, gender, relation === '父亲' ? surnameOf(student.name) : undefined),
        gender,
        mobile,
        status: 'active',
        roles: ['parent'],
      };
      people.push(parent);
      parentLinks.push({ parentId: parent.id, studentId: student.id, relation });
    });
  }

  const numbers = new Set<string>();
  for (const person of people) {
    if (numbers.has(person.number)) throw new Error(`generator produced duplicate number ${person.number}`);
    numbers.add(person.number);
  }
  for (const account of DEMO_ACCOUNTS) {
    if (!numbers.has(account.username)) {
      throw new Error(`generator lost demo account ${account.username}`);
    }
  }

  return { seed, colleges, majors, classes, dormBuildings, dormRooms, people, parentLinks };
}
