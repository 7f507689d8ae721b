/**
 * npm run import:datacenter -- <dir> [--dry-run] [--no-recompute]
 * npm run import:datacenter -- <dir> --generate [--students N] [--format csv|jsonl] [--days N]
 *
 * Imports the data center's export files in <dir> (one per fact type: grades.csv,
 * card_transactions.jsonl, …) into the database the server uses (DATABASE_URL / SQLITE_PATH),
 * then recomputes the portraits of the people whose facts changed. Exit code 1 when any row was
 * rejected (the valid rows are still imported), 2 on bad arguments.
 * --generate writes the demo campus's facts into <dir> instead (the same campus as the seed).
 */
import { loadConfig } from '../../config';
import { createDatabase, migrateToLatest } from '../../db/database';
import { demoAsOf } from './datacenter.seed';
import { writeExportFiles, type ExportFormat } from './datacenter.export';
import { formatImportReport, importDirectory } from './datacenter.import';

function usage(message: string): never {
  console.error(`${message}\n用法：npm run import:datacenter -- <目录> [--dry-run] [--no-recompute]\n      npm run import:datacenter -- <目录> --generate [--students N] [--format csv|jsonl] [--days N]`);
  process.exit(2);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = args.find((arg, index) => !arg.startsWith('--') && !['--students', '--format', '--days'].includes(args[index - 1] ?? ''));
  if (!dir) usage('缺少导出文件目录');
  const value = (name: string) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const config = loadConfig();
  if (args.includes('--generate')) {
    const students = Number(value('--students') ?? config.seedStudents);
    const format = (value('--format') ?? 'csv') as ExportFormat;
    if (!Number.isInteger(students) || students < 1) usage('--students 必须是正整数');
    if (format !== 'csv' && format !== 'jsonl') usage('--format 只能是 csv 或 jsonl');
    const started = performance.now();
    const counts = writeExportFiles(dir, { students, format, asOf: demoAsOf(), dailyDays: Number(value('--days') ?? 28) });
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    console.log(`已生成 ${students} 名学生的数据中心导出文件 → ${dir}：${total} 行，用时 ${Math.round(performance.now() - started)} ms`);
    for (const [type, count] of Object.entries(counts)) console.log(`  ${type.padEnd(22)} ${count}`);
    return;
  }
  const handle = createDatabase(config.database);
  try {
    await migrateToLatest(handle);
    const report = await importDirectory(handle.db, dir, { dryRun: args.includes('--dry-run'), recompute: !args.includes('--no-recompute') });
    console.log(formatImportReport(report));
    if (report.errors.length || report.moreErrors) process.exitCode = 1;
  } finally {
    await handle.db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
