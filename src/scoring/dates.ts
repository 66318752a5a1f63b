/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD) without the Date object or time zones.
 * ISO date strings compare correctly as strings, so the engine compares them directly.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** True for a strict YYYY-MM-DD string naming a real calendar day. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Moves a date by whole calendar months (negative: back). When the target month is shorter,
 * the day is clamped to its last day: 2024-02-29 minus 12 months is 2023-02-28, and
 * 2024-03-31 minus 1 month is 2024-02-29. A month-end that exists in the target month stays
 * as it is (2025-02-28 minus 12 months is 2024-02-28, not 2024-02-29).
 */
export function addCalendarMonths(date: string, months: number): string {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not an ISO date: "${date}"`);
  const total = Number(match[1]) * 12 + (Number(match[2]) - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(Number(match[3]), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** The calendar day after `date`. */
export function nextDay(date: string): string {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not an ISO date: "${date}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (day < daysInMonth(year, month)) return `${match[1]}-${match[2]}-${pad2(day + 1)}`;
  return month === 12 ? `${String(year + 1).padStart(4, '0')}-01-01` : `${match[1]}-${pad2(month + 1)}-01`;
}
