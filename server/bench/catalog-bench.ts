/**
 * Service hall benchmark (issue 4): the real app on SQLite with a generated catalog of 1,000
 * services, a student logged in, then in ONE run and process: a bare Fastify route (baseline,
 * same app, plugins and hooks, no auth and no database) vs `GET /api/home` (the home page's
 * first screen) vs `GET /api/services` (the whole catalog, what the home page used to load) vs
 * `GET /api/services/search?q=bx`, each at concurrency 20 for ~5 s with autocannon.
 * Also the in-process cost: building the pinyin index and one search over 1,000 services.
 *
 *   npx tsx server/bench/catalog-bench.ts [--duration 5] [--connections 20] [--services 1000]
 *
 * The load generator runs in the same process as the server (2 cores here): absolute figures
 * are lower than on a dedicated client, the ratios are what to compare.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Role } from '../../types/roles';
import { demoAccount } from '../../mocks/campus/demo-accounts';
import { SERVICES } from '../../mocks/campus/catalog';
import { createTestApp, login } from '../src/test/test-app';
import { insertCatalog, listCategories, listPublishedServices, type CatalogEntry } from '../src/modules/catalog/catalog.repository';
import { indexEntry, search } from '../src/modules/catalog/catalog.search';
import { createCatalogService } from '../src/modules/catalog/catalog.service';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
    services: { type: 'string', default: '1000' },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const TOTAL_SERVICES = Number(args.services);

const PLACES = ['学生', '教工', '研究生', '本科生', '校园', '宿舍', '图书馆', '实验室', '体育馆', '食堂', '校医院', '档案', '科研', '国际', '就业', '后勤', '财务', '教务', '网络', '安全'];
const TOPICS = ['报修', '申请', '查询', '预约', '证明', '缴费', '登记', '审批', '借用', '打卡', '变更', '注销', '补办', '咨询', '评价', '统计', '报销', '考核', '培训', '投诉'];
const ROLE_SETS: Role[][] = [['student'], ['student', 'teacher', 'counselor'], ['teacher', 'counselor', 'admin'], ['dispatcher', 'worker'], ['parent']];

/** Deterministic generated services on top of the demo catalog, up to `total`. */
function generatedServices(total: number): CatalogEntry[] {
  const categories = [...new Set(SERVICES.map((service) => service.categoryId))];
  const out: CatalogEntry[] = [];
  for (let i = 0; out.length + SERVICES.length < total; i += 1) {
    const place = PLACES[i % PLACES.length]!;
    const topic = TOPICS[Math.floor(i / PLACES.length) % TOPICS.length]!;
    const round = Math.floor(i / (PLACES.length * TOPICS.length));
    out.push({
      id: `gen-${i}`,
      name: `${place}${topic}${round > 0 ? round + 1 : ''}`,
      icon: 'doc',
      description: `${place}${topic}（生成的测试服务）`,
      categoryId: categories[i % categories.length]!,
      department: `${place}管理办公室`,
      kind: 'microapp',
      target: `gen-${i}`,
      status: 'online',
      platforms: ['weapp', 'dd', 'h5'],
      roles: ROLE_SETS[i % ROLE_SETS.length]!,
      keywords: [topic, place],
      sort: 10_000 + i,
    });
  }
  return out;
}

function row(label: string, result: AutocannonResult, baseline?: AutocannonResult): string {
  const ratio = baseline ? (result.requests.average / baseline.requests.average).toFixed(2) : '1.00';
  const bad = result.non2xx + result.errors + result.timeouts;
  return [
    label.padEnd(38),
    result.requests.average.toFixed(0).padStart(8),
    `${result.latency.p50.toFixed(1)} ms`.padStart(10),
    `${result.latency.p99.toFixed(1)} ms`.padStart(10),
    ratio.padStart(8),
    String(bad).padStart(7),
  ].join('');
}

async function main(): Promise<void> {
  const t = await createTestApp('sqlite', { ready: false, config: { logLevel: 'silent', port: 0 } });
  // the baseline: a bare route in the same app (same plugins, hooks, error handler), no auth, no database
  t.app.get('/bench/bare', { schema: { hide: true } }, async () => ({ ok: true }));
  await t.app.ready();
  try {
    const extra = generatedServices(TOTAL_SERVICES);
    await insertCatalog(t.app.db, [], extra, new Date());
    const entries = await listPublishedServices(t.app.db);
    const account = demoAccount('student');
    const token = (await login(t.app, account.username, account.password)).accessToken;
    const headers = { authorization: `Bearer ${token}` };

    // in-process: pinyin index build and search over the whole catalog
    const categoryNames = new Map((await listCategories(t.app.db)).map((category) => [category.id, category.name]));
    let started = performance.now();
    const index = entries.map((entry) => indexEntry(entry, categoryNames.get(entry.categoryId) ?? ''));
    const indexMs = performance.now() - started;
    const visible = (entry: CatalogEntry) => entry.roles.includes('student');
    const queries = ['bx', 'baoxiu', '报修', 'lfx', 'jbz', 'tushuguan', '申请', 'zz'];
    const perQuery: string[] = [];
    for (const q of queries) {
      for (let i = 0; i < 200; i += 1) search(index, q, visible, new Map(), 50); // warm up
      const rounds = 2_000;
      started = performance.now();
      let hits = 0;
      for (let i = 0; i < rounds; i += 1) hits = search(index, q, visible, new Map(), 50).length;
      perQuery.push(`${q}=${(((performance.now() - started) / rounds) * 1000).toFixed(0)} µs (${hits} hits)`);
    }
    const service = createCatalogService(t.app.db);
    const auth = { personId: 'bench', sessionId: 'bench', roles: ['student' as Role] };
    await service.search(auth, { q: 'bx' });
    started = performance.now();
    for (let i = 0; i < 500; i += 1) await service.search(auth, { q: 'bx' });
    const serviceMs = (performance.now() - started) / 500;
    const student = await t.app.db.selectFrom('people').select('id').where('number', '=', account.username).executeTakeFirstOrThrow();
    const studentAuth = { ...auth, personId: student.id };
    await service.home(studentAuth, { platform: 'weapp' });
    started = performance.now();
    for (let i = 0; i < 500; i += 1) await service.home(studentAuth, { platform: 'weapp' });
    const homeMs = (performance.now() - started) / 500;

    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `${address}`;
    const bytes = new Map<string, number>();
    for (const path of ['/api/home?platform=weapp', '/api/services?platform=weapp', '/api/services/search?q=bx']) {
      const check = await fetch(`${base}${path}`, { headers });
      if (check.status !== 200) throw new Error(`${path} answered ${check.status}`);
      bytes.set(path, (await check.arrayBuffer()).byteLength);
    }
    const run = (path: string, withAuth: boolean) =>
      autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: DURATION, ...(withAuth ? { headers } : {}) });
    // a short warm-up so the JIT has seen each route before it is measured
    for (const [path, withAuth] of [['/bench/bare', false], ['/api/home?platform=weapp', true], ['/api/services', true], ['/api/services/search?q=bx', true]] as const) {
      await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: 1, ...(withAuth ? { headers } : {}) });
    }
    const bare = await run('/bench/bare', false);
    const home = await run('/api/home?platform=weapp', true);
    const catalog = await run('/api/services?platform=weapp', true);
    const searched = await run('/api/services/search?q=bx', true);

    console.log(`\n服务大厅基准 · SQLite · ${entries.length} 个服务 · 学生视角 · 并发 ${CONNECTIONS} · 每项 ${DURATION} s · Node ${process.version}`);
    console.log(`${'route'.padEnd(38)}${'req/s'.padStart(8)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'ratio'.padStart(8)}${'non2xx'.padStart(7)}`);
    console.log(row('GET /bench/bare (baseline)', bare));
    console.log(row('GET /api/home (first screen)', home, bare));
    console.log(row('GET /api/services (whole catalog)', catalog, bare));
    console.log(row('GET /api/services/search?q=bx', searched, bare));
    console.log(`\nresponse bodies: ${[...bytes].map(([path, n]) => `${path.split('?')[0]} ${(n / 1024).toFixed(1)} KB`).join(', ')}`);
    console.log(`pinyin index for ${entries.length} services (pinyin-pro): ${indexMs.toFixed(1)} ms, once per catalog version`);
    console.log(`search() in memory over ${entries.length} services: ${perQuery.join(', ')}`);
    console.log(`service.search (version check + weekly usage, cached 5 s + match): ${(serviceMs * 1000).toFixed(0)} µs per query`);
    console.log(`service.home (version check + favorites + recent + usage + notices + per-role view): ${(homeMs * 1000).toFixed(0)} µs per call`);
  } finally {
    await t.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
