/**
 * Exact decimals for weights and band limits: "2.75" becomes 275 hundredths, so sums and
 * comparisons are integer arithmetic and never drift.
 */
export function toHundredths(value: string): number {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) throw new RangeError(`not a decimal with at most 2 places: "${value}"`);
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return Number(match[1]) * 100 + Number(fraction);
}

/** Formats hundredths back to a fixed two-place string, e.g. 1650 -> "16.50". */
export function formatHundredths(hundredths: number): string {
  const whole = Math.trunc(hundredths / 100);
  const rest = Math.abs(hundredths % 100);
  return `${whole}.${String(rest).padStart(2, '0')}`;
}
