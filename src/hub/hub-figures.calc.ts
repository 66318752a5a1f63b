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
