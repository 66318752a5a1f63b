import { type Message, msg } from '../../i18n/message';
import { parse, type CsvError, type Info } from 'csv-parse';
import { Readable } from 'node:stream';
import { HubFileError } from './hub-file.error';

/**
 * CSV rows keyed by normalised header names. Our templates are written by people in Excel, so
 * the delimiter may be `;` (Indonesian locale) or a tab, a byte-order mark may lead, and columns
 * may come in any order. A malformed row is reported with its line and reading continues.
 */
export type CsvItem =
  | { line: number; header: string[] }
  | { line: number; cells: Record<string, string> }
  | { line: number; error: Message };

export interface CsvOptions {
  delimiter: string;
  maxRecordBytes: number;
  /** Header name -> key used in `cells` (e.g. lower-cased, `.keyword` suffix removed). */
  normalise: (header: string) => string;
}

export async function* csvRows(chunks: AsyncIterable<Buffer>, options: CsvOptions): AsyncGenerator<CsvItem> {
  const skipped: CsvItem[] = [];
  const parser = parse({
    delimiter: options.delimiter,
    bom: true,
    info: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    max_record_size: options.maxRecordBytes,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      const lines = (error as (CsvError & { lines?: number }) | undefined)?.lines ?? 0;
      skipped.push({ line: lines, error: msg('msg.hubrow.badCsvRow', { detail: error?.message ?? '-' }) });
      return undefined;
    },
  });
  Readable.from(chunks, { objectMode: false })
    .on('error', (error) => parser.destroy(error))
    .pipe(parser);
  let header: string[] | undefined;
  for await (const item of parser as AsyncIterable<{ record: string[]; info: Info }>) {
    yield* skipped.splice(0);
    if (header) {
      yield toCells(item.record, header, item.info.lines);
    } else {
      header = readHeader(item.record, options.normalise);
      yield { line: item.info.lines, header };
    }
  }
  yield* skipped.splice(0);
  if (!header) throw new HubFileError('INVALID_DOCUMENT', msg('msg.hubfile.emptyCsv'));
}

function readHeader(record: string[], normalise: (header: string) => string): string[] {
  const names = record.map(normalise);
  const seen = new Set<string>();
  for (const name of names) {
    if (name && seen.has(name)) {
      throw new HubFileError('INVALID_DOCUMENT', msg('msg.hubfile.duplicateColumn', { column: name }), {
        line: 1,
      });
    }
    seen.add(name);
  }
  return names;
}

function toCells(record: string[], header: string[], line: number): CsvItem {
  const extra = record.slice(header.length).some((cell) => cell !== '');
  if (record.length < header.length || extra) {
    return { line, error: msg('msg.hubrow.fieldCount', { count: record.length, header: header.length }) };
  }
  const cells: Record<string, string> = {};
  header.forEach((name, i) => {
    if (name) cells[name] = record[i];
  });
  return { line, cells };
}

/** The separator that occurs most often outside quotes in the header line; comma on a tie. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/** Header cells of the first line (quotes removed), for detection. */
export function splitHeader(headerLine: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}
