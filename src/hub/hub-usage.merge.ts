import { histogramMean, mergeHistograms, percentilesOf, type Histogram } from './hub-figures.calc';
import { addDeviceCounts, type ExtraHistograms, type LatencySummary, type UsageBucket } from './parsers';

/**
 * One bucket from two that meet on the same key within an import (an API named by its WSO2 id
 * in one record and by its context in another, or a period a file reports twice): their calls
 * add up. A breakdown stays known only when both gave it, except the counts by fault type, status
 * code and device, which add up from whichever gave them; percentiles are recomputed from the
 * merged histograms when both carry them, else the higher reported figure is kept (the figures'
 * rule for aggregated data).
 */
export function mergeUsage(a: UsageBucket, b: UsageBucket): UsageBucket {
  const histogram = both(a.latencyHistogram, b.latencyHistogram, (x, y) => mergeHistograms([x, y]));
  const extra = both(a.extraHistograms, b.extraHistograms, mergeExtra);
  return {
    ...a,
    ...b,
    totalCalls: a.totalCalls + b.totalCalls,
    successCalls: both(a.successCalls, b.successCalls, add),
    clientErrorCalls: both(a.clientErrorCalls, b.clientErrorCalls, add),
    serverErrorCalls: both(a.serverErrorCalls, b.serverErrorCalls, add),
    faultCalls: both(a.faultCalls, b.faultCalls, add),
    faultsByType: either(a.faultsByType, b.faultsByType, addCounts),
    statusCodes: either(a.statusCodes, b.statusCodes, addCounts),
    platforms: either(a.platforms, b.platforms, addDeviceCounts),
    userAgents: either(a.userAgents, b.userAgents, addDeviceCounts),
    latencyHistogram: histogram,
    extraHistograms: extra,
    latency: either(a.latency, b.latency, (x, y) => mergeLatency(x, y, histogram, extra)),
    precision: a.precision === 'RAW' && b.precision === 'RAW' ? 'RAW' : 'AGGREGATED',
  };
}

const add = (x: number, y: number) => x + y;

function both<T>(x: T | undefined, y: T | undefined, f: (x: T, y: T) => T): T | undefined {
  return x === undefined || y === undefined ? undefined : f(x, y);
}

function either<T>(x: T | undefined, y: T | undefined, f: (x: T, y: T) => T): T | undefined {
  if (x === undefined) return y;
  if (y === undefined) return x;
  return f(x, y);
}

function addCounts<T extends Partial<Record<string, number>>>(x: T, y: T): T {
  const out: Partial<Record<string, number>> = { ...x };
  for (const [k, n] of Object.entries(y)) out[k] = (out[k] ?? 0) + (n ?? 0);
  return out as T;
}

function mergeExtra(x: ExtraHistograms, y: ExtraHistograms): ExtraHistograms {
  return {
    backend: either(x.backend, y.backend, (p, q) => mergeHistograms([p, q])),
    requestMediation: either(x.requestMediation, y.requestMediation, (p, q) => mergeHistograms([p, q])),
  };
}

/** Means weighted by their counts; percentiles exact from a histogram, else the higher of the two. */
function mergeLatency(
  x: LatencySummary,
  y: LatencySummary,
  histogram: Histogram | undefined,
  extra: ExtraHistograms | undefined,
): LatencySummary {
  const higher = (key: keyof LatencySummary) => either(x[key], y[key], Math.max);
  const mean = (key: keyof LatencySummary) =>
    x.count !== undefined && y.count !== undefined && x[key] !== undefined && y[key] !== undefined
      ? (x[key] * x.count + y[key] * y.count) / (x.count + y.count || 1)
      : higher(key);
  const exact = histogram ? percentilesOf(histogram) : null;
  const backend = extra?.backend ? percentilesOf(extra.backend) : null;
  const mediation = extra?.requestMediation ? percentilesOf(extra.requestMediation) : null;
  const out: LatencySummary = {};
  for (const key of Object.keys({ ...x, ...y }) as Array<keyof LatencySummary>) out[key] = higher(key);
  return {
    ...out,
    count: both(x.count, y.count, add),
    avgMs: histogram ? (histogramMean(histogram) ?? undefined) : mean('avgMs'),
    backendAvgMs: mean('backendAvgMs'),
    requestMediationAvgMs: mean('requestMediationAvgMs'),
    responseMediationAvgMs: mean('responseMediationAvgMs'),
    ...(exact ? { p50Ms: exact.p50Ms, p95Ms: exact.p95Ms, p99Ms: exact.p99Ms } : {}),
    ...(backend
      ? { backendP50Ms: backend.p50Ms, backendP95Ms: backend.p95Ms, backendP99Ms: backend.p99Ms }
      : {}),
    ...(mediation
      ? {
          requestMediationP50Ms: mediation.p50Ms,
          requestMediationP95Ms: mediation.p95Ms,
          requestMediationP99Ms: mediation.p99Ms,
        }
      : {}),
  };
}
