import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  consumerFlag,
  ConsumerFlag,
  errorRate,
  Histogram,
  mergeHistograms,
  percentilesOf,
  weightedUptime,
} from './hub-figures.calc';
import {
  ApiRow,
  ApiUsageRow,
  CallSums,
  ConsumerRow,
  FiguresScope,
  HubFiguresRepository,
  UptimeRow,
} from './hub-figures.repository';
import { HubIntegrationsRepository, HubSignalCode } from './hub-integrations.repository';
import type { FaultType } from './parsers';

export interface LatencyFigures {
  /** RAW: exact percentiles from events; AGGREGATED: the highest value any file reported. */
  precision: 'RAW' | 'AGGREGATED';
  asReported: boolean;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  samples: number | null;
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
  flag: ConsumerFlag;
}

export interface ApiFigures extends CallFigures {
  id: string;
  hubId: string;
  apiKey: string;
  name: string;
  version: string;
  context: string | null;
  provider: string | null;
  lifecycleStatus: string | null;
  publishedOnBus: boolean;
  unit: { id: string; code: string; name: string } | null;
  rule: { matchType: string; matchValue: string } | null;
  application: { id: string; name: string; link: string | null } | null;
  consumerCount: number;
  consumers: ConsumerFigures[];
  latency: LatencyFigures | null;
  fileName: string;
  importedAt: string;
}

export interface MonitorFigures {
  hubId: string;
  hubName: string;
  monitorId: string;
  monitorName: string;
  url: string | null;
  uptimePct: number | null;
  downEvents: number;
  downtimeSec: number;
  months: Array<{ month: string; uptimePct: number | null; downEvents: number; downtimeSec: number }>;
}

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
    const [apiRows, usage, histograms, consumers, months, uptime, signals] = [
      await this.repo.apis(agencyId, unitId, m),
      await this.repo.usageByApi(scope, m),
      await this.repo.histograms(scope, m),
      await this.repo.consumers(scope, m),
      await this.repo.usageByMonth(scope, m),
      await this.repo.uptime(scope, m),
      await this.integrations.signals(m ?? this.dataSource.manager, agencyId),
    ];
    const usageOf = new Map(usage.map((u) => [keyOf(u.hubId, u.apiKey), u]));
    const consumersOf = groupConsumers(consumers);
    const apis = apiRows.map((row) =>
      apiFigures(
        row,
        usageOf.get(keyOf(row.hubId, row.apiKey)),
        histograms.get(keyOf(row.hubId, row.apiKey)),
        consumersOf,
      ),
    );
    const totals = {
      ...callFigures(sumCalls(usage)),
      publishedApis: apis.filter((a) => a.publishedOnBus).length,
      registeredApis: apis.length,
      consumers: new Set(apis.flatMap((a) => a.consumers.map((c) => `${a.hubId}\u0000${c.appKey}`))).size,
      latency: latencyFigures(usage, [...histograms.values()]),
      ...(unitId ? { consumedCalls: await this.repo.consumedCalls({ ...scope, unitId }, m) } : {}),
    };
    return {
      year,
      unitId,
      totals,
      apis,
      months: months.map((row) => ({ month: row.month, ...callFigures(row) })),
      uptime: monitorFigures(uptime),
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

function apiFigures(
  row: ApiRow,
  usage: ApiUsageRow | undefined,
  histogram: Histogram | undefined,
  consumersOf: Map<string, ConsumerFigures[]>,
): ApiFigures {
  const consumers = consumersOf.get(keyOf(row.hubId, row.apiKey)) ?? [];
  return {
    id: row.id,
    hubId: row.hubId,
    apiKey: row.apiKey,
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
    consumerCount: consumers.length,
    consumers,
    ...callFigures(usage ?? emptySums()),
    latency: usage ? latencyFigures([usage], histogram ? [histogram] : []) : null,
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
      flag: consumerFlag(r.subscribed, r.called),
    });
    out.set(key, list);
  }
  return out;
}

/** Exact percentiles when RAW data exists; otherwise the highest figures the files reported. */
function latencyFigures(usage: ApiUsageRow[], histograms: Histogram[]): LatencyFigures | null {
  const exact = usage.some((u) => u.hasRaw) ? percentilesOf(mergeHistograms(histograms)) : null;
  if (exact) return { precision: 'RAW', asReported: false, ...exact };
  const max = (pick: (u: ApiUsageRow) => number | null) => {
    const values = usage.map(pick).filter((v): v is number => v !== null);
    return values.length ? Math.max(...values) : null;
  };
  const p95Ms = max((u) => u.reportedP95Ms);
  const p99Ms = max((u) => u.reportedP99Ms);
  const p50Ms = max((u) => u.reportedP50Ms);
  if (p50Ms === null && p95Ms === null && p99Ms === null) return null;
  return { precision: 'AGGREGATED', asReported: true, p50Ms, p95Ms, p99Ms, samples: null };
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

function monitorFigures(rows: UptimeRow[]): MonitorFigures[] {
  const byMonitor = new Map<string, UptimeRow[]>();
  for (const r of rows) {
    const key = `${r.hubId}\u0000${r.monitorId}`;
    byMonitor.set(key, [...(byMonitor.get(key) ?? []), r]);
  }
  return [...byMonitor.values()].map((list) => {
    const months = new Map<string, UptimeRow[]>();
    for (const r of list) months.set(r.month, [...(months.get(r.month) ?? []), r]);
    const sum = (items: UptimeRow[], pick: (r: UptimeRow) => number | null) =>
      items.reduce((total, r) => total + (pick(r) ?? 0), 0);
    return {
      hubId: list[0].hubId,
      hubName: list[0].hubName,
      monitorId: list[0].monitorId,
      monitorName: list[0].monitorName,
      url: list[0].url,
      uptimePct: weightedUptime(list),
      downEvents: sum(list, (r) => r.downEvents),
      downtimeSec: sum(list, (r) => r.downtimeSec),
      months: [...months.entries()].map(([month, items]) => ({
        month,
        uptimePct: weightedUptime(items),
        downEvents: sum(items, (r) => r.downEvents),
        downtimeSec: sum(items, (r) => r.downtimeSec),
      })),
    };
  });
}
