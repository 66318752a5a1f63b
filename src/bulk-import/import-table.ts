import { BadRequestException } from '@nestjs/common';
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { checkXlsxLimits } from './xlsx-limits';
import { refuse } from '../i18n/refusal';

/** One data row of an imported table: its line in the file (header = 1) and its cells by column name. */
export interface TableRow {
  line: number;
  cells: Record<string, string>;
}
export interface Table {
  columns: string[];
  rows: TableRow[];
}

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 5000;

/** Reads a CSV (UTF-8, optional BOM, comma or semicolon) or an XLSX (first sheet) with a header row. */
export async function readTable(buffer: Buffer, fileName: string): Promise<Table> {
  const isXlsx = buffer.subarray(0, 2).toString('latin1') === 'PK' || /\.xlsx$/i.test(fileName);
  const table = isXlsx ? await readXlsx(buffer) : await readCsv(buffer);
  if (table.rows.length > MAX_ROWS)
    throw refuse(BadRequestException, 'msg.import.too_many_rows', { limit: MAX_ROWS });
  return table;
}

function normalize(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function toTable(records: { line: number; values: string[] }[]): Table {
  const [head, ...body] = records;
  if (!head) throw refuse(BadRequestException, 'msg.import.empty');
  const columns = head.values.map(normalize);
  const rows = body
    .filter((r) => r.values.some((v) => v.trim() !== ''))
    .map((r) => ({
      line: r.line,
      cells: Object.fromEntries(columns.map((c, i) => [c, (r.values[i] ?? '').trim()])),
    }));
  return { columns, rows };
}

function detectDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
}

async function readCsv(buffer: Buffer): Promise<Table> {
  const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\uFFFD')) throw refuse(BadRequestException, 'msg.import.not_utf8');
  const records = await new Promise<{ line: number; values: string[] }[]>((resolve, reject) => {
    parse(
      text,
      { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: true, info: true },
      (error, out: unknown) => {
        if (error)
          reject(refuse(BadRequestException, 'msg.import.csv_unreadable', { reason: error.message }));
        const records = (out ?? []) as { record: string[]; info: { lines: number } }[];
        resolve(records.map((r) => ({ line: r.info.lines, values: r.record })));
      },
    );
  });
  return toTable(records);
}

/**
 * The first sheet, row by row through ExcelJS's streaming reader (the workbook is bounded by
 * checkXlsxLimits first): rows past the import's limit are not read at all.
 */
async function readXlsx(buffer: Buffer): Promise<Table> {
  await checkXlsxLimits(buffer);
  const records: { line: number; values: string[] }[] = [];
  // Loaded here, not at boot: exceljs is 660 modules that most starts of the app never use.
  const { default: ExcelJS } = await import('exceljs');
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values: string[] = [];
        for (let i = 1; i <= row.cellCount; i++) values.push(row.getCell(i).text ?? '');
        if (values.some((v) => v.trim() !== '')) records.push({ line: row.number, values });
        if (records.length > MAX_ROWS + 1) break;
      }
      break;
    }
  } catch {
    throw refuse(BadRequestException, 'msg.import.xlsx_unreadable');
  }
  return toTable(records);
}
