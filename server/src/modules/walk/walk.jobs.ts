/**
 * When the daily walk jobs run: a timer in each process checks every 10 minutes; DingTalk steps
 * are fetched from 07:00 China time (yesterday's count is final by then) and the reminder goes
 * out from 19:00. walk_job_runs makes each happen once a day however many processes run.
 * Off under test (tests call runDailyJobs themselves).
 */
import type { FastifyInstance } from 'fastify';
import type { WalkService } from './walk.service';

const CHECK_EVERY_MS = 10 * 60_000;
const FETCH_FROM_HOUR = 7;
const REMIND_FROM_HOUR = 19;

export function startWalkJobs(app: FastifyInstance, service: WalkService): void {
  if (app.config.env === 'test') return;
  const tick = async () => {
    const hour = new Date(Date.now() + 8 * 3600_000).getUTCHours();
    try {
      await service.runDailyJobs({ fetchDingtalk: hour >= FETCH_FROM_HOUR, remind: hour >= REMIND_FROM_HOUR });
    } catch (error) {
      app.log.error({ err: error }, 'walk daily jobs failed');
    }
  };
  const timer = setInterval(() => void tick(), CHECK_EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
