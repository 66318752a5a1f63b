import { type Message, msg } from '../../i18n/message';
import { csvRows, detectDelimiter } from './csv-rows';
import { normaliseCsvHeader } from './detect';
import { FieldReader, type FieldProblem } from './field-reader';
import { HubFileError } from './hub-file.error';
import type { HubRecord } from './hub.types';
import { badReason, type ParseItem, type ParserContext, type ParserInput } from './parser-kit';

/** Maps one template row (cells by lower-case column name) to a record, or reports through the reader. */
export type TemplateRowMapper = (cells: FieldReader, ctx: ParserContext) => HubRecord | undefined;

/**
 * Shared reading of the project's CSV templates (F6, F7-csv, F8): required columns are checked
 * once against the header, each row is mapped on its own, and every problem names its line and
 * column so the user can fix the spreadsheet.
 */
export async function* parseTemplateCsv(
  input: ParserInput,
  ctx: ParserContext,
  required: readonly string[],
  map: TemplateRowMapper,
): AsyncGenerator<ParseItem> {
  const headerLine = input.head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0];
  const delimiter = detectDelimiter(headerLine);
  const rows = csvRows(input.body, {
    delimiter,
    maxRecordBytes: ctx.limits.maxLineBytes,
    normalise: normaliseCsvHeader,
  });
  for await (const item of rows) {
    if ('header' in item) {
      checkColumns(item.header, required);
      continue;
    }
    if ('error' in item) {
      yield badReason(item.error, { line: item.line });
      continue;
    }
    const reader = new FieldReader(item.cells, '$', [], delimiter === ';');
    const record = map(reader, ctx);
    if (record && reader.ok) yield { kind: 'row', records: [record], line: item.line };
    else yield { kind: 'bad', problems: reader.problems.map((p) => toCsvProblem(p, item.line)) };
  }
}

function checkColumns(columns: string[], required: readonly string[]): void {
  const missing = required.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    throw new HubFileError(
      'INVALID_DOCUMENT',
      msg('msg.hubfile.missingColumns', { columns: missing.join(', ') }),
      {
        line: 1,
      },
    );
  }
}

/** `$.total_calls` -> `column total_calls ...`: spreadsheet users think in columns, not paths. */
function toCsvProblem(problem: FieldProblem, line: number): { line: number; reason: Message | string } {
  const column = problem.path.replace(/^\$\.?/, '').replace(/^\["(.*)"\]$/, '$1');
  return {
    line,
    reason: column ? msg('msg.hubrow.column', { column, reason: problem.reason }) : problem.reason,
  };
}

/** The hub of a row: its `hub_id` cell, else the hub chosen for the import. */
export function rowHub(r: FieldReader, ctx: ParserContext): string | undefined {
  const hubId = r.text('hub_id') ?? ctx.hubId;
  return hubId ?? r.fail('hub_id', msg('msg.hubrow.noHub'));
}

const DAY_MS = 86_400_000;

/**
 * A [start, end) period from two required columns. An end written as a bare date is inclusive
 * (people write January as 2024-01-01 .. 2024-01-31), so it ends at the next midnight.
 */
export function rowPeriod(
  r: FieldReader,
  startKey: string,
  endKey: string,
): { start: Date; end: Date } | undefined {
  const start = r.time(startKey, true).date;
  const endValue = r.time(endKey, true);
  if (!start || !endValue.date) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(endValue.text?.trim() ?? '');
  const end = dateOnly ? new Date(endValue.date.getTime() + DAY_MS) : endValue.date;
  if (end.getTime() <= start.getTime()) return r.fail(endKey, msg('msg.hubrow.after', { start: startKey }));
  return { start, end };
}
