/**
 * The generator mode of the import command: writes the demo campus's facts as the data center
 * would export them (one file per fact type, CSV or JSON Lines), so the import path runs on real
 * files in tests and demos. Rows are written as they are generated (buffered, synchronous
 * writes): 40,000 students and millions of card transactions never sit in memory.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { generateCampus } from '../../../../mocks/campus/generate-campus';
import { generateFacts, type FactsOptions } from '../../../../mocks/datacenter/generate-facts';
import { FACT_TYPES, factSpec, type FactRow, type FactType } from './facts';

export type ExportFormat = 'csv' | 'jsonl';

const csvCell = (value: string | number | null | undefined): string => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

class ExportFile {
  private readonly fd: number;
  private buffer = '';
  rows = 0;
  constructor(
    file: string,
    private readonly columns: string[],
    private readonly format: ExportFormat,
  ) {
    this.fd = openSync(file, 'w');
    if (format === 'csv') this.buffer = `${columns.join(',')}\n`;
  }
  write(row: FactRow): void {
    this.rows += 1;
    this.buffer +=
      this.format === 'csv'
        ? `${this.columns.map((column) => csvCell(row[column])).join(',')}\n`
        : `${JSON.stringify(Object.fromEntries(this.columns.map((column) => [column, row[column] ?? null])))}\n`;
    if (this.buffer.length > 1 << 16) this.drain();
  }
  drain(): void {
    if (this.buffer) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
  close(): void {
    this.drain();
    closeSync(this.fd);
  }
}

export function writeExportFiles(
  dir: string,
  options: { students: number; seed?: number; format?: ExportFormat } & Partial<FactsOptions>,
): Record<FactType, number> {
  mkdirSync(dir, { recursive: true });
  const format = options.format ?? 'csv';
  const files = new Map<FactType, ExportFile>();
  for (const type of FACT_TYPES) files.set(type, new ExportFile(path.join(dir, `${type}.${format}`), Object.keys(factSpec(type).columns), format));
  const campus = generateCampus({ students: options.students, seed: options.seed });
  generateFacts(
    campus,
    { asOf: options.asOf ?? new Date(), dailyDays: options.dailyDays, attendanceWeeks: options.attendanceWeeks, onlyStudents: options.onlyStudents },
    (type, row) => files.get(type)!.write(row),
  );
  const counts = {} as Record<FactType, number>;
  for (const [type, file] of files) {
    file.close();
    counts[type] = file.rows;
  }
  return counts;
}
