/**
 * What the shared core cannot check: that the people, places and uploads a form names exist.
 * Values are rewritten from the directory (a person's name, a room's name, a file's size), so
 * nothing the client typed about them is stored.
 */
import type { Kysely } from 'kysely';
import type { FieldError } from '../../../../types/errors';
import type { DataField, FileValue, FormValues, LocationValue, PersonValue } from '../../../../types/microapp';
import type { Database } from '../../db/schema';
import { resolveLocation } from '../microapps/locations';

type Db = Kysely<Database>;

async function resolvePerson(db: Db, field: DataField, value: PersonValue): Promise<PersonValue | string> {
  const person = await db
    .selectFrom('people')
    .select(['id', 'name', 'status'])
    .where('id', '=', value.id)
    .executeTakeFirst();
  if (!person || person.status !== 'active') return `${field.label}：所选人员不存在或已停用`;
  if (field.role) {
    const role = await db.selectFrom('person_roles').select('role').where('person_id', '=', person.id).where('role', '=', field.role).executeTakeFirst();
    if (!role) return `${field.label}：所选人员不具备所需角色`;
  }
  return { id: person.id, name: person.name };
}

async function resolveFiles(db: Db, field: DataField, files: FileValue[], ownerId: string): Promise<FileValue[] | string> {
  const ids = files.map((f) => f.id);
  const rows = await db
    .selectFrom('uploads')
    .select(['id', 'name', 'mime', 'size', 'owner_id'])
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const resolved: FileValue[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row || row.owner_id !== ownerId) return `${field.label}：文件不存在或不是您上传的`;
    if (field.type === 'image' && !row.mime.startsWith('image/')) return `${field.label}只能上传图片`;
    if (field.maxSizeKb !== undefined && row.size > field.maxSizeKb * 1024) return `${field.label}单个文件不能超过 ${field.maxSizeKb} KB`;
    resolved.push({ id: row.id, name: row.name, mime: row.mime, size: row.size });
  }
  return resolved;
}

/** Checks and normalizes the reference-typed values of `values` (already validated by the core). */
export async function resolveReferences(
  db: Db,
  fields: Map<string, DataField>,
  values: FormValues,
  actorId: string,
): Promise<{ errors: FieldError[]; values: FormValues }> {
  const errors: FieldError[] = [];
  const out: FormValues = { ...values };
  for (const [key, value] of Object.entries(values)) {
    const field = fields.get(key);
    if (!field) continue;
    const path = `/values/${key}`;
    let result: unknown = value;
    if (field.type === 'person') result = await resolvePerson(db, field, value as PersonValue);
    else if (field.type === 'image' || field.type === 'file') result = await resolveFiles(db, field, value as FileValue[], actorId);
    else if (field.type === 'location') {
      const location = await resolveLocation(db, value as LocationValue, field.scope, field.level !== 'building');
      result = location ?? `${field.label}：校园中没有这个位置`;
    }
    if (typeof result === 'string' && result !== value) errors.push({ field: path, message: result });
    else out[key] = result;
  }
  return { errors, values: out };
}
