/**
 * Lenient readers for the scalar values hub exports contain. WSO2 and UptimeRobot write the same
 * field as a number in one version and a string in another, and use placeholders for "no value".
 */

export const SUPER_TENANT = 'carbon.super';

/** Placeholders written by the analytics publisher (Constants.java) and by empty CSV cells. */
const PLACEHOLDERS = new Set(['', 'UNKNOWN', 'N/A', 'null', 'NULL']);

const LONGEST_PLACEHOLDER = 7;

export function isBlank(value: unknown): boolean {
  if (typeof value !== 'string') return value === undefined || value === null;
  // Fast path, this runs for every field of a million events: long untrimmed text is a value.
  if (
    value.length > LONGEST_PLACEHOLDER &&
    value.charCodeAt(0) > 32 &&
    value.charCodeAt(value.length - 1) > 32
  ) {
    return false;
  }
  return PLACEHOLDERS.has(value.trim());
}

/** A non-placeholder string, trimmed; numbers become their decimal text (ids sometimes are numbers). */
export function textOf(value: unknown): string | undefined {
  if (isBlank(value)) return undefined;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The tenant of `user@bandung.go.id` is `bandung.go.id`; a bare user belongs to the fallback tenant. */
export function tenantOf(provider: string | undefined, fallback: string = SUPER_TENANT): string {
  if (!provider) return fallback;
  const at = provider.lastIndexOf('@');
  return at >= 0 && at < provider.length - 1 ? provider.slice(at + 1) : fallback;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const THOUSANDS = /^\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * A number from a JSON number or its text. `decimalComma` accepts `99,5` (Indonesian Excel
 * writes semicolon-separated CSV with decimal commas); otherwise `1,234` reads as thousands.
 */
export function numberOf(value: unknown, decimalComma = false): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || isBlank(value)) return undefined;
  let text = value.trim();
  if (decimalComma && /^[+-]?\d*,\d+$/.test(text)) text = text.replace(',', '.');
  else if (THOUSANDS.test(text)) text = text.replace(/,/g, '');
  return DECIMAL.test(text) ? Number(text) : undefined;
}

export function integerOf(value: unknown): number | undefined {
  const n = numberOf(value);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/;
const ZONED_ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})$/i;
// `May 13, 2020 10:18:31 AM` (APIM 3.x lastUpdated) and `Jan 20, 2022 @ 03:34:36.451` (Kibana CSV).
const MONTH_NAME =
  /^([a-z]{3})[a-z]*\.? (\d{1,2}), (\d{4})(?: @)? (\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?: ?([ap]m))?$/i;

/**
 * A point in time from epoch seconds or milliseconds (number or digit string), ISO-8601, or
 * `YYYY-MM-DD[ HH:mm[:ss[.SSS]]]`. Times without an offset are read as UTC: WSO2 writes server
 * local time and never says which zone, so the original text is kept next to the value.
 */
export function timeOf(value: unknown): Date | undefined {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string' || isBlank(value)) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return fromEpoch(Number(text));
  const zoned = ZONED_ISO.exec(text);
  if (zoned) return validDate(Date.parse(`${zoned[1]}${normaliseOffset(zoned[2])}`));
  const local = LOCAL_TIME.exec(text);
  if (local) {
    const [year, month, day, hour, minute, second] = local.slice(1, 7).map((part) => Number(part ?? 0));
    return fromParts([year, month, day, hour, minute, second, fractionMs(local[7])]);
  }
  return monthNameTime(text);
}

function fromEpoch(n: number): Date | undefined {
  if (!Number.isFinite(n) || n < 0) return undefined;
  // 1e11 ms is 1973 while 1e11 s is year 5138: below it the number can only be seconds.
  return validDate(n < 1e11 ? n * 1000 : n);
}

function normaliseOffset(offset: string): string {
  if (offset.toUpperCase() === 'Z') return 'Z';
  return offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
}

/** Digits after the decimal point, as whole milliseconds: `05` is 50 ms, `451999` is 451 ms. */
function fractionMs(digits: string | undefined): number {
  return digits ? Number(digits.slice(0, 3).padEnd(3, '0')) : 0;
}

/** [year, month, day, hour, minute, second, ms]; rejects 2023-02-30 instead of rolling over. */
function fromParts([year, month, day, hour, minute, second, ms]: number[]): Date | undefined {
  const time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const date = new Date(time);
  if (
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return undefined;
  }
  return validDate(time);
}

function monthNameTime(text: string): Date | undefined {
  const m = MONTH_NAME.exec(text);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1].toLowerCase()) + 1;
  if (month === 0) return undefined;
  let hour = Number(m[4]);
  const meridiem = m[8]?.toLowerCase();
  if (meridiem && (hour < 1 || hour > 12)) return undefined;
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  return fromParts([
    Number(m[3]),
    month,
    Number(m[2]),
    hour,
    Number(m[5]),
    Number(m[6] ?? 0),
    fractionMs(m[7]),
  ]);
}

function validDate(time: number): Date | undefined {
  return Number.isFinite(time) ? new Date(time) : undefined;
}
