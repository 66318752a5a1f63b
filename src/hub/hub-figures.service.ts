import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  consumerFlag,
  ConsumerFlag,
  errorRate,
  Histogram,
  histogramMean,
  mergeHistograms,
  percentilesOf,
} from './hub-figures.calc';
import {
  ApiRow,
  ApiUsageRow,
  CallSums,
  ConsumerRow,
  FiguresScope,
  HubFiguresRepository,
  LatencyKind,
  TopRow,
} from './hub-figures.repository';
import { deviceFiguresOf, type DeviceFigures } from './hub-devices.figures';
import { monitorFigures, type MonitorFigures } from './hub-monitor.figures';
import { HubIntegrationsRepository, HubSignalCode } from './hub-integrations.repository';
import type { FaultType } from './parsers';

export interface LatencyFigures {
  /** RAW: exact percentiles from events; AGGREGATED: the highest value any file reported. */
  precision: 'RAW' | 'AGGREGATED';
  asReported: boolean;
  avgMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  samples: number | null;
  /** From raw events only (aggregated files carry neither): the WSO2 dashboards' other two latencies. */
  backend: LatencyStats | null;
  requestMediation: LatencyStats | null;
}

export interface LatencyStats {
  avgMs: number | null;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  samples: number;
}

export interface TopFigure {
  key: string;
  name: string | null;
  owner: string | null;
  unitCode: string | null;
  calls: number;
}

export interface CallFigures {
  calls: number;
  success: number;
  clientErrors: number;
  serverErrors: number;
  faults: number;
  faultsByType: Record<FaultType, number>;
  errorRate: number | null;
}

export interface ConsumerFigures {
  appKey: string;
  name: string | null;
  owner: string | null;
  unitCode: string | null;
  subscribed: boolean;
  called: boolean;
  /** Called with sandbox keys: shown apart, not a production consumer. */
  calledSandbox: boolean;
  flag: ConsumerFlag;
}

export interface ApiFigures extends CallFigures {
  id: string;
  hubId: string;
  apiKey: string;
  /** WSO2's id of the API (the latest file's), when a file gave one. */
  sourceId: string | null;
  name: string;
  version: string;
  context: string | null;
  provider: string | null;
  lifecycleStatus: string | null;
  publishedOnBus: boolean;
  unit: { id: string; code: string; name: string } | null;
  rule: { matchType: string; matchValue: string } | null;
  application: { id: string; name: string; link: string | null } | null;
  /** Production consumers: subscribed, or called with production keys. */
  consumerCount: number;
  consumers: ConsumerFigures[];
  statusCodes: Record<string, number>;
  devices: DeviceFigures | null;
  sandboxCalls: number;
  latency: LatencyFigures | null;
  fileName: string;
  importedAt: string;
}

export type { MonitorFigures } from './hub-monitor.figures';

export interface SplpConnection {
  connected: boolean;
  signals: Array<{
    signal: HubSignalCode;
    detail: string;
    fileName: string | null;
    importedAt: string | null;
  }>;
}

export interface HubFigures {
  year: number;
  unitId: string | null;
  totals: CallFigures & {
    publishedApis: number;
    registeredApis: number;
    consumers: number;
    latency: LatencyFigures | null;
    /** Unit view only: calls made by the unit's own applications. */
    consumedCalls?: number;
    /** APIs by lifecycle state (PUBLISHED, CREATED, DEPRECATED...; UNKNOWN when no file said). */
    lifecycle: Record<string, number>;
    statusCodes: Record<string, number>;
    devices: DeviceFigures | null;
    sandboxCalls: number;
    topConsumers: TopFigure[];
    topProviders: TopFigure[];
  };
  apis: ApiFigures[];
  months: Array<CallFigures & { month: string }>;
  uptime: MonitorFigures[];
  splp: SplpConnection;
}

const NO_FAULTS = (): Record<FaultType, number> => ({
  AUTH: 0,
  THROTTLED: 0,
  TARGET_CONNECTIVITY: 0,
  OTHER: 0,
});
const keyOf = (hubId: string, apiKey: string) => `${hubId}\u0000${apiKey}`;

/** The hub page's and the API's figures for an agency (or one unit) and a year. */
@Injectable()
export class HubFiguresService {
  constructor(
    @Inject(HubFiguresRepository) private readonly repo: HubFiguresRepository,
    @Inject(HubIntegrationsRepository) private readonly integrations: HubIntegrationsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async compute(
    agencyId: string,
    year: number,
    unitId: string | null,
    m?: EntityManager,
  ): Promise<HubFigures> {
    const scope: FiguresScope = {
      agencyId,
      unitId,
      from: new Date(Date.UTC(year, 0, 1)),
      to: new Date(Date.UTC(year + 1, 0, 1)),
    };
    const [apiRows, usage, consumers, months, uptime, signals] = [
      await this.repo.apis(agencyId, unitId, m),
      await this.repo.usageByApi(scope, m),
      await this.repo.consumers(scope, m),
      await this.repo.usageByMonth(scope, m),
      await this.repo.uptime(scope, m),
      await this.integrations.signals(m ?? this.dataSource.manager, agencyId),
    ];
    const histograms: Record<LatencyKind, Map<string, Histogram>> = {
      response: await this.repo.histograms(scope, m, 'response'),
      backend: await this.repo.histograms(scope, m, 'backend'),
      requestMediation: await this.repo.histograms(scope, m, 'requestMediation'),
    };
    const codes = groupCodes(await this.repo.statusCodes(scope, m));
    const sandbox = new Map(
      (await this.repo.sandboxCalls(scope, m)).map((r) => [keyOf(r.hubId, r.apiKey), r.calls]),
    );
    const usageOf = new Map(usage.map((u) => [keyOf(u.hubId, u.apiKey), u]));
    const devices = deviceFiguresOf(await this.repo.deviceCounts(scope, m), usage);
    const consumersOf = groupConsumers(consumers);
    const apis = apiRows.map((row) => {
      const key = keyOf(row.hubId, row.apiKey);
      return {
        ...apiFigures(row, usageOf.get(key), pick(histograms, key), consumersOf),
        statusCodes: codes.get(key) ?? {},
        devices: devices.byApi.get(key) ?? null,
        sandboxCalls: sandbox.get(key) ?? 0,
      };
    });
    const totals = {
      ...callFigures(sumCalls(usage)),
      publishedApis: apis.filter((a) => a.publishedOnBus).length,
      registeredApis: apis.length,
      consumers: new Set(
        apis.flatMap((a) =>
          a.consumers.filter((c) => c.subscribed || c.called).map((c) => `${a.hubId}\u0000${c.appKey}`),
        ),
      ).size,
      latency: latencyFigures(usage, {
        response: [...histograms.response.values()],
        backend: [...histograms.backend.values()],
        requestMediation: [...histograms.requestMediation.values()],
      }),
      ...(unitId ? { consumedCalls: await this.repo.consumedCalls({ ...scope, unitId }, m) } : {}),
      lifecycle: countBy(apis.map((a) => a.lifecycleStatus ?? 'UNKNOWN')),
      statusCodes: sumCodes(apis.map((a) => a.statusCodes)),
      devices: devices.total,
      sandboxCalls: apis.reduce((sum, a) => sum + a.sandboxCalls, 0),
      topConsumers: (await this.repo.topConsumers(scope, TOP, m)).map(topFigure),
      topProviders: (await this.repo.topProviders(scope, TOP, m)).map(topFigure),
    };
    const monitors = monitorFigures(
      uptime,
      await this.repo.recentUptime(agencyId, m),
      await this.repo.monitorStates(agencyId, m),
      new Date(),
    );
    return {
      year,
      unitId,
      totals,
      apis,
      months: months.map((row) => ({ month: row.month, ...callFigures(row) })),
      uptime: monitors,
      splp: {
        connected: signals.some((s) => s.target === 'splp'),
        signals: signals
          .filter((s) => s.target === 'splp')
          .map((s) => ({
            signal: s.signal,
            detail: s.detail,
            fileName: s.fileName,
            importedAt: s.importedAt?.toISOString() ?? null,
          })),
      },
    };
  }
}

const TOP = 10;

type Histograms = Record<LatencyKind, Histogram[]>;

function pick(all: Record<LatencyKind, Map<string, Histogram>>, key: string): Histograms {
  const one = (kind: LatencyKind) => (all[kind].has(key) ? [all[kind].get(key)!] : []);
  return { response: one('response'), backend: one('backend'), requestMediation: one('requestMediation') };
}

function topFigure(row: TopRow): TopFigure {
  return { key: row.key, name: row.name, owner: row.owner, unitCode: row.unitCode, calls: row.calls };
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of values) out[value] = (out[value] ?? 0) + 1;
  return out;
}

function sumCodes(list: Array<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const codes of list) for (const [code, n] of Object.entries(codes)) out[code] = (out[code] ?? 0) + n;
  return out;
}

function groupCodes(rows: Array<{ hubId: string; apiKey: string; code: string; n: number }>) {
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const key = keyOf(r.hubId, r.apiKey);
    out.set(key, { ...(out.get(key) ?? {}), [r.code]: r.n });
  }
  return out;
}

function apiFigures(
  row: ApiRow,
  usage: ApiUsageRow | undefined,
  histograms: Histograms,
  consumersOf: Map<string, ConsumerFigures[]>,
): Omit<ApiFigures, 'statusCodes' | 'devices' | 'sandboxCalls'> {
  const consumers = consumersOf.get(keyOf(row.hubId, row.apiKey)) ?? [];
  return {
    id: row.id,
    hubId: row.hubId,
    apiKey: row.apiKey,
    sourceId: row.sourceId,
    name: row.name,
    version: row.version,
    context: row.context,
    provider: row.provider,
    lifecycleStatus: row.lifecycleStatus,
    publishedOnBus: row.publishedOnBus,
    unit: row.unitId ? { id: row.unitId, code: row.unitCode ?? '', name: row.unitName ?? '' } : null,
    rule: row.ruleType ? { matchType: row.ruleType, matchValue: row.ruleValue ?? '' } : null,
    application: row.applicationId
      ? { id: row.applicationId, name: row.applicationName ?? '', link: row.applicationLink }
      : null,
    consumerCount: consumers.filter((c) => c.subscribed || c.called).length,
    consumers,
    ...callFigures(usage ?? emptySums()),
    latency: usage ? latencyFigures([usage], histograms) : null,
    fileName: row.fileName,
    importedAt: row.importedAt.toISOString(),
  };
}

function groupConsumers(rows: ConsumerRow[]): Map<string, ConsumerFigures[]> {
  const out = new Map<string, ConsumerFigures[]>();
  for (const r of rows) {
    const key = keyOf(r.hubId, r.apiKey);
    const list = out.get(key) ?? [];
    list.push({
      appKey: r.appKey,
      name: r.name,
      owner: r.owner,
      unitCode: r.unitCode,
      subscribed: r.subscribed,
      called: r.called,
      calledSandbox: r.calledSandbox,
      flag: consumerFlag(r.subscribed, r.called),
    });
    out.set(key, list);
  }
  return out;
}

function statsOf(histograms: Histogram[]): LatencyStats | null {
  const merged = mergeHistograms(histograms);
  const exact = percentilesOf(merged);
  return exact ? { avgMs: histogramMean(merged), ...exact } : null;
}

/** Exact percentiles when RAW data exists; otherwise the highest figures the files reported. */
function latencyFigures(usage: ApiUsageRow[], histograms: Histograms): LatencyFigures | null {
  const raw = usage.some((u) => u.hasRaw);
  const exact = raw ? statsOf(histograms.response) : null;
  const others = {
    backend: raw ? statsOf(histograms.backend) : null,
    requestMediation: raw ? statsOf(histograms.requestMediation) : null,
  };
  if (exact) return { precision: 'RAW', asReported: false, ...exact, ...others };
  const max = (pick: (u: ApiUsageRow) => number | null) => {
    const values = usage.map(pick).filter((v): v is number => v !== null);
    return values.length ? Math.max(...values) : null;
  };
  const p95Ms = max((u) => u.reportedP95Ms);
  const p99Ms = max((u) => u.reportedP99Ms);
  const p50Ms = max((u) => u.reportedP50Ms);
  const avgMs = max((u) => u.reportedAvgMs);
  if (p50Ms === null && p95Ms === null && p99Ms === null && avgMs === null) return null;
  return { precision: 'AGGREGATED', asReported: true, avgMs, p50Ms, p95Ms, p99Ms, samples: null, ...others };
}

function emptySums(): CallSums {
  return {
    calls: 0,
    success: 0,
    clientErrors: 0,
    serverErrors: 0,
    faults: 0,
    breakdownCalls: 0,
    faultsByType: NO_FAULTS(),
  };
}

function sumCalls(rows: CallSums[]): CallSums {
  const total = emptySums();
  for (const r of rows) {
    total.calls += r.calls;
    total.success += r.success;
    total.clientErrors += r.clientErrors;
    total.serverErrors += r.serverErrors;
    total.faults += r.faults;
    total.breakdownCalls += r.breakdownCalls;
    for (const type of Object.keys(total.faultsByType) as FaultType[])
      total.faultsByType[type] += Number(r.faultsByType[type] ?? 0);
  }
  return total;
}

function callFigures(s: CallSums): CallFigures {
  return {
    calls: s.calls,
    success: s.success,
    clientErrors: s.clientErrors,
    serverErrors: s.serverErrors,
    faults: s.faults,
    faultsByType: { ...NO_FAULTS(), ...s.faultsByType },
    errorRate: errorRate(s.clientErrors + s.serverErrors + s.faults, s.breakdownCalls),
  };
}
