import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../../config';
import { createDatabase, migrateToLatest } from '../../db/database';
import type { DialectName } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { seedIfEmpty } from '../../seed/seed-campus';
import { seedWalkDemo } from '../../modules/walk/walk.seed';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    dbDialect: DialectName;
  }
}

/** Opens the database, brings the schema up to date and, on a fresh install, seeds the demo campus. */
export const databasePlugin = fp(
  async (app, options: { config: AppConfig }) => {
    const { config } = options;
    const handle = createDatabase(config.database);
    try {
      const applied = await migrateToLatest(handle);
      if (applied.length > 0) app.log.info({ migrations: applied }, 'database migrated');
      if (config.autoSeed) {
        const report = await seedIfEmpty(handle.db, { students: config.seedStudents });
        if (report) app.log.info({ seed: report }, 'seeded the demo campus into an empty database');
        if (await seedWalkDemo(handle.db)) app.log.info('seeded the demo walking challenges');
      }
    } catch (error) {
      await handle.db.destroy();
      throw error;
    }
    app.decorate('db', handle.db);
    app.decorate('dbDialect', handle.dialect);
    app.addHook('onClose', async () => {
      await handle.db.destroy();
    });
  },
  { name: 'database' },
);
