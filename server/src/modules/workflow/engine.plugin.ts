/**
 * Engine start-up and background work: seeds the shipped definitions and college leaders on
 * first start (idempotent, safe with several processes), then polls node timers and the
 * outbox. Each poll claims rows with conditional updates, so every process may run it.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createIntegrations } from '../../integrations';
import { deliverOutbox, dingtalkAdapter, wechatAdapter, type PushAdapters } from '../messages/outbox';
import { seedCollegeLeaders, seedShippedDefinitions } from '../microapps/microapps.repository';
import { loadVersion } from './workflow.repository';
import { runDueTimers } from './workflow.scheduler';

export const TIMER_POLL_MS = 30_000;
export const OUTBOX_POLL_MS = 5_000;

export function pushAdapters(app: FastifyInstance): PushAdapters {
  const integrations = createIntegrations(app.config.integrations);
  const adapters: PushAdapters = {};
  if (integrations.wechat && app.config.integrations.wechat?.subscribeTemplateId) adapters.wechat = wechatAdapter(integrations.wechat);
  if (integrations.dingtalk && app.config.integrations.dingtalk?.agentId) adapters.dingtalk = dingtalkAdapter(integrations.dingtalk, app.config.publicBaseUrl);
  return adapters;
}

export const enginePlugin = fp(
  async (app: FastifyInstance) => {
    const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
    const definitionOf = async (r: { appKey: string; version: number }) => {
      const definition = await loadVersion(app.db, r.appKey, r.version);
      if (!definition) throw new Error(`definition ${r.appKey}@${r.version} is missing`);
      return definition;
    };
    const timers: NodeJS.Timeout[] = [];
    const loop = (ms: number, work: () => Promise<unknown>) => {
      // one run at a time per loop in this process; other processes are kept apart by the leases
      let busy = false;
      const handle = setInterval(() => {
        if (busy) return;
        busy = true;
        work()
          .catch((error: unknown) => app.log.error({ err: error }, 'engine background work failed'))
          .finally(() => {
            busy = false;
          });
      }, ms);
      handle.unref();
      timers.push(handle);
    };

    app.addHook('onReady', async () => {
      const seeded = await seedShippedDefinitions(app.db, new Date());
      if (seeded.length > 0) app.log.info({ microapps: seeded }, 'seeded shipped micro-app definitions');
      await seedCollegeLeaders(app.db);
      // tests drive the scheduler and the outbox by hand, with their own clock
      if (app.config.env === 'test') return;
      const adapters = pushAdapters(app);
      loop(TIMER_POLL_MS, () => runDueTimers(app.db, { now: new Date(), owner, definitionOf, log: app.log }));
      loop(OUTBOX_POLL_MS, () => deliverOutbox(app.db, adapters, { now: new Date(), owner, log: app.log }));
    });
    app.addHook('onClose', async () => {
      for (const handle of timers) clearInterval(handle);
    });
  },
  { name: 'microapp-engine', dependencies: ['database'] },
);
