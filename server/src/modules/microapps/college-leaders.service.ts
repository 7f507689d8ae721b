/**
 * Who leads each college, for flows whose approval goes to `collegeLeader` (e.g. 用车申请's
 * department head). The demo seeds a stand-in (the college's first teacher by 工号); a school sets
 * the real post here. Admins only; every change is audited with before and after.
 */
import { randomUUID } from 'node:crypto';
import type { CollegeLeader } from '../../../../types/microapp';
import { requireRole, type AuthContext } from '../../shared/access';
import { notFound } from '../../shared/errors';
import { insertAudit } from '../identity/identity.repository';
import type { Db } from '../workflow/workflow.repository';
import { validationFailed } from '../workflow/workflow.service';
import { listCollegeLeaders, setCollegeLeader } from './microapps.repository';

export function createCollegeLeadersService(db: Db, now: () => Date = () => new Date()) {
  async function list(auth: AuthContext | null): Promise<{ colleges: CollegeLeader[] }> {
    requireRole(auth, 'admin');
    const rows = await listCollegeLeaders(db);
    return {
      colleges: rows.map((row) => ({
        collegeId: row.collegeId,
        collegeName: row.collegeName,
        leader: row.leaderId ? { id: row.leaderId, name: row.leaderName ?? '' } : null,
      })),
    };
  }

  /** The leader must be active staff of that college: a student or someone else's dean cannot approve for it. */
  async function set(auth: AuthContext | null, collegeId: string, personId: string): Promise<CollegeLeader> {
    requireRole(auth, 'admin');
    const college = await db.selectFrom('colleges').select(['id', 'name']).where('id', '=', collegeId).executeTakeFirst();
    if (!college) throw notFound('学院不存在');
    const person = await db.selectFrom('people').select(['id', 'name', 'kind', 'status', 'college_id']).where('id', '=', personId).executeTakeFirst();
    if (!person) throw validationFailed([{ field: '/personId', message: '没有这个人' }]);
    if (person.kind !== 'staff' || person.status !== 'active') throw validationFailed([{ field: '/personId', message: '学院负责人须为在职教职工' }]);
    if (person.college_id !== collegeId) throw validationFailed([{ field: '/personId', message: `${person.name} 不属于${college.name}` }]);
    await db.transaction().execute(async (trx) => {
      const before = await setCollegeLeader(trx, collegeId, personId);
      await insertAudit(trx, { id: randomUUID(), actorId: auth.personId, action: 'college.leader.set', target: `college:${collegeId}`, detail: { before, after: personId }, at: now() });
    });
    return { collegeId, collegeName: college.name, leader: { id: person.id, name: person.name } };
  }

  return { list, set };
}
