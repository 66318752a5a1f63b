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

/**
 * Text is neutralised and always quoted: a spreadsheet whose separator is `;` or a tab (the
 * Indonesian locale uses `;`) must not split a field into a cell that starts a formula. Numbers
 * are written as they are.
 */
export function csvField(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return `"${neutralise(value).replace(/"/g, '""')}"`;
}

export function csvLine(values: readonly CellValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Excel reads UTF-8 CSV correctly only with a byte order mark. */
export const UTF8_BOM = '\uFEFF';
