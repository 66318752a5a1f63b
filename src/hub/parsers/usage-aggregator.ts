import { type FaultType, type FormatVariant, type UsageBucket } from './hub.types';
import { LatencyRecorder } from './latency';
import type { UsageEvent } from './usage-event';

export type Granularity = 'hour' | 'day';

export interface AggregatorOptions {
  hubId: string;
  granularity: Granularity;
  /** Offset of the reporting time zone, e.g. 420 for WIB, so daily buckets follow local days. */
  utcOffsetMinutes: number;
  keepLatencyHistogram: boolean;
  /**
   * Exact percentiles of the backend and request-mediation latencies too (two more recorders per
   * bucket); without it only their means are kept, as before issue 22.
   */
  extraLatencies?: boolean;
  source: FormatVariant;
}

interface Mean {
  sum: number;
  count: number;
}

interface Accumulator {
  first: UsageEvent;
  periodStart: number;
  total: number;
  success: number;
  clientError: number;
  serverError: number;
  fault: number;
  faults: Record<FaultType, number>;
  latency: LatencyRecorder;
  backend: Mean;
  requestMediation: Mean;
  backendRecorder?: LatencyRecorder;
  requestMediationRecorder?: LatencyRecorder;
  responseMediation: Mean;
  statusCodes: Map<number, number>;
}

const PERIOD_MS: Record<Granularity, number> = { hour: 3_600_000, day: 86_400_000 };
const emptyFaults = (): Record<FaultType, number> => ({
  AUTH: 0,
  THROTTLED: 0,
  TARGET_CONNECTIVITY: 0,
  OTHER: 0,
});

/**
 * Folds analytics events into usage buckets keyed by period x API x application x key type.
 * Only the buckets are kept, never the events; each bucket keeps its latencies in a compact
 * exact form (see latency.ts) so percentiles are exact, not estimated.
 */
export class UsageAggregator {
  private readonly buckets = new Map<string, Accumulator>();
  private readonly periodMs: number;
  private readonly offsetMs: number;

  constructor(private readonly options: AggregatorOptions) {
    this.periodMs = PERIOD_MS[options.granularity];
    this.offsetMs = options.utcOffsetMinutes * 60_000;
  }

  get size(): number {
    return this.buckets.size;
  }

  add(event: UsageEvent): void {
    const periodStart =
      Math.floor((event.time + this.offsetMs) / this.periodMs) * this.periodMs - this.offsetMs;
    const key = `${periodStart}\u0000${event.apiKey}\u0000${event.appKey ?? ''}\u0000${event.keyType ?? ''}`;
    let acc = this.buckets.get(key);
    if (!acc) {
      acc = newAccumulator(event, periodStart, this.options.extraLatencies ?? false);
      this.buckets.set(key, acc);
    }
    acc.total += 1;
    const status = event.proxyResponseCode;
    if (status !== undefined) acc.statusCodes.set(status, (acc.statusCodes.get(status) ?? 0) + 1);
    if (event.kind === 'fault') {
      acc.fault += 1;
      acc.faults[event.errorType ?? 'OTHER'] += 1;
      return;
    }
    const code = event.proxyResponseCode ?? 0;
    if (code >= 500) acc.serverError += 1;
    else if (code >= 400) acc.clientError += 1;
    else acc.success += 1;
    if (event.responseLatency !== undefined) acc.latency.add(event.responseLatency);
    addMean(acc.backend, event.backendLatency);
    addMean(acc.requestMediation, event.requestMediationLatency);
    if (event.backendLatency !== undefined) acc.backendRecorder?.add(event.backendLatency);
    if (event.requestMediationLatency !== undefined)
      acc.requestMediationRecorder?.add(event.requestMediationLatency);
    addMean(acc.responseMediation, event.responseMediationLatency);
  }

  /** What the aggregator holds, to show that memory follows buckets, not events. */
  footprint(): { buckets: number; heldLatencies: number; histogramPages: number } {
    let heldLatencies = 0;
    let histogramPages = 0;
    for (const acc of this.buckets.values()) {
      for (const recorder of [acc.latency, acc.backendRecorder, acc.requestMediationRecorder]) {
        if (!recorder) continue;
        heldLatencies += recorder.heldValues;
        histogramPages += recorder.pagesInUse;
      }
    }
    return { buckets: this.buckets.size, heldLatencies, histogramPages };
  }

  /** The buckets in period order; each is released once produced. */
  *drain(): Generator<UsageBucket> {
    const entries = [...this.buckets.entries()].sort((a, b) => a[1].periodStart - b[1].periodStart);
    this.buckets.clear();
    for (const [, acc] of entries) yield this.toBucket(acc);
  }

  private toBucket(acc: Accumulator): UsageBucket {
    const e = acc.first;
    return {
      hubId: this.options.hubId,
      periodStart: new Date(acc.periodStart),
      periodEnd: new Date(acc.periodStart + this.periodMs),
      apiKey: e.apiKey,
      apiName: e.apiName,
      apiVersion: e.apiVersion,
      apiContext: e.apiContext,
      apiProvider: e.apiCreator,
      tenantDomain: e.tenantDomain,
      appKey: e.appKey,
      applicationName: e.applicationName,
      applicationOwner: e.applicationOwner,
      keyType: e.keyType,
      totalCalls: acc.total,
      successCalls: acc.success,
      clientErrorCalls: acc.clientError,
      serverErrorCalls: acc.serverError,
      faultCalls: acc.fault,
      faultsByType: acc.faults,
      statusCodes: Object.fromEntries([...acc.statusCodes].sort((a, b) => a[0] - b[0])),
      latency: latencySummary(acc),
      latencyHistogram: this.options.keepLatencyHistogram ? [...acc.latency.ascending()] : undefined,
      extraHistograms: this.options.keepLatencyHistogram ? extraHistograms(acc) : undefined,
      precision: 'RAW',
      source: this.options.source,
    };
  }
}

function newAccumulator(first: UsageEvent, periodStart: number, extra: boolean): Accumulator {
  return {
    first,
    periodStart,
    total: 0,
    success: 0,
    clientError: 0,
    serverError: 0,
    fault: 0,
    faults: emptyFaults(),
    latency: new LatencyRecorder(),
    backend: { sum: 0, count: 0 },
    requestMediation: { sum: 0, count: 0 },
    backendRecorder: extra ? new LatencyRecorder() : undefined,
    requestMediationRecorder: extra ? new LatencyRecorder() : undefined,
    responseMediation: { sum: 0, count: 0 },
    statusCodes: new Map(),
  };
}

function addMean(mean: Mean, value: number | undefined): void {
  if (value === undefined) return;
  mean.sum += value;
  mean.count += 1;
}

const average = (mean: Mean): number | undefined => (mean.count > 0 ? mean.sum / mean.count : undefined);
const mean = (r: LatencyRecorder): number | undefined => (r.count > 0 ? r.sum / r.count : undefined);
const triple = (r: LatencyRecorder | undefined): Array<number | undefined> =>
  r && r.count > 0 ? r.percentiles([50, 95, 99]) : [undefined, undefined, undefined];

function extraHistograms(acc: Accumulator): UsageBucket['extraHistograms'] {
  const out: NonNullable<UsageBucket['extraHistograms']> = {};
  if (acc.backendRecorder?.count) out.backend = [...acc.backendRecorder.ascending()];
  if (acc.requestMediationRecorder?.count)
    out.requestMediation = [...acc.requestMediationRecorder.ascending()];
  return out.backend || out.requestMediation ? out : undefined;
}

function latencySummary(acc: Accumulator): UsageBucket['latency'] {
  const recorder = acc.latency;
  const backendAvgMs = average(acc.backend);
  if (recorder.count === 0 && backendAvgMs === undefined) return undefined;
  const [p50Ms, p95Ms, p99Ms] = triple(recorder);
  const [backendP50Ms, backendP95Ms, backendP99Ms] = triple(acc.backendRecorder);
  const [requestMediationP50Ms, requestMediationP95Ms, requestMediationP99Ms] = triple(
    acc.requestMediationRecorder,
  );
  return {
    count: recorder.count,
    avgMs: mean(recorder),
    p50Ms,
    p95Ms,
    p99Ms,
    maxMs: recorder.count > 0 ? recorder.max : undefined,
    backendAvgMs,
    backendP50Ms,
    backendP95Ms,
    backendP99Ms,
    requestMediationAvgMs: average(acc.requestMediation),
    requestMediationP50Ms,
    requestMediationP95Ms,
    requestMediationP99Ms,
    responseMediationAvgMs: average(acc.responseMediation),
  };
}
