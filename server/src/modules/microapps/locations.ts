/**
 * Campus locations for the building → room widget: dorms come from the campus directory, and
 * teaching buildings (not part of the generated campus yet) from a fixed list here.
 */
import type { Kysely } from 'kysely';
import type { LocationValue } from '../../../../types/microapp';
import type { Database } from '../../db/schema';

type Scope = 'dorm' | 'teaching';
interface Building {
  id: string;
  name: string;
  scope: Scope;
}
interface Room {
  id: string;
  name: string;
}

const TEACHING_BUILDINGS: { id: string; name: string; floors: number; perFloor: number }[] = [
  { id: 'teach-1', name: '第一教学楼', floors: 5, perFloor: 8 },
  { id: 'teach-2', name: '第二教学楼', floors: 4, perFloor: 6 },
  { id: 'teach-lib', name: '图书馆报告厅', floors: 1, perFloor: 3 },
  { id: 'teach-lab', name: '实验楼', floors: 6, perFloor: 5 },
];

const teachingRooms = (building: (typeof TEACHING_BUILDINGS)[number]): Room[] =>
  Array.from({ length: building.floors * building.perFloor }, (_, i) => {
    const number = `${Math.floor(i / building.perFloor) + 1}${String((i % building.perFloor) + 1).padStart(2, '0')}`;
    return { id: `${building.id}-${number}`, name: number };
  });

export async function listBuildings(db: Kysely<Database>, scope?: Scope): Promise<Building[]> {
  const buildings: Building[] = [];
  if (scope !== 'teaching') {
    const rows = await db.selectFrom('dorm_buildings').select(['id', 'name']).orderBy('id').execute();
    buildings.push(...rows.map((row) => ({ ...row, scope: 'dorm' as const })));
  }
  if (scope !== 'dorm') buildings.push(...TEACHING_BUILDINGS.map(({ id, name }) => ({ id, name, scope: 'teaching' as const })));
  return buildings;
}

/** null when the building does not exist */
export async function listRooms(db: Kysely<Database>, buildingId: string): Promise<Room[] | null> {
  const teaching = TEACHING_BUILDINGS.find((b) => b.id === buildingId);
  if (teaching) return teachingRooms(teaching);
  const building = await db.selectFrom('dorm_buildings').select('id').where('id', '=', buildingId).executeTakeFirst();
  if (!building) return null;
  const rows = await db.selectFrom('dorm_rooms').select(['id', 'number']).where('building_id', '=', buildingId).orderBy('number').execute();
  return rows.map((row) => ({ id: row.id, name: row.number }));
}

/** The location as the campus data names it, or null when the building or room is unknown or out of scope. */
export async function resolveLocation(
  db: Kysely<Database>,
  value: LocationValue,
  scope: Scope | undefined,
  withRoom: boolean,
): Promise<LocationValue | null> {
  const teaching = TEACHING_BUILDINGS.find((b) => b.id === value.buildingId);
  if (teaching) {
    if (scope === 'dorm') return null;
    const resolved: LocationValue = { buildingId: teaching.id, buildingName: teaching.name };
    if (!withRoom && !value.roomId) return resolved;
    const room = teachingRooms(teaching).find((r) => r.id === value.roomId);
    return room ? { ...resolved, roomId: room.id, roomName: room.name } : null;
  }
  if (scope === 'teaching') return null;
  const building = await db.selectFrom('dorm_buildings').select(['id', 'name']).where('id', '=', value.buildingId).executeTakeFirst();
  if (!building) return null;
  const resolved: LocationValue = { buildingId: building.id, buildingName: building.name };
  if (!withRoom && !value.roomId) return resolved;
  const room = await db
    .selectFrom('dorm_rooms')
    .select(['id', 'number'])
    .where('id', '=', value.roomId ?? '')
    .where('building_id', '=', building.id)
    .executeTakeFirst();
  return room ? { ...resolved, roomId: room.id, roomName: room.number } : null;
}
