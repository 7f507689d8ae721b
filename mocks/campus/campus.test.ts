import { createHash } from 'node:crypto';
import { PLATFORMS, ROLES } from '../../types/roles';
import { SERVICE_CATEGORIES, SERVICES } from './catalog';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_USERNAMES } from './demo-accounts';
import { DEFAULT_SEED, generateCampus } from './generate-campus';
import { createRandom } from './prng';

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('the PRNG', () => {
  it('repeats for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(createRandom(7).uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('generateCampus', () => {
  const campus = generateCampus({ students: 3000 });

  it('is deterministic: same seed and size, same campus', () => {
    expect(digest(generateCampus({ students: 3000 }))).toBe(digest(campus));
    expect(digest(generateCampus({ students: 3000, seed: DEFAULT_SEED + 1 }))).not.toBe(digest(campus));
  });

  it('has the requested number of students, plus staff and 1–2 parents each', () => {
    const byKind = (kind: string) => campus.people.filter((person) => person.kind === kind);
    expect(byKind('student')).toHaveLength(3000);
    expect(byKind('staff').length).toBeGreaterThan(100);
    const parents = byKind('parent').length;
    expect(parents).toBeGreaterThanOrEqual(3000);
    expect(parents).toBeLessThanOrEqual(6000);
    const perStudent = new Map<string, number>();
    for (const link of campus.parentLinks) perStudent.set(link.studentId, (perStudent.get(link.studentId) ?? 0) + 1);
    expect(perStudent.size).toBe(3000);
    expect(Math.min(...perStudent.values())).toBe(1);
    expect(Math.max(...perStudent.values())).toBe(2);
  });

  it('gives everyone a unique login number and mobile, and parents log in with their mobile', () => {
    const numbers = new Set(campus.people.map((person) => person.number));
    const mobiles = new Set(campus.people.map((person) => person.mobile));
    expect(numbers.size).toBe(campus.people.length);
    expect(mobiles.size).toBe(campus.people.length);
    for (const person of campus.people) {
      expect(person.mobile).toMatch(/^1[3-9]\d{9}$/);
      if (person.kind === 'parent') expect(person.number).toBe(person.mobile);
      if (person.kind === 'student') expect(person.number).toMatch(/^20\d{8}$/);
      if (person.kind === 'staff') expect(person.number).toMatch(/^[1-5]\d{5}$/);
    }
  });

  it('builds 学号 from year, college, class and seat, and names classes after the major', () => {
    const student = campus.people.find((person) => person.number === DEMO_USERNAMES.student)!;
    const group = campus.classes.find((candidate) => candidate.id === student.classId)!;
    expect(group.name).toBe('计算机2301班');
    expect(student.enrolledYear).toBe(2023);
    for (const person of campus.people.filter((p) => p.kind === 'student')) {
      const college = campus.colleges.find((c) => c.id === person.collegeId)!;
      expect(person.number.slice(0, 4)).toBe(String(person.enrolledYear));
      expect(person.number.slice(4, 6)).toBe(college.code);
    }
  });

  it('gives every class a counselor from its own college and every student a dorm bed of their gender', () => {
    const people = new Map(campus.people.map((person) => [person.id, person]));
    for (const group of campus.classes) {
      const counselor = people.get(group.counselorId)!;
      expect(counselor.roles).toContain('counselor');
      expect(counselor.collegeId).toBe(group.collegeId);
    }
    const rooms = new Map(campus.dormRooms.map((room) => [room.id, room]));
    const buildings = new Map(campus.dormBuildings.map((building) => [building.id, building]));
    const occupancy = new Map<string, number>();
    for (const student of campus.people.filter((person) => person.kind === 'student')) {
      const room = rooms.get(student.dormRoomId!)!;
      expect(buildings.get(room.buildingId)!.gender).toBe(student.gender);
      occupancy.set(room.id, (occupancy.get(room.id) ?? 0) + 1);
    }
    expect(Math.max(...occupancy.values())).toBeLessThanOrEqual(4);
  });

  it('gives teachers academic titles', () => {
    const titles = new Set(campus.people.filter((p) => p.roles.includes('teacher')).map((p) => p.title));
    expect([...titles].sort()).toEqual(['副教授', '助教', '教授', '讲师'].sort());
  });

  it.each([1, 7, 50])('keeps every demo account for a campus of %i students', (students) => {
    const small = generateCampus({ students });
    for (const account of DEMO_ACCOUNTS) {
      const person = small.people.find((candidate) => candidate.number === account.username);
      expect(person).toEqual(expect.objectContaining({ name: account.name, status: 'active', roles: [account.role] }));
    }
  });

  it('makes the demo accounts relate: the parent is the student’s father, the counselor runs the class', () => {
    const find = (number: string) => campus.people.find((person) => person.number === number)!;
    const student = find(DEMO_USERNAMES.student);
    const parent = find(DEMO_USERNAMES.parent);
    const counselor = find(DEMO_USERNAMES.counselor);
    expect(campus.parentLinks).toContainEqual({ parentId: parent.id, studentId: student.id, relation: '父亲' });
    expect(campus.classes.find((group) => group.id === student.classId)!.counselorId).toBe(counselor.id);
    expect(find(DEMO_USERNAMES.teacher).collegeId).toBe(student.collegeId);
  });

  it('lists one demo account per role, all with the documented password', () => {
    expect(DEMO_ACCOUNTS.map((account) => account.role).sort()).toEqual([...ROLES].sort());
    for (const account of DEMO_ACCOUNTS) {
      expect(account.password).toBe(DEMO_PASSWORD);
      expect(account.username).toBe(DEMO_USERNAMES[account.role]);
      expect(account.note.length).toBeGreaterThan(0);
    }
  });

  it('scales to 40,000 students with unique numbers', () => {
    const large = generateCampus({ students: 40_000 });
    const students = large.people.filter((person) => person.kind === 'student');
    expect(students).toHaveLength(40_000);
    expect(new Set(large.people.map((person) => person.number)).size).toBe(large.people.length);
    expect(new Set(students.map((s) => s.number.length))).toEqual(new Set([10]));
  });

  it('rejects sizes it cannot number', () => {
    expect(() => generateCampus({ students: 0 })).toThrow(RangeError);
    expect(() => generateCampus({ students: 1.5 })).toThrow(RangeError);
    expect(() => generateCampus({ students: 10_000_000 })).toThrow(RangeError);
  });
});

describe('the service catalog', () => {
  it('has about forty services with unique ids in known categories', () => {
    expect(SERVICES.length).toBeGreaterThanOrEqual(38);
    expect(new Set(SERVICES.map((service) => service.id)).size).toBe(SERVICES.length);
    const categories = new Set(SERVICE_CATEGORIES.map((category) => category.id));
    for (const service of SERVICES) {
      expect(categories.has(service.categoryId)).toBe(true);
      expect(service.roles.length).toBeGreaterThan(0);
      for (const role of service.roles) expect(ROLES).toContain(role);
      for (const platform of service.platforms) expect(PLATFORMS).toContain(platform);
      if (service.kind === 'link') expect(service.target).toMatch(/^https:\/\//);
      if (service.kind === 'phone') expect(service.target).toMatch(/^[\d-]+$/);
    }
  });

  it('includes the deck’s services', () => {
    const names = SERVICES.map((service) => service.name);
    for (const name of ['出国申请', '教室借用', '用车申请', '公寓报修', '查寝打卡', '节假日离返校', '档案借阅预约',
      '校园网销户申请', '校园卡销户申请', '危化品购买申请', '职称证明', '校外人员入校申请', '校园宣传活动申请',
      '增补导师申请', '预约打印申请', '宿舍报修', '设备维修', '学术交流申请', '教职工健步走', '迎新', '成绩单',
      '学生画像', '教师画像', '家长查看离返校']) {
      expect(names).toContain(name);
    }
  });

  it('has a service in maintenance with a message and one offline', () => {
    const maintenance = SERVICES.filter((service) => service.status === 'maintenance');
    expect(maintenance.length).toBeGreaterThan(0);
    for (const service of maintenance) expect(service.statusMessage).toBeTruthy();
    expect(SERVICES.some((service) => service.status === 'offline')).toBe(true);
    expect([...SERVICES.find((service) => service.name === '资产盘点')!.platforms]).toEqual(['dd']);
  });

  it('gives every role something to do', () => {
    for (const role of ROLES) {
      expect(SERVICES.filter((service) => service.status !== 'offline' && service.roles.includes(role)).length).toBeGreaterThan(0);
    }
  });
});
