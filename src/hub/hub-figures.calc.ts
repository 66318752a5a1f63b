import { nearestRank } from './parsers';

/**
 * Pure arithmetic of the hub figures. Percentiles come only from RAW data: the exact
 * [ms, count] histograms of daily buckets add up into the histogram of any longer span, and the
 * nearest rank on it equals the nearest rank on the sorted events (latency.spec.ts proves the
 * per-bucket part; hub-figures.calc.spec.ts the merge).
 */

export type Histogram = Array<[number, number]>;

export interface Percentiles {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Responses the percentiles are computed from. */
  samples: number;
}

/** Adds histograms; the result is ascending by latency with one entry per distinct value. */
export function mergeHistograms(histograms: Iterable<Histogram>): Histogram {
  const counts = new Map<number, number>();
  for (const histogram of histograms) {
    for (const [ms, count] of histogram) counts.set(ms, (counts.get(ms) ?? 0) + count);
  }
  return [...counts.entries()].filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
}

/** Nearest-rank p50/p95/p99 of a histogram; null when it holds no response. */
export function percentilesOf(histogram: Histogram): Percentiles | null {
  const samples = histogram.reduce((sum, [, count]) => sum + count, 0);
  if (samples === 0) return null;
  const [p50Ms, p95Ms, p99Ms] = [50, 95, 99].map((p) => valueAtRank(histogram, nearestRank(p, samples)));
  return { p50Ms, p95Ms, p99Ms, samples };
}

function valueAtRank(histogram: Histogram, rank: number): number {
  let seen = 0;
  for (const [ms, count] of histogram) {
    seen += count;
    if (seen >= rank) return ms;
  }
  return histogram[histogram.length - 1][0];
}

/** Our definition (hubdata.md §6.3): (4xx + 5xx + faults) / calls with a known breakdown. */
export function errorRate(errors: number, callsWithBreakdown: number): number | null {
  return callsWithBreakdown > 0 ? errors / callsWithBreakdown : null;
}

export type ConsumerFlag = 'subscribed_never_called' | 'called_without_subscription' | null;

/** Subscriptions show intent, calls show use; a consumer with only one of them is worth a look. */
export function consumerFlag(subscribed: boolean, called: boolean): ConsumerFlag {
  if (subscribed && !called) return 'subscribed_never_called';
  if (called && !subscribed) return 'called_without_subscription';
  return null;
}

/** Duration-weighted mean uptime of several periods; null without any period. */
export function weightedUptime(periods: Array<{ uptimePct: number; seconds: number }>): number | null {
  const total = periods.reduce((sum, p) => sum + p.seconds, 0);
  if (total <= 0) return null;
  return periods.reduce((sum, p) => sum + p.uptimePct * p.seconds, 0) / total;
}

/** Mean of a histogram (exact for RAW data); null when it holds nothing. */
export function histogramMean(histogram: Histogram): number | null {
  let sum = 0;
  let n = 0;
  for (const [ms, count] of histogram) {
    sum += ms * count;
    n += count;
  }
  return n > 0 ? sum / n : null;
}

export interface UptimeSpan {
  start: number;
  end: number;
  uptimePct: number;
}

/**
 * Uptime over [end - ms, end] from stored monitor periods. A file may give nested windows (1, 7
 * and 30 days ending at the fetch time) or a series of short steps: a period that is the window
 * itself wins; otherwise the shortest periods are taken first and any period overlapping one
 * already taken is left out, so nothing counts twice. Null when nothing covers the window.
 */
export function windowUptime(
  spans: UptimeSpan[],
  end: number,
  ms: number,
): { uptimePct: number; coveredPct: number } | null {
  const start = end - ms;
  const tolerance = Math.min(3_600_000, ms / 24);
  const exact = spans.find(
    (s) => Math.abs(s.end - end) <= tolerance && Math.abs(s.end - s.start - ms) <= tolerance,
  );
  if (exact) return { uptimePct: exact.uptimePct, coveredPct: 100 };
  const chosen: UptimeSpan[] = [];
  const sorted = spans
    .filter((s) => s.end > start && s.start < end)
    .sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
  for (const span of sorted) {
    if (!chosen.some((c) => c.start < span.end && span.start < c.end)) chosen.push(span);
  }
  const weighted = chosen.map((s) => ({
    uptimePct: s.uptimePct,
    seconds: (Math.min(s.end, end) - Math.max(s.start, start)) / 1000,
  }));
  const uptime = weightedUptime(weighted);
  if (uptime === null) return null;
  const covered = weighted.reduce((sum, w) => sum + w.seconds, 0);
  return { uptimePct: uptime, coveredPct: Math.min(100, (100 * covered * 1000) / ms) };
}

/** Whole days from `now` to `expiry` (negative once expired); null without an expiry. */
export function daysToExpiry(expiry: Date | null | undefined, now: Date): number | null {
  if (!expiry) return null;
  return Math.floor((expiry.getTime() - now.getTime()) / 86_400_000);
}

/** The hub page warns from this many days before a certificate or domain expires. */
export const EXPIRY_WARNING_DAYS = 30;

export const expiryWarning = (days: number | null): boolean => days !== null && days <= EXPIRY_WARNING_DAYS;
