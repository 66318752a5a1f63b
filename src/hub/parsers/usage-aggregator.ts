import { FamilyTally, UNKNOWN_DEVICE } from './device-counts';
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

/** Who a bucket is about; shared by all the periods of one API, application and key type. */
type Identity = Pick<
  UsageEvent,
  | 'apiKey'
  | 'apiName'
  | 'apiVersion'
  | 'apiContext'
  | 'apiCreator'
  | 'tenantDomain'
  | 'appKey'
  | 'applicationName'
  | 'applicationOwner'
  | 'keyType'
>;

/** The buckets of one identity, by period start. */
interface Series {
  who: Identity;
  periods: Map<number, Accumulator>;
}

interface Accumulator {
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
  /** Calls by status code as two short parallel arrays (a bucket sees a handful of codes). */
  codes: number[];
  codeCounts: number[];
  /** Calls by OS and by browser family (responses, and faults that name one). */
  platforms: FamilyTally;
  userAgents: FamilyTally;
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
  private readonly series = new Map<string, Series>();
  /** WSO2 id -> context key, learnt from events that carry both (responses). */
  private readonly aliases = new Map<string, string>();
  private readonly periodMs: number;
  private readonly offsetMs: number;
  private count = 0;

  constructor(private readonly options: AggregatorOptions) {
    this.periodMs = PERIOD_MS[options.granularity];
    this.offsetMs = options.utcOffsetMinutes * 60_000;
  }

  get size(): number {
    return this.count;
  }

  add(event: UsageEvent): void {
    const periodStart =
      Math.floor((event.time + this.offsetMs) / this.periodMs) * this.periodMs - this.offsetMs;
    const acc = this.accumulator(this.seriesOf(event), periodStart);
    acc.total += 1;
    const status = event.proxyResponseCode;
    if (status !== undefined) countCode(acc, status, 1);
    countDevice(acc, event);
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

  /** One series per API (by context key when known), application and key type. */
  private seriesOf(event: UsageEvent): Series {
    let apiKey = event.apiKey;
    if (event.apiId !== undefined) {
      if (event.apiContext !== undefined && apiKey !== event.apiId) this.aliases.set(event.apiId, apiKey);
      else apiKey = this.aliases.get(event.apiId) ?? apiKey;
    }
    const id = `${apiKey}\u0000${event.appKey ?? ''}\u0000${event.keyType ?? ''}`;
    let series = this.series.get(id);
    if (!series) {
      series = { who: identityOf(event, apiKey), periods: new Map() };
      this.series.set(id, series);
    }
    return series;
  }

  private accumulator(series: Series, periodStart: number): Accumulator {
    let acc = series.periods.get(periodStart);
    if (!acc) {
      acc = newAccumulator(periodStart, this.options.extraLatencies ?? false);
      series.periods.set(periodStart, acc);
      this.count += 1;
    }
    return acc;
  }

  /** What the aggregator holds, to show that memory follows buckets, not events. */
  footprint(): { buckets: number; heldLatencies: number; histogramPages: number } {
    let heldLatencies = 0;
    let histogramPages = 0;
    for (const series of this.series.values()) {
      for (const acc of series.periods.values()) {
        for (const recorder of [acc.latency, acc.backendRecorder, acc.requestMediationRecorder]) {
          if (!recorder) continue;
          heldLatencies += recorder.heldValues;
          histogramPages += recorder.pagesInUse;
        }
      }
    }
    return { buckets: this.count, heldLatencies, histogramPages };
  }

  /** The buckets in period order; each is released once produced. */
  *drain(): Generator<UsageBucket> {
    this.foldAliases();
    const entries: Array<[Identity, Accumulator] | undefined> = [];
    for (const series of this.series.values())
      for (const acc of series.periods.values()) entries.push([series.who, acc]);
    this.series.clear();
    this.count = 0;
    entries.sort((a, b) => a![1].periodStart - b![1].periodStart);
    for (let i = 0; i < entries.length; i += 1) {
      const [who, acc] = entries[i]!;
      entries[i] = undefined;
      yield this.toBucket(who, acc);
    }
  }

  /**
   * Faults of an API read before any of its responses were keyed by its WSO2 id; they join the
   * buckets of its context key, else the writer would keep only one of the two.
   */
  private foldAliases(): void {
    for (const [id, series] of this.series) {
      const target = this.aliases.get(series.who.apiKey);
      if (target === undefined) continue;
      const into = this.seriesOf({ ...series.who, apiKey: target, apiId: undefined } as UsageEvent);
      for (const [periodStart, acc] of series.periods) {
        const existing = into.periods.get(periodStart);
        if (!existing) into.periods.set(periodStart, acc);
        else if (merge(existing, acc)) this.count -= 1;
        else continue;
        series.periods.delete(periodStart);
      }
      if (series.periods.size === 0) this.series.delete(id);
    }
  }

  private toBucket(e: Identity, acc: Accumulator): UsageBucket {
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
      statusCodes: Object.fromEntries(
        acc.codes.map((code, i) => [code, acc.codeCounts[i]] as const).sort((a, b) => a[0] - b[0]),
      ),
      platforms: acc.platforms.toRecord(),
      userAgents: acc.userAgents.toRecord(),
      latency: latencySummary(acc),
      latencyHistogram: this.options.keepLatencyHistogram ? [...acc.latency.ascending()] : undefined,
      extraHistograms: this.options.keepLatencyHistogram ? extraHistograms(acc) : undefined,
      precision: 'RAW',
      source: this.options.source,
    };
  }
}

function identityOf(e: UsageEvent, apiKey: string): Identity {
  return {
    apiKey,
    apiName: e.apiName,
    apiVersion: e.apiVersion,
    apiContext: e.apiContext,
    apiCreator: e.apiCreator,
    tenantDomain: e.tenantDomain,
    appKey: e.appKey,
    applicationName: e.applicationName,
    applicationOwner: e.applicationOwner,
    keyType: e.keyType,
  };
}

/**
 * WSO2's fault events carry no device (hubdata.md §2.1), so they are left out rather than made
 * UNKNOWN; a response without a family is UNKNOWN, as WSO2's dashboard shows it.
 */
function countDevice(acc: Accumulator, event: UsageEvent): void {
  if (event.kind === 'fault' && event.platform === undefined && event.userAgent === undefined) return;
  acc.platforms.add(event.platform ?? UNKNOWN_DEVICE);
  acc.userAgents.add(event.userAgent ?? UNKNOWN_DEVICE);
}

function countCode(acc: Accumulator, code: number, n: number): void {
  const i = acc.codes.indexOf(code);
  if (i >= 0) acc.codeCounts[i] += n;
  else {
    acc.codes.push(code);
    acc.codeCounts.push(n);
  }
}

/**
 * Adds a bucket that holds no latencies (faults only) into another; false when it holds some,
 * which cannot be merged exactly here (the two stay apart).
 */
function merge(into: Accumulator, from: Accumulator): boolean {
  if (from.latency.count > 0 || from.backend.count > 0 || from.requestMediation.count > 0) return false;
  into.total += from.total;
  into.success += from.success;
  into.clientError += from.clientError;
  into.serverError += from.serverError;
  into.fault += from.fault;
  for (const type of Object.keys(from.faults) as FaultType[]) into.faults[type] += from.faults[type];
  from.codes.forEach((code, i) => countCode(into, code, from.codeCounts[i]));
  into.platforms.addAll(from.platforms);
  into.userAgents.addAll(from.userAgents);
  return true;
}

function newAccumulator(periodStart: number, extra: boolean): Accumulator {
  return {
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
    codes: [],
    codeCounts: [],
    platforms: new FamilyTally(),
    userAgents: new FamilyTally(),
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
