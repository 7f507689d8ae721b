/**
 * Importing the data center's export files: one file per fact type, named `<type>.csv`,
 * `<type>.jsonl` (one JSON object a line) or `<type>.json` (an array). Every row is validated
 * against the fact spec; a bad row is reported with its file and line (for `.json`, its record
 * number) and skipped, the good rows are upserted on their natural key — so importing the same
 * file again changes nothing, and a later export with corrections or new rows updates exactly
 * those. Afterwards only the people whose facts changed are recomputed.
 */
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { recomputePortraits, type RecomputeReport } from '../portrait/portrait.recompute';
import { FactWriter } from './datacenter.repository';
import { FACT_TYPES, factSpec, type ColumnSpec, type FactRow, type FactSpec, type FactType } from './facts';

export interface ImportError {
  file: string;
  /** 1-based line in the file (CSV: the header is line 1); for `.json` the record number */
  line: number;
  column?: string;
  message: string;
}

export interface FileReport {
  type: FactType;
  file: string;
  rows: number;
  valid: number;
  changed: number;
  errors: number;
}

export interface ImportReport {
  files: FileReport[];
  errors: ImportError[];
  /** errors beyond maxErrors are counted, not listed */
  moreErrors: number;
  ignoredFiles: string[];
  recompute?: RecomputeReport;
}

export interface ImportOptions {
  /** validate only, write nothing */
  dryRun?: boolean;
  /** recompute the affected portraits afterwards (default true) */
  recompute?: boolean;
  maxErrors?: number;
  /** the data center's "today" for the recompute (default: the data horizon) */
  asOf?: Date;
}

const SEMESTER = /^(\d{4})-(\d{4})-([12])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** ISO 8601 with a zone, or a zone-less local time, read as China Standard Time */
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/;

/** YYYY-MM-DD naming a real day (Date.parse would roll 02-30 over into March) */
function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** One cell → its typed value, or a Chinese problem. */
export function parseCell(spec: ColumnSpec, raw: unknown): { value: string | number | null } | { problem: string } {
  const text = raw === null || raw === undefined ? '' : typeof raw === 'string' ? raw.trim() : raw;
  if (text === '') return spec.nullable ? { value: null } : { problem: `${spec.label}不能为空` };
  switch (spec.type) {
    case 'integer':
    case 'real': {
      const value = typeof text === 'number' ? text : typeof text === 'string' && text !== '' ? Number(text) : Number.NaN;
      if (!Number.isFinite(value)) return { problem: `${spec.label}应为数字（收到 "${String(raw)}"）` };
      if (spec.type === 'integer' && !Number.isInteger(value)) return { problem: `${spec.label}应为整数（收到 "${String(raw)}"）` };
      if (spec.min !== undefined && value < spec.min) return { problem: `${spec.label}不能小于 ${spec.min}（收到 ${value}）` };
      if (spec.max !== undefined && value > spec.max) return { problem: `${spec.label}不能大于 ${spec.max}（收到 ${value}）` };
      return { value };
    }
    case 'timestamp': {
      if (typeof text !== 'string') return { problem: `${spec.label}应为时间文本` };
      const local = LOCAL_TIME.exec(text);
      const time = local ? Date.parse(`${local[1]}T${local[2]}${local[3] ? '' : ':00'}+08:00`) : /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? Date.parse(text) : Number.NaN;
      if (!Number.isFinite(time) || !isCalendarDate(text.slice(0, 10))) return { problem: `${spec.label}不是有效时间（收到 "${text}"，应为 2025-03-01 08:05:00 或带时区的 ISO 8601）` };
      return { value: new Date(time).toISOString() };
    }
    case 'date': {
      if (typeof text !== 'string' || !isCalendarDate(text)) {
        return { problem: `${spec.label}不是有效日期（收到 "${String(raw)}"，应为 YYYY-MM-DD）` };
      }
      return { value: text };
    }
    case 'semester': {
      const match = typeof text === 'string' ? SEMESTER.exec(text) : null;
      if (!match || Number(match[2]) !== Number(match[1]) + 1) return { problem: `${spec.label}格式应为 2024-2025-1（收到 "${String(raw)}"）` };
      return { value: text as string };
    }
    default: {
      const value = String(text);
      if (value.length > 200) return { problem: `${spec.label}过长（最多 200 字）` };
      if (spec.values && !spec.values.includes(value)) return { problem: `${spec.label}应为 ${spec.values.join(' / ')} 之一（收到 "${value}"）` };
      return { value };
    }
  }
}

/** A record → a row for the table, or the problems (one per bad column). */
export function validateRecord(spec: FactSpec, record: Record<string, unknown>): { row: FactRow } | { problems: { column?: string; message: string }[] } {
  const problems: { column?: string; message: string }[] = [];
  const row: FactRow = {};
  for (const key of Object.keys(record)) {
    if (!(key in spec.columns)) problems.push({ column: key, message: `未知的列 "${key}"` });
  }
  for (const [column, columnSpec] of Object.entries(spec.columns) as [string, ColumnSpec][]) {
    const parsed = parseCell(columnSpec, record[column]);
    if ('problem' in parsed) problems.push({ column, message: parsed.problem });
    else row[column] = parsed.value;
  }
  return problems.length ? { problems } : { row };
}

async function* recordsOf(file: string): AsyncGenerator<{ line: number; record: Record<string, unknown> } | { line: number; problem: string }> {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') {
    const parser = createReadStream(file).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, info: true, trim: true, relax_column_count: true }));
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; invalid_field_length?: number } }>) {
        yield { line: info.lines, record };
      }
    } catch (error) {
      const line = (error as { lines?: number }).lines ?? 0;
      yield { line, problem: `CSV 格式错误：${(error as Error).message}` };
    }
    return;
  }
  if (extension === '.jsonl' || extension === '.ndjson') {
    let line = 0;
    for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      line += 1;
      if (text.trim() === '') continue;
      try {
        const record = JSON.parse(text);
        if (record === null || typeof record !== 'object' || Array.isArray(record)) yield { line, problem: '每行应为一个 JSON 对象' };
        else yield { line, record };
      } catch {
        yield { line, problem: '不是合法的 JSON' };
      }
    }
    return;
  }
  let records: unknown;
  try {
    records = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    yield { line: 0, problem: '不是合法的 JSON' };
    return;
  }
  if (!Array.isArray(records)) {
    yield { line: 0, problem: 'JSON 文件应为对象数组' };
    return;
  }
  for (const [index, record] of records.entries()) {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) yield { line: index + 1, problem: '应为 JSON 对象' };
    else yield { line: index + 1, record: record as Record<string, unknown> };
  }
}

const FILE_PATTERN = /^([a-z_]+)\.(csv|jsonl|ndjson|json)$/i;
const PERSON_CHECK_BATCH = 2_000;

export function exportFilesIn(dir: string): { files: { type: FactType; file: string }[]; ignored: string[] } {
  const files: { type: FactType; file: string }[] = [];
  const ignored: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const match = FILE_PATTERN.exec(name);
    const type = match?.[1]?.toLowerCase() as FactType | undefined;
    if (type && (FACT_TYPES as string[]).includes(type)) files.push({ type, file: path.join(dir, name) });
    else ignored.push(name);
  }
  // program requirements before grades, students' facts before teachers': the order people read them in
  files.sort((a, b) => FACT_TYPES.indexOf(a.type) - FACT_TYPES.indexOf(b.type));
  return { files, ignored };
}

export async function importDirectory(db: Kysely<Database>, dir: string, options: ImportOptions = {}): Promise<ImportReport> {
  if (!existsSync(dir)) throw new Error(`目录不存在：${dir}`);
  const maxErrors = options.maxErrors ?? 200;
  const { files, ignored } = exportFilesIn(dir);
  const report: ImportReport = { files: [], errors: [], moreErrors: 0, ignoredFiles: ignored };
  const writer = new FactWriter(db);
  const error = (entry: ImportError) => {
    if (report.errors.length < maxErrors) report.errors.push(entry);
    else report.moreErrors += 1;
  };

  for (const { type, file } of files) {
    const spec = factSpec(type);
    const name = path.basename(file);
    const fileReport: FileReport = { type, file: name, rows: 0, valid: 0, changed: 0, errors: 0 };
    const before = writer.counts.get(type)?.changed ?? 0;
    let pending: { line: number; row: FactRow }[] = [];

    const flush = async () => {
      if (!pending.length) return;
      let batch = pending;
      pending = [];
      if (spec.person) {
        const column = spec.person.column;
        const numbers = [...new Set(batch.map((entry) => String(entry.row[column])))];
        const known = new Set(
          (
            await db
              .selectFrom('people')
              .select('number')
              .where('number', 'in', numbers)
              .where('kind', '=', spec.person.kind === 'student' ? 'student' : 'staff')
              .execute()
          ).map((row) => row.number),
        );
        batch = batch.filter((entry) => {
          if (known.has(String(entry.row[column]))) return true;
          fileReport.errors += 1;
          error({ file: name, line: entry.line, column, message: `${spec.columns[column as never] ? (spec.columns as Record<string, ColumnSpec>)[column]!.label : column} ${String(entry.row[column])} 不在通讯录中` });
          return false;
        });
      }
      // the same natural key twice in one batch: the later line wins (a statement may not touch a row twice)
      const byKey = new Map<string, FactRow>();
      for (const entry of batch) byKey.set(spec.key.map((key) => String(entry.row[key])).join('\u0000'), entry.row);
      fileReport.valid += batch.length;
      if (!options.dryRun) {
        for (const row of byKey.values()) writer.push(type, row);
        await writer.drain();
      }
    };

    for await (const item of recordsOf(file)) {
      if ('problem' in item) {
        fileReport.errors += 1;
        error({ file: name, line: item.line, message: item.problem });
        continue;
      }
      fileReport.rows += 1;
      const result = validateRecord(spec, item.record);
      if ('problems' in result) {
        fileReport.errors += 1;
        for (const problem of result.problems) error({ file: name, line: item.line, ...problem });
        continue;
      }
      pending.push({ line: item.line, row: result.row });
      if (pending.length >= PERSON_CHECK_BATCH) await flush();
    }
    await flush();
    await writer.flush();
    fileReport.changed = (writer.counts.get(type)?.changed ?? 0) - before;
    report.files.push(fileReport);
  }

  if (!options.dryRun && options.recompute !== false) {
    report.recompute = await recomputePortraits(
      db,
      { students: writer.changedPeople.student, teachers: writer.changedPeople.teacher, majors: writer.changedMajors },
      options.asOf ? { asOf: options.asOf } : {},
    );
  }
  return report;
}

/** The report as the command prints it: a line per file, then the errors with their lines. */
export function formatImportReport(report: ImportReport): string {
  const lines = report.files.map(
    (file) => `${file.file.padEnd(28)} 共 ${file.rows} 行，有效 ${file.valid}，变更 ${file.changed}，错误 ${file.errors}`,
  );
  if (report.ignoredFiles.length) lines.push(`未识别的文件（已忽略）：${report.ignoredFiles.join('、')}`);
  if (report.errors.length) {
    lines.push('', '错误：');
    for (const entry of report.errors) lines.push(`  ${entry.file}:${entry.line}${entry.column ? ` [${entry.column}]` : ''} ${entry.message}`);
    if (report.moreErrors) lines.push(`  …另有 ${report.moreErrors} 处错误未列出`);
  }
  if (report.recompute) {
    const r = report.recompute;
    lines.push('', `画像重算：${r.studentsRecomputed} 名学生重新计算，${r.studentsReevaluated} 名同专业同年级学生重新评估，${r.teachers} 名教师，新预警 ${r.warningsRaised}，用时 ${r.milliseconds} ms`);
  }
  return lines.join('\n');
}
