/**
 * The outbox worker: claims due pushes with a conditional update (a lease), sends each through
 * its channel's adapter and marks it sent — so several processes can run it at once and each
 * push goes out once. A push whose sender died mid-send is picked up again when its lease ends;
 * that is the one window where a push can be sent twice (WeChat and DingTalk take no
 * idempotency key), and it is as short as one HTTP call.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ExpressionBuilder, Kysely, Updateable } from 'kysely';
import type { Database, OutboxTable } from '../../db/schema';
import { isIntegrationError } from '../../integrations/integration-error';
import type { DingtalkClient } from '../../integrations/dingtalk/dingtalk-client';
import type { WechatClient } from '../../integrations/wechat/wechat-client';

type Db = Kysely<Database>;

export interface PushPayload {
  title: string;
  body: string;
  link: string | null;
  at: string;
}

/** One adapter per channel: address (openid / userid) + payload → the upstream's message id. */
export type PushAdapter = (address: string, payload: PushPayload) => Promise<string>;
export type PushAdapters = Partial<Record<'wechat' | 'dingtalk', PushAdapter>>;

const cut = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text);
const beijingTime = (iso: string): string => {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
};

/** WeChat subscribe message: the to-do template's keywords (thing ≤ 20 characters, time). */
export const wechatAdapter = (client: Pick<WechatClient, 'sendSubscribeMessage'>): PushAdapter => (openid, payload) =>
  client.sendSubscribeMessage({
    touser: openid,
    page: (payload.link ?? '/pages/todo/index').replace(/^\//, ''),
    data: { thing1: { value: cut(payload.title, 20) }, thing2: { value: cut(payload.body, 20) }, time3: { value: beijingTime(payload.at) } },
  });

/** DingTalk work notice: an OA card that opens the H5 page (the H5 router is in browser mode: plain paths). */
export const dingtalkAdapter = (client: Pick<DingtalkClient, 'sendWorkNotice'>, baseUrl: string): PushAdapter => (userid, payload) =>
  client.sendWorkNotice({
    useridList: [userid],
    title: payload.title,
    content: payload.body,
    messageUrl: `${baseUrl.replace(/\/+$/, '')}${payload.link ?? '/pages/todo/index'}`,
  });

export const OUTBOX_MAX_ATTEMPTS = 5;
const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** (attempts - 1), 30 * 60_000);

export interface DeliverOptions {
  now: Date;
  /** this process: who holds a lease */
  owner: string;
  leaseMs?: number;
  limit?: number;
  log?: FastifyBaseLogger;
}

export interface DeliverReport {
  sent: number;
  retried: number;
  failed: number;
}

export async function deliverOutbox(db: Db, adapters: PushAdapters, options: DeliverOptions): Promise<DeliverReport> {
  const { now, owner } = options;
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? 60_000)).toISOString();
  const report: DeliverReport = { sent: 0, retried: 0, failed: 0 };
  const claimable = (eb: ExpressionBuilder<Database, 'outbox'>) =>
    eb.or([
      eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', at)]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)]),
    ]);
  const due = await db
    .selectFrom('outbox')
    .select('id')
    .where(claimable)
    .orderBy('next_attempt_at')
    .limit(options.limit ?? 50)
    .execute();
  for (const { id } of due) {
    const claimed = await db
      .updateTable('outbox')
      .set((eb) => ({ status: 'sending', lease_owner: owner, lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where(claimable)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue; // another process got it
    const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const adapter = adapters[row.channel];
    // only while the lease is still ours: a lease that ran out belongs to whoever claimed it next
    const finish = (set: Updateable<OutboxTable>) =>
      db.updateTable('outbox').set(set).where('id', '=', id).where('lease_owner', '=', owner).where('status', '=', 'sending').execute();
    if (!adapter) {
      await finish({ status: 'failed', last_error: 'channel_not_configured', lease_until: null });
      report.failed += 1;
      continue;
    }
    try {
      await adapter(row.address, JSON.parse(row.payload) as PushPayload);
      await finish({ status: 'sent', sent_at: new Date().toISOString(), lease_until: null, last_error: null });
      report.sent += 1;
    } catch (error) {
      const code = isIntegrationError(error) ? `${error.kind}:${error.upstreamCode}` : 'error';
      // the user did not subscribe: retrying will not help
      const final = row.attempts >= OUTBOX_MAX_ATTEMPTS || (isIntegrationError(error) && error.kind === 'rejected');
      await finish({
        status: final ? 'failed' : 'pending',
        last_error: code,
        lease_until: null,
        next_attempt_at: new Date(now.getTime() + backoffMs(row.attempts)).toISOString(),
      });
      if (final) report.failed += 1;
      else report.retried += 1;
      options.log?.warn({ outbox: { id, channel: row.channel, code, attempts: row.attempts } }, 'push not delivered');
    }
  }
  return report;
}
