/**
 * Portrait benchmark (issue 7). On a fresh SQLite file (or PostgreSQL with --pg <url>):
 *  1. seeds a campus of --students (default 40,000) and generates its data-center facts
 *     (--days of card and gate records, default 28: millions of card transactions), batched;
 *  2. times the full recompute of every student and teacher portrait: seconds and rows/s;
 *  3. times an incremental recompute after one student's grade changes;
 *  4. serves the app and compares GET /api/portrait/students/:id (the student's own portrait)
 *     with a bare Fastify route in the same app, with autocannon: req/s, p50, p99, ratio.
 *
 *   npm run bench:portrait -- [--students 40000] [--days 28] [--duration 5] [--connections 20] [--pg postgres://…]
 *
 * The load generator runs in the same process as the server (2 cores here): the ratio is what
 * to compare.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { demoAccount, DEMO_USERNAMES } from '../../mocks/campus/demo-accounts';
import type { DatabaseConfig } from '../src/config';
import { createDatabase, migrateToLatest } from '../src/db/database';
import { seedIfEmpty } from '../src/seed/seed-campus';
import { demoAsOf, seedFacts } from '../src/modules/datacenter/datacenter.seed';
import { upsertFacts } from '../src/modules/datacenter/datacenter.repository';
import { STUDENT_FACTS } from '../src/modules/datacenter/facts';
import { recomputePortraits } from '../src/modules/portrait/portrait.recompute';
import { createTestApp, login } from '../src/test/test-app';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Promise<AutocannonResult>;
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

const { values: args } = parseArgs({
  options: {
    students: { type: 'string', default: '40000' },
    days: { type: 'string', default: '28' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
    pg: { type: 'string' },
  },
});
const STUDENTS = Number(args.students);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString('en-US');

async function database(): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  if (args.pg) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const run = async (statement: string) => {
      const client = new Client({ connectionString: args.pg });
      await client.connect();
      await client.query(statement).finally(() => client.end());
    };
    await run(`create schema ${schema}`);
    return { config: { dialect: 'postgres', url: args.pg, schema }, drop: () => run(`drop schema if exists ${schema} cascade`) };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'portrait-bench-'));
  return { config: { dialect: 'sqlite', path: path.join(dir, 'campus.db') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

function row(label: string, result: AutocannonResult, baseline?: AutocannonResult): string {
  const ratio = baseline ? (result.requests.average / baseline.requests.average).toFixed(2) : '1.00';
  return [
    label.padEnd(40),
    result.requests.average.toFixed(0).padStart(8),
    `${result.latency.p50.toFixed(1)} ms`.padStart(10),
    `${result.latency.p99.toFixed(1)} ms`.padStart(10),
    ratio.padStart(8),
    String(result.non2xx + result.errors + result.timeouts).padStart(7),
  ].join('');
}

async function main(): Promise<void> {
  const db = await database();
  const handle = createDatabase(db.config);
  try {
    await migrateToLatest(handle);
    let started = performance.now();
    const campus = await seedIfEmpty(handle.db, { students: STUDENTS });
    console.log(`campus: ${count(campus?.people ?? 0)} people in ${seconds(performance.now() - started)}`);

    started = performance.now();
    const { rows, writer } = await seedFacts(handle.db, { students: STUDENTS, asOf: demoAsOf(), dailyDays: Number(args.days) });
    const factMs = performance.now() - started;
    const perType = [...writer.counts.entries()].map(([type, c]) => `${type} ${count(c.rows)}`).join(', ');
    console.log(`facts: ${count(rows)} rows generated and written in ${seconds(factMs)} (${count(Math.round(rows / (factMs / 1000)))} rows/s)\n  ${perType}`);

    // the full recompute, as after a first import
    started = performance.now();
    const full = await recomputePortraits(handle.db, { students: 'all', teachers: 'all' });
    const fullMs = performance.now() - started;
    const studentFacts = STUDENT_FACTS.reduce((sum, type) => sum + (writer.counts.get(type)?.rows ?? 0), 0);
    console.log(
      `\n全量重算 full recompute: ${count(full.studentsRecomputed)} students + ${count(full.teachers)} teachers in ${seconds(fullMs)}` +
        ` → ${count(Math.round(full.studentsRecomputed / (fullMs / 1000)))} students/s, ${count(Math.round(studentFacts / (fullMs / 1000)))} fact rows/s; ${count(full.warningsRaised)} warnings raised`,
    );

    // incremental: one corrected grade
    const grade = await handle.db.selectFrom('dc_grades').selectAll().where('student_number', '=', DEMO_USERNAMES.student).orderBy('course_code').executeTakeFirstOrThrow();
    const changed = await upsertFacts(handle.db, 'grades', [{ ...grade, score: 45, grade_point: 0 }]);
    started = performance.now();
    const incremental = await recomputePortraits(handle.db, { students: changed.people });
    console.log(
      `增量重算 incremental (1 grade changed): ${incremental.studentsRecomputed} student recomputed, ${incremental.studentsReevaluated} in the cohort re-evaluated in ${(performance.now() - started).toFixed(0)} ms`,
    );
    await handle.db.destroy();

    // the read path next to a bare route
    const t = await createTestApp('sqlite', { ready: false, database: db.config, config: { logLevel: 'silent', autoSeed: false } });
    t.app.get('/bench/bare', { schema: { hide: true } }, async () => ({ ok: true }));
    await t.app.ready();
    try {
      const session = await login(t.app, demoAccount('student').username, demoAccount('student').password);
      const headers = { authorization: `Bearer ${session.accessToken}` };
      const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const portraitPath = `/api/portrait/students/${session.user.id}`;
      const check = await fetch(`${base}${portraitPath}`, { headers });
      if (check.status !== 200) throw new Error(`portrait answered ${check.status}`);
      const bytes = (await check.text()).length;
      const connections = Number(args.connections);
      const duration = Number(args.duration);
      for (const [url, auth] of [[`${base}/bench/bare`, false], [`${base}${portraitPath}`, true]] as const) await autocannon({ url, connections, duration: 1, ...(auth ? { headers } : {}) });
      const bare = await autocannon({ url: `${base}/bench/bare`, connections, duration });
      const read = await autocannon({ url: `${base}${portraitPath}`, connections, duration, headers });
      console.log(`\n画像读取 · ${db.config.dialect} · ${count(STUDENTS)} 名学生 · 并发 ${connections} · 每项 ${duration} s · Node ${process.version} · 响应 ${(bytes / 1024).toFixed(1)} KB`);
      console.log(`${'route'.padEnd(40)}${'req/s'.padStart(8)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'ratio'.padStart(8)}${'non2xx'.padStart(7)}`);
      console.log(row('GET /bench/bare (baseline)', bare));
      console.log(row('GET /api/portrait/students/:id (own)', read, bare));
    } finally {
      await t.app.close();
    }
  } finally {
    await handle.db.destroy().catch(() => undefined);
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
