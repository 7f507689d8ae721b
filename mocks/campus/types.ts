import type { Role } from '../../types/roles';

export type Gender = 'male' | 'female';
export type PersonKind = 'student' | 'staff' | 'parent';
export type PersonStatus = 'active' | 'disabled';

export interface College {
  id: string;
  /** two digits, the 学号's college part */
  code: string;
  name: string;
}

export interface Major {
  id: string;
  collegeId: string;
  name: string;
  /** used in class names: 计算机2301班 */
  shortName: string;
}

export interface ClassGroup {
  id: string;
  name: string;
  collegeId: string;
  majorId: string;
  enrolledYear: number;
  counselorId: string;
}

export interface DormBuilding {
  id: string;
  name: string;
  gender: Gender;
  floors: number;
}

export interface DormRoom {
  id: string;
  buildingId: string;
  /** door number, e.g. 512 = 5th floor, room 12 */
  number: string;
  capacity: number;
}

export interface CampusPerson {
  id: string;
  kind: PersonKind;
  /** 学号 for students, 工号 for staff, the mobile number for parents: what they log in with */
  number: string;
  name: string;
  gender: Gender;
  mobile: string;
  collegeId?: string;
  majorId?: string;
  classId?: string;
  department?: string;
  /** staff: 助教/讲师/副教授/教授, or the job for non-teaching staff */
  title?: string;
  dormRoomId?: string;
  enrolledYear?: number;
  status: PersonStatus;
  roles: Role[];
}

export interface ParentLink {
  parentId: string;
  studentId: string;
  relation: '父亲' | '母亲';
}

export interface Campus {
  seed: number;
  colleges: College[];
  majors: Major[];
  classes: ClassGroup[];
  dormBuildings: DormBuilding[];
  dormRooms: DormRoom[];
  people: CampusPerson[];
  parentLinks: ParentLink[];
}
