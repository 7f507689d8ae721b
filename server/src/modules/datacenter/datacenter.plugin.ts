/**
 * On a demo install (AUTO_SEED), fills the data-center facts for the seeded campus and computes
 * every portrait. A small campus (tests, e2e: ≤ 500 students) is seeded before the server is
 * ready; a bigger one (the default 3,000) in the background, so the server answers logins at
 * once and the portrait routes wait for `app.datacenterReady` (a few seconds, once).
 */
import fp from 'fastify-plugin';
import type { AppConfig } from '../../config';
import { seedDatacenterIfEmpty } from './datacenter.seed';

declare module 'fastify' {
  interface FastifyInstance {
    /** resolves once the demo facts and portraits exist (at once when there is nothing to seed) */
    datacenterReady(): Promise<void>;
  }
}

const SEED_IN_FOREGROUND_UP_TO = 500;

export const datacenterPlugin = fp(
  async (app, options: { config: AppConfig }) => {
    const { config } = options;
    if (!config.autoSeed) {
      app.decorate('datacenterReady', () => Promise.resolve());
      return;
    }
    const seed = async () => {
      const report = await seedDatacenterIfEmpty(app.db, { students: config.seedStudents });
      if (report) app.log.info({ datacenter: report }, 'seeded the demo data-center facts and portraits');
    };
    if (config.seedStudents <= SEED_IN_FOREGROUND_UP_TO) {
      await seed();
      app.decorate('datacenterReady', () => Promise.resolve());
      return;
    }
    // started once the server listens (so it does not slow the start), or by the first portrait
    // request of an app that never listens (tests with app.inject)
    let running: Promise<void> | undefined;
    const start = () =>
      (running ??= seed().catch((error: unknown) => {
        app.log.error({ err: error }, 'seeding the demo data-center facts failed');
      }));
    app.decorate('datacenterReady', start);
    app.addHook('onListen', async () => {
      setImmediate(() => void start());
    });
    app.addHook('onClose', async () => {
      await running;
    });
  },
  { name: 'datacenter', dependencies: ['database'] },
);
