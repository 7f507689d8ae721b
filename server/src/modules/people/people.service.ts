/**
 * People as others see them, and the admin's switch to disable / enable a person. The row rule
 * (who may read whom) and the field rule (which fields) come from shared/access.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PersonCard } from '../../../../types/api';
import type { Database } from '../../db/schema';
import { filterFields, requireReadPerson, requireRole, type AuthContext } from '../../shared/access';
import { AppError, notFound } from '../../shared/errors';
import * as repository from '../identity/identity.repository';

async function loadCard(db: Kysely<Database>, personId: string): Promise<PersonCard | undefined> {
  const row = await db
    .selectFrom('people')
    .leftJoin('colleges', 'colleges.id', 'people.college_id')
    .leftJoin('majors', 'majors.id', 'people.major_id')
    .leftJoin('classes', 'classes.id', 'people.class_id')
    .leftJoin('dorm_rooms', 'dorm_rooms.id', 'people.dorm_room_id')
    .leftJoin('dorm_buildings', 'dorm_buildings.id', 'dorm_rooms.building_id')
    .select([
      'people.id',
      'people.number',
      'people.name',
      'people.kind',
      'people.gender',
      'people.mobile',
      'people.department',
      'people.title',
      'people.status',
      'colleges.name as college',
      'majors.name as major',
      'classes.name as className',
      'dorm_buildings.name as building',
      'dorm_rooms.number as room',
    ])
    .where('people.id', '=', personId)
    .executeTakeFirst();
  if (!row) return undefined;
  const card: PersonCard = { id: row.id, number: row.number, name: row.name, kind: row.kind, status: row.status };
  if (row.gender) card.gender = row.gender;
  if (row.college) card.college = row.college;
  if (row.major) card.major = row.major;
  if (row.className) card.className = row.className;
  if (row.department) card.department = row.department;
  if (row.title) card.title = row.title;
  if (row.mobile) card.mobile = row.mobile;
  if (row.building && row.room) card.dormRoom = `${row.building} ${row.room}`;
  return card;
}

export function createPeopleService(db: Kysely<Database>) {
  async function setStatus(auth: AuthContext | null, personId: string, status: 'active' | 'disabled'): Promise<void> {
    requireRole(auth, 'admin');
    if (status === 'disabled' && personId === auth.personId) {
      throw new AppError(409, 'CONFLICT', '不能停用自己的账号');
    }
    const now = new Date();
    await db.transaction().execute(async (trx) => {
      if (!(await repository.setPersonStatus(trx, personId, status))) throw notFound('人员不存在');
      // disabling ends every session at once; the auth check also refuses disabled people
      if (status === 'disabled') await repository.revokePersonSessions(trx, personId, now, 'disabled');
      await repository.insertAudit(trx, {
        id: randomUUID(),
        actorId: auth.personId,
        action: status === 'disabled' ? 'person.disable' : 'person.enable',
        target: `person:${personId}`,
        at: now,
      });
    });
  }

  return {
    /** self, an admin, a student's counselor or parent — each sees the fields their relation allows */
    async get(auth: AuthContext | null, personId: string): Promise<PersonCard> {
      const relation = await requireReadPerson(db, auth, personId);
      const card = await loadCard(db, personId);
      if (!card) throw notFound('人员不存在');
      return { ...filterFields(card, relation), id: card.id };
    },

    disable: (auth: AuthContext | null, personId: string) => setStatus(auth, personId, 'disabled'),
    enable: (auth: AuthContext | null, personId: string) => setStatus(auth, personId, 'active'),
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
