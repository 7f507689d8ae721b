/**
 * Staff walking benchmark (issue 6): the real app (SQLite by default, PostgreSQL with
 * `--postgres` and TEST_DATABASE_URL) with a 30-day challenge of 20,000 participants already
 * walked (600,000 step rows and their aggregates), then in ONE run and process:
 *   a bare Fastify route (baseline, same app, plugins and hooks, no auth, no database)
 *   GET /api/me (what any signed-in request costs: token, session row, roles, one read)
 *   vs the leaderboard reads (people: today / whole challenge; departments: this week by average)
 *   vs POST /api/walk/sync/wechat, each request real WeRun data (AES-128-CBC, our appid, fresh
 *      watermark) for one of 50 participants in which every one of the 31 days changed — the worst case
 * each for ~5 s with autocannon: reads at concurrency 10, syncs at 4 (four phones sending 31 days
 * at every instant is ~100× the peak a 20,000-person campus sees). Targets: leaderboard p99 ≤ 20 ms,
 * sync p99 ≤ 50 ms.
 *
 *   npm run bench:walk -- [--duration 5] [--connections 10] [--sync-connections 4] [--participants 20000] [--postgres]
 *
 * The load generator runs in the same process as the server (2 cores here): absolute figures are
 * lower than on a dedicated client, the ratios are what to compare.
 */
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { demoSteps, encryptWeRunData, weRunDays } from '../../mocks/wechat/werun';
import { createTestApp, login } from '../src/test/test-app';
import { deriveKey, seal } from '../src/shared/crypto';
import { hashPassword } from '../src/shared/password';
import { wechatKeyContext } from '../src/modules/identity/platform.service';
import { addDays, chinaDay, daysBetween } from '../src/modules/walk/walk.days';
import type { ChallengeRow } from '../src/modules/walk/walk.repository';
import { insertChallenge } from '../src/modules/walk/walk.repository';
import { insertStepRows, loadChallengeParticipants } from '../src/modules/walk/walk.seed';
import { createWalkService } from '../src/modules/walk/walk.service';

/** p50 / p99 in ms of `rounds` sequential calls */
async function timed(rounds: number, call: (n: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let n = 0; n < rounds; n += 1) {
    const started = performance.now();
    await call(n);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(rounds * 0.5)]!, p99: samples[Math.floor(rounds * 0.99)]! };
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: CannonRequest) => CannonRequest;
}
type Autocannon = (options: { url: string; connections: number; duration: number; headers?: Record<string, string>; requests?: CannonRequest[] }) => Promise<AutocannonResult>;
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    'sync-connections': { type: 'string', default: '4' },
    participants: { type: 'string', default: '20000' },
    postgres: { type: 'boolean', default: false },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const SYNC_CONNECTIONS = Number(args['sync-connections']);
const PARTICIPANTS = Number(args.participants);
const DAYS = 30;
const SYNC_USERS = 50;
const DEPARTMENTS = 40;
const APP_ID = 'wx-bench-appid';

function row(label: string, result: AutocannonResult, baseline?: AutocannonResult): string {
  const ratio = baseline ? (result.requests.average / baseline.requests.average).toFixed(2) : '1.00';
  const bad = result.non2xx + result.errors + result.timeouts;
  return [
    label.padEnd(52),
    result.requests.average.toFixed(0).padStart(8),
    `${result.latency.p50.toFixed(1)} ms`.padStart(10),
    `${result.latency.p99.toFixed(1)} ms`.padStart(10),
    ratio.padStart(8),
    String(bad).padStart(7),
  ].join('');
}

async function main(): Promise<void> {
  if (args.postgres && !process.env.TEST_DATABASE_URL) throw new Error('--postgres needs TEST_DATABASE_URL');
  const t = await createTestApp(args.postgres ? 'postgres' : 'sqlite', {
    ready: false,
    config: {
      logLevel: 'silent',
      port: 0,
      seedStudents: 20,
      integrations: { unified: 'password', standIns: false, wechat: { apiBase: 'http://127.0.0.1:9', appId: APP_ID, appSecret: 'unused' } },
    },
  });
  t.app.get('/bench/bare', { schema: { hide: true } }, async () => ({ ok: true }));
  await t.app.ready();
  try {
    const db = t.app.db;
    const now = Date.now();
    const today = chinaDay(now);
    const at = new Date(now);

    // 20,000 staff in 40 departments; the first 50 can log in and have a WeChat session_key
    const started = performance.now();
    const people = Array.from({ length: PARTICIPANTS }, (_, index) => ({
      id: `bench-${String(index).padStart(6, '0')}`,
      kind: 'staff' as const,
      number: `B${String(index).padStart(6, '0')}`,
      name: `职工${index}`,
      gender: null,
      mobile: null,
      college_id: null,
      major_id: null,
      class_id: null,
      department: `部门${String(index % DEPARTMENTS).padStart(2, '0')}`,
      title: null,
      dorm_room_id: null,
      enrolled_year: null,
      status: 'active' as const,
      created_at: at.toISOString(),
    }));
    for (let start = 0; start < people.length; start += 2000) await db.insertInto('people').values(people.slice(start, start + 2000)).execute();
    const syncUsers = people.slice(0, SYNC_USERS);
    const hash = await hashPassword('bench-password');
    await db.insertInto('person_roles').values(syncUsers.map((person) => ({ person_id: person.id, role: 'teacher' as const }))).execute();
    await db.insertInto('credentials').values(syncUsers.map((person) => ({ person_id: person.id, password_hash: hash, updated_at: at.toISOString() }))).execute();
    const keyKey = deriveKey(t.config.dataSecret, 'wechat-session-key');
    const sessionKeys = syncUsers.map(() => randomBytes(16).toString('base64'));
    await db
      .insertInto('wechat_sessions')
      .values(syncUsers.map((person, index) => ({
        openid: `o-bench-${index}`,
        person_id: person.id,
        unionid: null,
        session_key_enc: seal(keyKey, sessionKeys[index]!, wechatKeyContext(`o-bench-${index}`)),
        updated_at: at.toISOString(),
      })))
      .execute();

    const challenge: ChallengeRow = {
      id: 'bench-walk',
      name: '基准健步走',
      startDate: addDays(today, -(DAYS - 1)),
      endDate: today,
      scope: 'all',
      departments: [],
      teamMode: 'department',
      groups: [],
      dailyGoal: 10_000,
      dailyCap: 20_000,
      joinMode: 'opt_in',
    };
    const epochDay = (day: string) => daysBetween('1970-01-01', day);
    const participants = people.map((person) => ({
      personId: person.id,
      team: person.department,
      days: Array.from({ length: DAYS }, (_, index) => {
        const day = addDays(challenge.startDate, index);
        return { day, steps: demoSteps(person.id, epochDay(day)) };
      }),
    }));
    await db.transaction().execute(async (trx) => {
      await insertChallenge(trx, challenge, null, at);
      await loadChallengeParticipants(trx, challenge, participants, at);
      await insertStepRows(trx, participants.flatMap((p) => p.days.map((day) => ({ personId: p.personId, day: day.day, steps: day.steps, source: 'wechat' as const }))), at);
    });
    const loadSeconds = (performance.now() - started) / 1000;
    const totals = await db.selectFrom('walk_totals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const steps = await db.selectFrom('walk_steps').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

    const tokens: string[] = [];
    for (const person of syncUsers) tokens.push((await login(t.app, person.number, 'bench-password')).accessToken);
    const reader = { authorization: `Bearer ${tokens[0]}` };

    // WeRun payloads: every request a different user and all 31 days different from what is stored
    let sequence = 0;
    const payloadFor = (n: number) => {
      const user = n % SYNC_USERS;
      const body = encryptWeRunData(sessionKeys[user]!, {
        appId: APP_ID,
        stepInfoList: weRunDays(Date.now(), (daysAgo) => 3000 + ((n * 37 + daysAgo * 101) % 15000)),
        watermarkMs: Date.now(),
      });
      return { headers: { authorization: `Bearer ${tokens[user]}`, 'content-type': 'application/json' }, body: JSON.stringify(body) };
    };
    const pregenerated = Array.from({ length: 20_000 }, (_, n) => payloadFor(n));

    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const board = (query: string) => `/api/walk/challenges/${challenge.id}/leaderboard?${query}`;
    const check = await fetch(`${address}${board('period=all')}`, { headers: reader });
    if (check.status !== 200) throw new Error(`leaderboard answered ${check.status} ${await check.text()}`);
    const firstSync = pregenerated[0]!;
    const syncCheck = await fetch(`${address}/api/walk/sync/wechat`, { method: 'POST', headers: firstSync.headers, body: firstSync.body });
    if (syncCheck.status !== 200) throw new Error(`sync answered ${syncCheck.status} ${await syncCheck.text()}`);

    const get = (path: string, withAuth = true) => autocannon({ url: `${address}${path}`, connections: CONNECTIONS, duration: DURATION, ...(withAuth ? { headers: reader } : {}) });
    const sync = (duration: number) =>
      autocannon({
        url: address,
        connections: SYNC_CONNECTIONS,
        duration,
        requests: [
          {
            method: 'POST',
            path: '/api/walk/sync/wechat',
            setupRequest: (request) => ({ ...request, ...pregenerated[(sequence += 1) % pregenerated.length]! }),
          },
        ],
      });
    // warm-up: the JIT sees each route before it is measured
    for (const path of ['/bench/bare', '/api/me', board('period=all'), board('period=today'), board('period=week&board=departments')]) {
      await autocannon({ url: `${address}${path}`, connections: CONNECTIONS, duration: 1, headers: reader });
    }
    await sync(1);

    const bare = await get('/bench/bare', false);
    // what every signed-in request pays before any walk code runs (token, session row, roles)
    const me = await get('/api/me');
    const all = await get(board('period=all'));
    const todayBoard = await get(board('period=today'));
    const teams = await get(board('period=week&board=departments&sort=average'));
    const synced = await sync(DURATION);

    // the same work without HTTP and without queueing behind other requests: one call at a time
    const service = createWalkService({ db, config: t.config, upstreams: t.app.upstreams, log: t.app.log });
    const authOf = (user: number) => ({ personId: syncUsers[user]!.id, sessionId: 'bench', roles: ['teacher' as const] });
    const queries = [{ period: 'all' as const }, { period: 'today' as const }, { period: 'week' as const, board: 'departments' as const }];
    const readInProcess = await timed(3000, (n) => service.leaderboard(authOf(n % SYNC_USERS), challenge.id, queries[n % 3]!));
    const syncInProcess = await timed(600, (n) => service.syncWechat(authOf(n % SYNC_USERS), JSON.parse(payloadFor(100_000 + n).body)));

    const database = args.postgres ? 'PostgreSQL' : 'SQLite';
    console.log(
      `\n健步走基准 · ${database} · ${PARTICIPANTS.toLocaleString('en-US')} 名参与者 × ${DAYS} 天（${Number(steps.n).toLocaleString('en-US')} 条步数，` +
        `${Number(totals.n).toLocaleString('en-US')} 条汇总，载入 ${loadSeconds.toFixed(1)} s）· 读并发 ${CONNECTIONS}，同步并发 ${SYNC_CONNECTIONS} · 每项 ${DURATION} s · Node ${process.version}`,
    );
    console.log(`${'route'.padEnd(52)}${'req/s'.padStart(8)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'ratio'.padStart(8)}${'non2xx'.padStart(7)}`);
    console.log(row('GET /bench/bare (baseline)', bare));
    console.log(row('GET /api/me (signed in, no walk work)', me, bare));
    console.log(row('GET leaderboard people, whole challenge', all, bare));
    console.log(row('GET leaderboard people, today', todayBoard, bare));
    console.log(row('GET leaderboard departments, week, average', teams, bare));
    console.log(row('POST /api/walk/sync/wechat (31 days, all changed)', synced, bare));
    console.log(`\nin process, one call at a time (no HTTP, no queue):`);
    console.log(`  leaderboard (people whole / today, departments week): p50 ${readInProcess.p50.toFixed(2)} ms, p99 ${readInProcess.p99.toFixed(2)} ms`);
    console.log(`  31-day WeRun sync (decrypt + upsert + aggregates):   p50 ${syncInProcess.p50.toFixed(2)} ms, p99 ${syncInProcess.p99.toFixed(2)} ms`);
    const worstBoard = Math.max(all.latency.p99, todayBoard.latency.p99, teams.latency.p99);
    console.log(`\nleaderboard p99 ${worstBoard.toFixed(1)} ms (target ≤ 20 ms): ${worstBoard <= 20 ? 'OK' : 'MISSED'}`);
    console.log(`31-day sync p99 ${synced.latency.p99.toFixed(1)} ms (target ≤ 50 ms): ${synced.latency.p99 <= 50 ? 'OK' : 'MISSED'}`);
  } finally {
    await t.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
