/**
 * The campus directory (colleges → majors → classes, dorms, people and their roles), local
 * credentials, parent links, sessions and the service catalog.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

// classes.counselor_id → people and people.class_id → classes reference each other. SQLite
// accepts a reference to a table created later; PostgreSQL needs the constraint added afterwards.
const COUNSELOR_FK = 'classes_counselor_id_fk';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  const timestamp = postgres ? 'timestamptz' : 'text';

  await db.schema
    .createTable('colleges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('majors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('college_id', 'text', (c) => c.notNull().references('colleges.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dorm_buildings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull().check(sql`gender in ('male', 'female')`))
    .addColumn('floors', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dorm_rooms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('building_id', 'text', (c) => c.notNull().references('dorm_buildings.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addUniqueConstraint('dorm_rooms_building_number_unique', ['building_id', 'number'])
    .execute();

  await db.schema
    .createTable('classes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('college_id', 'text', (c) => c.notNull().references('colleges.id'))
    .addColumn('major_id', 'text', (c) => c.notNull().references('majors.id'))
    .addColumn('enrolled_year', 'integer', (c) => c.notNull())
    .addColumn('counselor_id', 'text', (c) => (postgres ? c : c.references('people.id')))
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('student', 'staff', 'parent')`))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.check(sql`gender in ('male', 'female')`))
    .addColumn('mobile', 'text')
    .addColumn('college_id', 'text', (c) => c.references('colleges.id'))
    .addColumn('major_id', 'text', (c) => c.references('majors.id'))
    .addColumn('class_id', 'text', (c) => c.references('classes.id'))
    .addColumn('department', 'text')
    .addColumn('title', 'text')
    .addColumn('dorm_room_id', 'text', (c) => c.references('dorm_rooms.id'))
    .addColumn('enrolled_year', 'integer')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'disabled')`))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();

  if (postgres) {
    await db.schema
      .alterTable('classes')
      .addForeignKeyConstraint(COUNSELOR_FK, ['counselor_id'], 'people', ['id'])
      .execute();
  }

  await db.schema
    .createTable('person_roles')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_roles_pk', ['person_id', 'role'])
    .execute();

  await db.schema
    .createTable('credentials')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('parent_links')
    .addColumn('parent_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('parent_links_pk', ['parent_id', 'student_id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('auth_method', 'text', (c) => c.notNull())
    .addColumn('platform', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .addColumn('revoked_at', timestamp)
    .execute();

  await db.schema
    .createTable('service_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('icon', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull().references('service_categories.id'))
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('microapp', 'link', 'miniprogram', 'phone')`),
    )
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('online', 'maintenance', 'offline')`))
    .addColumn('status_message', 'text')
    .addColumn('platforms', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await db.schema.createIndex('people_class_id_idx').on('people').column('class_id').execute();
  await db.schema.createIndex('people_kind_idx').on('people').column('kind').execute();
  await db.schema.createIndex('people_mobile_idx').on('people').column('mobile').execute();
  await db.schema.createIndex('classes_counselor_id_idx').on('classes').column('counselor_id').execute();
  await db.schema.createIndex('person_roles_role_idx').on('person_roles').column('role').execute();
  await db.schema.createIndex('parent_links_student_id_idx').on('parent_links').column('student_id').execute();
  await db.schema.createIndex('sessions_person_id_idx').on('sessions').column('person_id').execute();
  await db.schema.createIndex('services_category_sort_idx').on('services').columns(['category_id', 'sort']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['sessions', 'credentials', 'person_roles', 'parent_links', 'services', 'service_categories']) {
    await db.schema.dropTable(table).execute();
  }
  // break the classes ↔ people cycle before dropping either side
  if (dialectOf(db) === 'postgres') {
    await db.schema.alterTable('classes').dropConstraint(COUNSELOR_FK).execute();
  } else {
    await db.updateTable('classes').set({ counselor_id: null }).execute();
  }
  for (const table of ['people', 'classes', 'majors', 'colleges', 'dorm_rooms', 'dorm_buildings']) {
    await db.schema.dropTable(table).execute();
  }
}
