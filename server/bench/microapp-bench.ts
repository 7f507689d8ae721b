/**
 * Micro-app engine benchmark (issue 5): the real app (SQLite by default, `--pg` for the
 * PostgreSQL at TEST_DATABASE_URL), then in ONE run and process, each at the same concurrency:
 *   1. a bare Fastify route in the same app (baseline: same plugins and hooks, no auth, no DB);
 *   2. N submissions of 教室借用 by the demo student, each with its own idempotency key, plus
 *      N/10 retries of keys already used (must answer with the same request, create nothing);
 *   3. N approvals by the demo teacher, every task tapped TWICE at once (one 200, one 409).
 * Then rows are counted: N requests, N completed, N approve and N complete timeline entries,
 * no task left open — nothing lost, nothing duplicated.
 *
 *   npx tsx server/bench/microapp-bench.ts [--requests 1000] [--connections 50] [--pg]
 *
 * Load from autocannon in the same process (2 cores here): compare ratios, not absolute figures.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { demoAccount } from '../../mocks/campus/demo-accounts';
import { CLASSROOM_VALUES } from '../src/modules/workflow/matrix-fixtures';
import { createTestApp, login } from '../src/test/test-app';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '50' },
    pg: { type: 'boolean', default: false },
  },
});
const N = Number(args.requests);
const CONNECTIONS = Number(args.connections);

interface LoadResult {
  count: number;
  seconds: number;
  p50: number;
  p99: number;
  statuses: Map<number, number>;
}

interface AutocannonResult {
  latency: { p50: number; p99: number };
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  amount: number;
  requests: (AutocannonRequest & { setupRequest?: (request: AutocannonRequest) => AutocannonRequest })[];
}) => Promise<AutocannonResult>;
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

/**
 * When the server saw the first request and answered the last one: autocannon's `amount` mode
 * only notices it is done on its one-second tick, so its wall time is rounded up to seconds.
 */
const window = { first: 0, last: 0 };

/** `count` requests with autocannon, at most `connections` in flight; request i from `make(i)`. */
async function load(base: string, count: number, connections: number, make: (i: number) => AutocannonRequest): Promise<LoadResult> {
  let next = 0;
  window.first = 0;
  window.last = 0;
  const result = await autocannon({
    url: base,
    connections: Math.min(connections, count),
    amount: count,
    requests: [{ setupRequest: (request) => ({ ...request, ...make(next++) }) }],
  });
  const statuses = new Map(Object.entries(result.statusCodeStats).map(([status, { count: n }]) => [Number(status), n]));
  return { count, seconds: (window.last - window.first) / 1000, p50: result.latency.p50, p99: result.latency.p99, statuses };
}

function row(label: string, r: LoadResult, baseline?: LoadResult): string {
  const rps = r.count / r.seconds;
  const ratio = baseline ? rps / (baseline.count / baseline.seconds) : 1;
  const statuses = [...r.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
  return [label.padEnd(40), rps.toFixed(0).padStart(8), `${r.p50.toFixed(1)} ms`.padStart(10), `${r.p99.toFixed(1)} ms`.padStart(10), ratio.toFixed(2).padStart(7), `  ${statuses}`].join('');
}

async function main(): Promise<void> {
  const dialect = args.pg ? 'postgres' : 'sqlite';
  if (args.pg && !process.env.TEST_DATABASE_URL) throw new Error('--pg needs TEST_DATABASE_URL');
  const t = await createTestApp(dialect, { ready: false, config: { logLevel: 'silent', port: 0 } });
  t.app.get('/bench/bare', { schema: { hide: true } }, async () => ({ ok: true }));
  t.app.addHook('onRequest', async () => {
    if (window.first === 0) window.first = performance.now();
  });
  t.app.addHook('onResponse', async () => {
    window.last = performance.now();
  });
  await t.app.ready();
  try {
    const student = await login(t.app, demoAccount('student').username, demoAccount('student').password);
    const teacher = await login(t.app, demoAccount('teacher').username, demoAccount('teacher').password);
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const post = (token: string, path: string, body: unknown): AutocannonRequest => ({
      method: 'POST',
      path,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const bareRequest = (): AutocannonRequest => ({ method: 'GET', path: '/bench/bare' });

    // warm-up: JIT, statement caches
    await load(base, 500, CONNECTIONS, bareRequest);

    const bare = await load(base, N, CONNECTIONS, bareRequest);
    const keys = Array.from({ length: N }, () => randomUUID());
    const submit = await load(base, N, CONNECTIONS, (i) => post(student.accessToken, '/api/microapps/classroom-booking/requests', { idempotencyKey: keys[i], values: CLASSROOM_VALUES }));
    const retries = await load(base, Math.ceil(N / 10), CONNECTIONS, (i) => post(student.accessToken, '/api/microapps/classroom-booking/requests', { idempotencyKey: keys[i * 10], values: CLASSROOM_VALUES }));

    const db = t.app.db;
    const tasks = await db.selectFrom('workflow_tasks').select('id').where('assignee_id', '=', teacher.user.id).where('status', '=', 'open').execute();
    // every task tapped twice at once: 2N requests, N must win
    const approve = await load(base, tasks.length * 2, CONNECTIONS, (i) =>
      post(teacher.accessToken, `/api/workflow/tasks/${tasks[Math.floor(i / 2)]!.id}/actions`, { action: 'approve', values: { voucher: `B${i}` } }),
    );

    const count = async (q: { executeTakeFirst(): Promise<{ n: number | string } | undefined> }) => Number((await q.executeTakeFirst())?.n ?? 0);
    const requests = await count(db.selectFrom('workflow_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('app_key', '=', 'classroom-booking'));
    const completed = await count(db.selectFrom('workflow_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'completed'));
    const approvals = await count(db.selectFrom('workflow_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'approve'));
    const completes = await count(db.selectFrom('workflow_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'complete'));
    const open = await count(db.selectFrom('workflow_tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'open'));

    console.log(`\n微应用引擎基准 · ${dialect} · 教室借用 · ${N} 次提交 + ${tasks.length} 个任务各双击审批 · 并发 ${CONNECTIONS} · Node ${process.version}`);
    console.log(`${'step'.padEnd(40)}${'req/s'.padStart(8)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'ratio'.padStart(7)}  statuses`);
    console.log(row('GET /bench/bare (baseline)', bare));
    console.log(row('POST submit (new key)', submit, bare));
    console.log(row('POST submit (retried key)', retries, bare));
    console.log(row('POST approve (each task twice at once)', approve, bare));
    const ok = requests === N && completed === N && approvals === N && completes === N && open === 0 && (submit.statuses.get(201) ?? 0) === N && (approve.statuses.get(200) ?? 0) === N && (approve.statuses.get(409) ?? 0) === N;
    console.log(`\nrows after: requests ${requests}, completed ${completed}, approve entries ${approvals}, complete entries ${completes}, open tasks ${open} → ${ok ? 'nothing lost, nothing duplicated' : 'MISMATCH'}`);
    if (!ok) process.exitCode = 1;
  } finally {
    await t.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
