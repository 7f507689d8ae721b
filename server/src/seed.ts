/**
 * (Re)creates the demo database and prints the demo accounts.
 *
 *   npx tsx server/src/seed.ts [--students N] [--reset]
 *
 * Uses the same configuration as the server (DATABASE_URL / SQLITE_PATH). Without --reset an
 * already seeded database is left alone. --reset deletes the SQLite file, or empties every table
 * of the PostgreSQL database, first.
 */
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { DEMO_ACCOUNTS } from '../../mocks/campus/demo-accounts';
import { ROLE_LABELS } from '../../types/roles';
import { ConfigError, loadConfig } from './config';
import { createDatabase, migrateToLatest } from './db/database';
import { APP_TABLES } from './db/schema';
import { countPeople, seedIfEmpty } from './seed/seed-campus';
import { seedWalkDemo } from './modules/walk/walk.seed';

interface Args {
  students?: number;
  reset: boolean;
}

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('用法 / usage: npx tsx server/src/seed.ts [--students N] [--reset]');
  process.exit(message ? 64 : 0);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { reset: false };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--reset') args.reset = true;
    else if (arg === '--help' || arg === '-h') usage();
    else if (arg === '--students' || arg.startsWith('--students=')) {
      const raw = arg.includes('=') ? arg.split('=')[1] : argv[++index];
      const value = Number(raw);
      if (!raw || !/^\d+$/.test(raw) || value < 1) usage(`--students 必须是正整数 (got "${raw ?? ''}")`);
      args.students = value;
    } else usage(`未知参数 / unknown argument: ${arg}`);
  }
  return args;
}

/** Terminal width of a string: CJK characters take two columns. */
function width(text: string): number {
  let columns = 0;
  for (const char of text) columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1;
  return columns;
}

export function formatDemoAccounts(): string {
  const header = ['角色', '账号', '密码', '姓名', '说明'];
  const rows = DEMO_ACCOUNTS.map((account) => [
    `${ROLE_LABELS[account.role]} ${account.role}`,
    account.username,
    account.password,
    account.name,
    account.note,
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => width(row[column]!))));
  const line = (cells: string[]) =>
    cells.map((cell, column) => cell + ' '.repeat(widths[column]! - width(cell))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const students = args.students ?? config.seedStudents;

  if (args.reset && config.database.dialect === 'sqlite' && config.database.path !== ':memory:') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.database.path}${suffix}`, { force: true });
    console.log(`已删除 SQLite 数据库 ${config.database.path}`);
  }
  const handle = createDatabase(config.database);
  try {
    await migrateToLatest(handle);
    if (args.reset && handle.dialect === 'postgres') {
      await sql`truncate table ${sql.join(APP_TABLES.map((table) => sql.table(table)))} cascade`.execute(handle.db);
      console.log('已清空 PostgreSQL 中的全部业务表');
    }
    const where = config.database.dialect === 'sqlite' ? config.database.path : 'PostgreSQL (DATABASE_URL)';
    const report = await seedIfEmpty(handle.db, { students });
    if (await seedWalkDemo(handle.db)) console.log('已生成演示健步走活动');
    if (report) {
      const { milliseconds: ms } = report;
      console.log(
        `已生成演示校园 → ${where}\n` +
          `  学生 ${report.students}，教职工 ${report.staff}，家长 ${report.parents}，服务 ${report.services}\n` +
          `  用时 ${(ms.total / 1000).toFixed(2)} s（生成 ${ms.generate} ms，密码哈希 ${ms.hash} ms，写入 ${ms.insert} ms）`,
      );
    } else {
      console.log(`数据库已有数据（${await countPeople(handle.db)} 人），未改动；加 --reset 可重建 → ${where}`);
    }
    console.log(`\n演示账号（密码均为 ${DEMO_ACCOUNTS[0]!.password}）：\n${formatDemoAccounts()}`);
  } finally {
    await handle.db.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
