/**
 * The first service catalog of the demo school (办事大厅), from the vendor deck's service list and
 * the product brief. Micro-apps point at a micro-app key; services the school already runs
 * elsewhere open as links; the counselling hotline is a phone number.
 */
import type { Service, ServiceCategory } from '../../types/api';
import type { Role } from '../../types/roles';

export interface CatalogService extends Service {
  /** who may see it: the hall shows a service when the viewer holds any of these roles */
  roles: Role[];
  /** extra search words (synonyms, old names); pinyin is derived from name + keywords */
  keywords: string[];
  sort: number;
}

export const SERVICE_CATEGORIES: readonly ServiceCategory[] = [
  { id: 'study', name: '学习教务', sort: 10 },
  { id: 'student-affairs', name: '学工服务', sort: 20 },
  { id: 'life', name: '生活服务', sort: 30 },
  { id: 'logistics', name: '后勤保障', sort: 40 },
  { id: 'office', name: '办公审批', sort: 50 },
  { id: 'staff', name: '教职工', sort: 60 },
  { id: 'parent', name: '家长服务', sort: 70 },
];

const STAFF: Role[] = ['teacher', 'counselor', 'dispatcher', 'worker', 'guard', 'admin'];
const TEACHING: Role[] = ['teacher', 'counselor', 'admin'];
const CAMPUS: Role[] = ['student', ...STAFF];
const ALL_PLATFORMS: Service['platforms'] = ['weapp', 'dd', 'h5'];
const DESK: Service['platforms'] = ['dd', 'h5'];

type Entry = Omit<CatalogService, 'status' | 'platforms' | 'sort' | 'keywords'> &
  Partial<Pick<CatalogService, 'status' | 'platforms' | 'keywords'>>;

const ENTRIES: readonly Entry[] = [
  // 学习教务
  {
    id: 'timetable', name: '课表查询', icon: 'book', categoryId: 'study', department: '教务处',
    description: '本学期课表、上课地点与调停课通知', kind: 'link',
    target: 'https://jwxt.example.edu.cn/timetable', roles: ['student', 'teacher', 'counselor'],
    keywords: ['课程表', '上课'],
  },
  {
    id: 'free-classroom', name: '空教室查询', icon: 'room', categoryId: 'study', department: '教务处',
    description: '按楼栋和节次查找空闲教室', kind: 'link',
    target: 'https://jwxt.example.edu.cn/free-rooms', roles: ['student', 'teacher'],
    keywords: ['自习', '教室'],
  },
  {
    id: 'transcript', name: '成绩单', icon: 'doc', categoryId: 'study', department: '教务处',
    description: '查询成绩，申请可信电子成绩单', kind: 'link',
    target: 'https://jwxt.example.edu.cn/transcript', roles: ['student'],
    keywords: ['成绩', '绩点', 'GPA', '电子成绩单'],
  },
  {
    id: 'classroom-booking', name: '教室借用', icon: 'room', categoryId: 'study', department: '教务处',
    description: '社团活动、讲座借用教室，审批通过后发放使用凭证', kind: 'microapp',
    target: 'classroom-booking', roles: ['student', 'teacher', 'counselor'],
    keywords: ['借教室', '场地'],
  },
  {
    id: 'library-seat', name: '图书馆座位预约', icon: 'book', categoryId: 'study', department: '图书馆',
    description: '预约自习座位，按时签到', kind: 'link',
    target: 'https://lib.example.edu.cn/seat', roles: ['student', 'teacher'],
    keywords: ['图书馆', '占座', '自习'],
  },
  {
    id: 'archive-borrow', name: '档案借阅预约', icon: 'doc', categoryId: 'study', department: '档案馆',
    description: '预约查阅或借阅学籍、人事档案', kind: 'microapp',
    target: 'archive-borrow', roles: ['student', 'teacher', 'counselor', 'admin'],
    keywords: ['档案', '借阅'],
  },
  {
    id: 'print-booking', name: '预约打印申请', icon: 'print', categoryId: 'study', department: '教务处',
    description: '在线提交打印任务，到自助打印点取件', kind: 'microapp',
    target: 'print-booking', roles: CAMPUS, keywords: ['打印', '复印'],
  },
  {
    id: 'student-portrait', name: '学生画像', icon: 'chart', categoryId: 'study', department: '学生工作处',
    description: '成绩趋势、学分进度、学业预警', kind: 'microapp',
    target: '/packages/portrait/pages/student/index', roles: ['student', 'counselor'], keywords: ['画像', '学业', '预警'],
  },
  {
    id: 'supervisor-add', name: '增补导师申请', icon: 'user', categoryId: 'study', department: '研究生院',
    description: '申请增补或更换指导教师', kind: 'microapp',
    target: 'supervisor-add', roles: ['student', 'teacher'], keywords: ['导师', '研究生'],
  },
  {
    id: 'academic-exchange', name: '学术交流申请', icon: 'globe', categoryId: 'study', department: '科学技术处',
    description: '参加学术会议、访学交流的申请与报备', kind: 'microapp',
    target: 'academic-exchange', roles: ['student', 'teacher'], keywords: ['会议', '访学'],
  },
  {
    id: 'study-abroad', name: '出国申请', icon: 'globe', categoryId: 'study', department: '国际交流处',
    description: '因公出国（境）、交换学习的申请与审批', kind: 'microapp',
    target: 'study-abroad', roles: ['student', 'teacher', 'counselor'], keywords: ['出国', '出境', '交换'],
  },
  // 学工服务
  {
    id: 'holiday-leave', name: '节假日离返校', icon: 'leave', categoryId: 'student-affairs',
    department: '学生工作处', description: '假期离校申请、出校通行码、返校登记', kind: 'microapp',
    target: 'holiday-leave', roles: ['student', 'counselor', 'guard', 'admin'],
    keywords: ['离校', '返校', '放假', '通行码'],
  },
  {
    id: 'leave-request', name: '请假申请', icon: 'leave', categoryId: 'student-affairs',
    department: '学生工作处', description: '病假、事假申请，辅导员审批', kind: 'microapp',
    target: 'leave-request', roles: ['student', 'counselor'], keywords: ['请假', '病假', '事假'],
  },
  {
    id: 'dorm-check-in', name: '查寝打卡', icon: 'room', categoryId: 'student-affairs',
    department: '学生工作处', description: '晚间在寝打卡，辅导员查看未到情况', kind: 'microapp',
    target: 'dorm-check-in', roles: ['student', 'counselor'], keywords: ['查寝', '晚归', '打卡'],
  },
  {
    id: 'scholarship', name: '奖助学金申请', icon: 'card', categoryId: 'student-affairs',
    department: '学生工作处', description: '国家奖学金、助学金、勤工助学岗位申请', kind: 'microapp',
    target: 'scholarship', roles: ['student', 'counselor'], keywords: ['奖学金', '助学金', '资助'],
  },
  {
    id: 'freshman-welcome', name: '迎新', icon: 'user', categoryId: 'student-affairs',
    department: '学生工作处', description: '新生报到、信息采集、宿舍分配', kind: 'link',
    target: 'https://yx.example.edu.cn', roles: ['student', 'counselor', 'admin'],
    keywords: ['报到', '新生', '迎新'],
  },
  {
    id: 'counseling-booking', name: '心理咨询预约', icon: 'heart', categoryId: 'student-affairs',
    department: '心理健康教育中心', description: '预约一对一心理咨询，信息严格保密', kind: 'microapp',
    target: 'counseling-booking', roles: ['student'], keywords: ['心理', '咨询', '倾诉'],
  },
  {
    id: 'counseling-hotline', name: '心理咨询热线', icon: 'heart', categoryId: 'student-affairs',
    department: '心理健康教育中心', description: '24 小时心理援助热线', kind: 'phone',
    target: '0731-84610000', roles: CAMPUS, keywords: ['心理', '热线', '电话'],
  },
  {
    id: 'campus-promotion', name: '校园宣传活动申请', icon: 'bell', categoryId: 'student-affairs',
    department: '党委宣传部', description: '横幅、展板、海报与校园活动宣传报备', kind: 'microapp',
    target: 'campus-promotion', roles: ['student', 'teacher', 'counselor'], keywords: ['宣传', '海报', '活动'],
  },
  // 生活服务
  {
    id: 'card-recharge', name: '一卡通充值', icon: 'card', categoryId: 'life', department: '财务处',
    description: '校园卡在线充值、余额与消费记录', kind: 'link',
    target: 'https://card.example.edu.cn/recharge', roles: CAMPUS, status: 'maintenance',
    statusMessage: '系统升级中，预计 20:00 恢复', keywords: ['饭卡', '校园卡', '充值', '余额'],
  },
  {
    id: 'shuttle-bus', name: '校车时刻', icon: 'car', categoryId: 'life', department: '后勤保障处',
    description: '校区间班车时刻表与实时位置', kind: 'link',
    target: 'https://hq.example.edu.cn/shuttle', roles: CAMPUS, keywords: ['班车', '校车'],
  },
  {
    id: 'network-cancel', name: '校园网销户申请', icon: 'globe', categoryId: 'life',
    department: '信息化建设与管理中心', description: '毕业、离职时注销校园网账号', kind: 'microapp',
    target: 'network-cancel', roles: CAMPUS, keywords: ['校园网', '销户', '宽带'],
  },
  {
    id: 'card-cancel', name: '校园卡销户申请', icon: 'card', categoryId: 'life', department: '财务处',
    description: '注销校园卡并退还余额', kind: 'microapp',
    target: 'card-cancel', roles: CAMPUS, keywords: ['校园卡', '销户', '退款'],
  },
  {
    id: 'tuition-payment', name: '学费缴纳', icon: 'card', categoryId: 'life', department: '财务处',
    description: '学费、住宿费在线缴纳与票据下载', kind: 'link',
    target: 'https://pay.example.edu.cn', roles: ['student', 'parent'], keywords: ['缴费', '学费', '住宿费'],
  },
  {
    id: 'legacy-repair', name: '旧版报修系统', icon: 'repair', categoryId: 'life', department: '后勤保障处',
    description: '已由「公寓报修」取代', kind: 'link', target: 'https://bx.example.edu.cn',
    roles: CAMPUS, status: 'offline', statusMessage: '已停用，请使用公寓报修', keywords: ['报修'],
  },
  // 后勤保障
  {
    id: 'dorm-repair', name: '公寓报修', icon: 'repair', categoryId: 'logistics', department: '后勤保障处',
    description: '学生公寓水电、门窗、家具报修，进度实时可查', kind: 'microapp',
    target: 'repair', roles: ['student', 'dispatcher', 'worker', 'admin'],
    keywords: ['报修', '维修', '水电', '宿舍'],
  },
  {
    id: 'staff-dorm-repair', name: '宿舍报修', icon: 'repair', categoryId: 'logistics',
    department: '后勤保障处', description: '教工宿舍、周转房报修', kind: 'microapp',
    target: 'repair', roles: ['teacher', 'counselor', 'dispatcher', 'worker', 'admin'],
    keywords: ['报修', '教工宿舍', '周转房'],
  },
  {
    id: 'equipment-repair', name: '设备维修', icon: 'repair', categoryId: 'logistics',
    department: '国有资产管理处', description: '教学科研设备、多媒体教室设备报修', kind: 'microapp',
    target: 'equipment-repair', roles: [...TEACHING, 'dispatcher', 'worker'], keywords: ['设备', '多媒体', '维修'],
  },
  {
    id: 'hazmat-purchase', name: '危化品购买申请', icon: 'doc', categoryId: 'logistics',
    department: '实验室与设备管理处', description: '危险化学品采购申请与安全审批', kind: 'microapp',
    target: 'hazmat-purchase', roles: ['teacher', 'admin'], platforms: DESK, keywords: ['危化品', '试剂', '实验室'],
  },
  {
    id: 'vehicle-request', name: '用车申请', icon: 'car', categoryId: 'logistics', department: '后勤保障处',
    description: '公务用车预约与派车', kind: 'microapp', target: 'vehicle-request',
    roles: TEACHING, platforms: DESK, keywords: ['派车', '公务车'],
  },
  {
    id: 'visitor-entry', name: '校外人员入校申请', icon: 'user', categoryId: 'logistics',
    department: '保卫处', description: '为访客、合作单位人员申请入校', kind: 'microapp',
    target: 'visitor-entry', roles: CAMPUS, keywords: ['访客', '入校', '预约'],
  },
  // 办公审批
  {
    id: 'title-certificate', name: '职称证明', icon: 'doc', categoryId: 'office', department: '人事处',
    description: '开具职称、任职资格证明', kind: 'microapp', target: 'title-certificate',
    roles: ['teacher', 'counselor'], platforms: DESK, keywords: ['职称', '证明'],
  },
  {
    id: 'employment-certificate', name: '在职收入证明', icon: 'doc', categoryId: 'office',
    department: '人事处', description: '在职证明、收入证明在线开具', kind: 'microapp',
    target: 'employment-certificate', roles: STAFF, platforms: DESK, keywords: ['在职', '收入', '证明'],
  },
  {
    id: 'official-documents', name: '公文流转', icon: 'doc', categoryId: 'office', department: '党政办公室',
    description: '收发文、会签与督办（OA）', kind: 'link', target: 'https://oa.example.edu.cn',
    roles: STAFF, platforms: DESK, keywords: ['OA', '公文', '发文'],
  },
  {
    id: 'asset-inventory', name: '资产盘点', icon: 'chart', categoryId: 'office',
    department: '国有资产管理处', description: '名下资产清查与盘点确认', kind: 'link',
    target: 'https://zc.example.edu.cn/inventory', roles: ['teacher', 'admin'], platforms: ['dd'],
    keywords: ['资产', '盘点'],
  },
  {
    id: 'service-admin', name: '服务管理', icon: 'chart', categoryId: 'office',
    department: '信息化建设与管理中心', description: '发布服务与微应用、配置假期离返校与健步走活动',
    kind: 'microapp', target: 'service-admin', roles: ['admin'], platforms: ['h5'],
    keywords: ['管理', '发布', '配置'],
  },
  // 教职工
  {
    id: 'staff-walk', name: '教职工健步走', icon: 'walk', categoryId: 'staff', department: '校工会',
    description: '同步微信运动步数，个人与部门排行榜', kind: 'microapp', target: '/packages/walk/pages/index/index',
    // H5 shows the boards and my history; steps sync in WeChat or DingTalk
    roles: STAFF, platforms: ['weapp', 'dd', 'h5'], keywords: ['步数', '运动', '健步走', '排行'],
  },
  {
    id: 'teacher-portrait', name: '教师画像', icon: 'chart', categoryId: 'staff', department: '人事处',
    description: '职称、科研、教学评价的个人发展画像', kind: 'microapp', target: '/packages/portrait/pages/teacher/index',
    roles: TEACHING, platforms: DESK, keywords: ['画像', '科研', '评教'],
  },
  {
    id: 'salary', name: '工资查询', icon: 'card', categoryId: 'staff', department: '财务处',
    description: '工资条与年度收入明细', kind: 'link', target: 'https://cw.example.edu.cn/salary',
    roles: STAFF, platforms: DESK, keywords: ['工资', '薪酬'],
  },
  {
    id: 'counselor-desk', name: '辅导员工作台', icon: 'chart', categoryId: 'staff', department: '学生工作处',
    description: '班级离返校看板、批量审批、学业预警名单', kind: 'microapp', target: 'counselor-desk',
    roles: ['counselor'], platforms: DESK, keywords: ['辅导员', '审批', '看板'],
  },
  {
    id: 'repair-dispatch', name: '报修调度', icon: 'repair', categoryId: 'staff', department: '后勤保障处',
    description: '在办与超时工单、平均用时和满意度（派单在「待办」里）', kind: 'microapp',
    target: '/packages/microapp/pages/stats/index?key=repair',
    roles: ['dispatcher', 'admin'], keywords: ['派工', '接单', '工单', '统计'],
  },
  {
    id: 'gate-check', name: '门岗核验', icon: 'user', categoryId: 'staff', department: '保卫处',
    description: '扫描通行码，登记离校与返校', kind: 'microapp', target: 'gate-check',
    roles: ['guard'], keywords: ['扫码', '门岗', '通行码'],
  },
  // 家长服务
  {
    id: 'parent-leave', name: '家长查看离返校', icon: 'leave', categoryId: 'parent', department: '学生工作处',
    description: '查看孩子的离校、返校状态', kind: 'microapp', target: 'parent-leave',
    roles: ['parent'], platforms: ['weapp', 'h5'], keywords: ['离校', '返校', '孩子'],
  },
  {
    id: 'parent-portrait', name: '孩子成长画像', icon: 'chart', categoryId: 'parent', department: '学生工作处',
    description: '查看孩子授权公开的学业与成长情况', kind: 'microapp',
    target: '/packages/portrait/pages/student/index',
    roles: ['parent'], platforms: ['weapp', 'h5'], keywords: ['成绩', '画像', '孩子'],
  },
  {
    id: 'parent-notices', name: '家校通知', icon: 'bell', categoryId: 'parent', department: '学生工作处',
    description: '学校和辅导员发给家长的通知', kind: 'microapp', target: 'parent-notices',
    roles: ['parent'], platforms: ['weapp', 'h5'], keywords: ['通知', '家校'],
  },
];

export const SERVICES: readonly CatalogService[] = ENTRIES.map((entry, index) => ({
  ...entry,
  status: entry.status ?? 'online',
  platforms: entry.platforms ?? ALL_PLATFORMS,
  keywords: entry.keywords ?? [],
  sort: (index + 1) * 10,
}));

export interface DemoNotice {
  id: string;
  title: string;
  body: string;
  level: 'info' | 'warning';
  audience: Role[];
  /** publish window relative to the seeding time, in days (null: open-ended) */
  startsInDays: number;
  endsInDays: number | null;
}

/** Notices the demo campus starts with (the home page's banner). */
export const DEMO_NOTICES: readonly DemoNotice[] = [
  {
    id: 'demo-winter-break',
    title: '寒假离返校安排',
    body: '1 月 10 日起可在「节假日离返校」提交离校申请，经辅导员审批后生成通行码；请于 2 月 24 日前返校报到。',
    level: 'info',
    audience: ['student', 'counselor', 'parent'],
    startsInDays: -1,
    endsInDays: 60,
  },
  {
    id: 'demo-card-upgrade',
    title: '一卡通系统升级',
    body: '今晚 18:00–20:00 一卡通充值暂停服务，消费不受影响。',
    level: 'warning',
    audience: CAMPUS,
    startsInDays: -1,
    endsInDays: 30,
  },
  {
    id: 'demo-staff-walk',
    title: '教职工健步走活动开始报名',
    body: '本月健步走挑战赛开始报名，在「教职工健步走」中加入你的部门队伍。',
    level: 'info',
    audience: STAFF,
    startsInDays: -1,
    endsInDays: 30,
  },
];
