/**
 * CSV lines (RFC 4180) that spreadsheet programs open without running anything: a text cell
 * starting with = + - @, a tab or a carriage return would be read as a formula (CSV injection),
 * so it is prefixed with a single quote. The same rule applies to XLSX text cells.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type CellValue = string | number | null;

/** Text is neutralised and quoted when needed; numbers are written as they are. */
export function csvField(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutralise(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CellValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Excel reads UTF-8 CSV correctly only with a byte order mark. */
export const UTF8_BOM = '\uFEFF';
