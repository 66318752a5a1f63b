import { type Message, msg } from '../../i18n/message';
import { lineBatches } from './lines';

/**
 * The default output of `apictl get apis` and `apictl get apps`: a text table written by Go's
 * tabwriter (`ID  NAME  VERSION  CONTEXT  STATUS  PROVIDER`, apps `ID  NAME  OWNER  STATUS  GROUP ID`).
 * Columns are padded with spaces, a cell may hold single spaces (an application named "Portal
 * Warga") and the last column may be empty, so cells are cut at the header's column starts
 * instead of being split on whitespace.
 */
export type TableItem = { line: number; cells: Record<string, string> } | { line: number; error: Message };

/** Header text -> the key apictl's JSON modes use for the same field, per table. */
export const APICTL_API_COLUMNS: Record<string, string> = {
  ID: 'Id',
  NAME: 'Name',
  VERSION: 'Version',
  CONTEXT: 'Context',
  STATUS: 'LifeCycleStatus',
  PROVIDER: 'Provider',
};
export const APICTL_APP_COLUMNS: Record<string, string> = {
  ID: 'Id',
  NAME: 'Name',
  OWNER: 'Owner',
  STATUS: 'Status',
  'GROUP ID': 'GroupId',
};

export const APICTL_API_HEADER = /^\s*ID\s+NAME\s+VERSION\s+CONTEXT\s+STATUS\s+PROVIDER\s*$/;
export const APICTL_APP_HEADER = /^\s*ID\s+NAME\s+OWNER\s+STATUS\s+GROUP ID\s*$/;

interface Column {
  key: string;
  start: number;
}

/** Column starts of the header line, in characters (tabwriter pads by runes, not bytes). */
export function tableColumns(header: string, columns: Record<string, string>): Column[] | undefined {
  const chars = Array.from(header);
  const text = chars.join('');
  const found: Column[] = [];
  let from = 0;
  for (const [title, key] of Object.entries(columns)) {
    const at = text.indexOf(title, from);
    if (at < 0) return undefined;
    found.push({ key, start: Array.from(text.slice(0, at)).length });
    from = at + title.length;
  }
  return found;
}

export function cutRow(line: string, columns: Column[]): Record<string, string> {
  const chars = Array.from(line);
  const cells: Record<string, string> = {};
  columns.forEach((column, i) => {
    const end = i + 1 < columns.length ? columns[i + 1].start : chars.length;
    cells[column.key] = chars.slice(column.start, end).join('').trim();
  });
  return cells;
}

export async function* apictlTable(
  body: AsyncIterable<Buffer>,
  columns: Record<string, string>,
  maxLineBytes: number,
): AsyncGenerator<TableItem> {
  let layout: Column[] | undefined;
  for await (const batch of lineBatches(body, maxLineBytes)) {
    for (let i = 0; i < batch.lines.length; i += 1) {
      const text = batch.lines[i];
      const line = batch.firstLine + i;
      if (text === null) {
        yield { line, error: msg('msg.hubrow.lineTooLong', { max: maxLineBytes }) };
        continue;
      }
      if (text.trim() === '') continue;
      if (!layout) {
        layout = tableColumns(text, columns);
        if (!layout) {
          yield { line, error: msg('msg.hubrow.tableHeader', { header: Object.keys(columns).join('  ') }) };
          return;
        }
        continue;
      }
      yield { line, cells: cutRow(text, layout) };
    }
  }
}
