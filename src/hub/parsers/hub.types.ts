import type { Message } from '../../i18n/message';
/**
 * Canonical records produced by the hub import parsers (hubdata.md §6.1). Every format is mapped
 * onto these shapes, so the rest of the app never sees WSO2, apictl or UptimeRobot field names.
 */

export type ImportFormat = 'F1' | 'F2' | 'F3' | 'F4' | 'F5' | 'F6' | 'F7' | 'F8';

/** Which shape of a format a file has; the parser of a family accepts all its variants. */
export type FormatVariant =
  | 'F1-list'
  | 'F1-detail'
  | 'F1-apictl-array'
  | 'F1-apictl-ndjson'
  | 'F1-apictl-table'
  | 'F2-zip'
  | 'F2-4x-api'
  | 'F2-3x-api'
  | 'F3-openapi3'
  | 'F3-swagger2'
  | 'F4-devportal-subs'
  | 'F4-publisher-subs'
  | 'F4-application'
  | 'F4-app-list'
  | 'F4-apictl-apps'
  | 'F4-apictl-apps-table'
  | 'F5-log'
  | 'F5-ndjson'
  | 'F5-json'
  | 'F5-es-search'
  | 'F5-csv'
  | 'F6-csv'
  | 'F7-uptimerobot-v2'
  | 'F7-uptimerobot-v3'
  | 'F7-csv'
  | 'F8-units'
  | 'F8-hubs';

export interface DetectedFormat {
  family: ImportFormat;
  variant: FormatVariant;
  /** Why this format was chosen, shown to the user next to the override control. */
  reason: string;
}

/** `sourceId ?? tenantDomain|name|version` */
export type ApiKey = string;
/** `sourceId ?? owner|name` */
export type AppKey = string;

export interface HubApi {
  hubId: string;
  sourceId?: string;
  name: string;
  version: string;
  context?: string;
  provider?: string;
  tenantDomain: string;
  lifecycleStatus?: string;
  /** lifecycle in {PUBLISHED, DEPRECATED} (and PROTOTYPED when the import asks for it). */
  publishedOnBus: boolean;
  type?: string;
  tags: string[];
  businessOwner?: string;
  technicalOwner?: string;
  props: Record<string, string>;
  productionUrl?: string;
  sandboxUrl?: string;
  operationCount?: number;
  deployedEnvs?: string[];
  /** Best-effort UTC: WSO2 writes local server time without an offset. */
  createdAt?: Date;
  updatedAt?: Date;
  /** The time exactly as written in the file, kept because its time zone is unknown. */
  createdAtText?: string;
  updatedAtText?: string;
  source: FormatVariant;
}

export interface HubApplication {
  hubId: string;
  key: AppKey;
  sourceId?: string;
  name: string;
  owner?: string;
  status?: string;
}

export interface HubSubscription {
  hubId: string;
  apiKey: ApiKey;
  appKey: AppKey;
  status?: string;
  tier?: string;
  /** UNBLOCKED, or no status at all (application exports list live subscriptions only). */
  active: boolean;
}

export type FaultType = 'AUTH' | 'THROTTLED' | 'TARGET_CONNECTIVITY' | 'OTHER';
export const FAULT_TYPES: readonly FaultType[] = ['AUTH', 'THROTTLED', 'TARGET_CONNECTIVITY', 'OTHER'];

export interface LatencySummary {
  /** Number of responses the figures below are computed from. */
  count?: number;
  avgMs?: number;
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  maxMs?: number;
  backendAvgMs?: number;
  requestMediationAvgMs?: number;
  responseMediationAvgMs?: number;
  /** Nearest-rank percentiles of the backend and request-mediation latencies (RAW only). */
  backendP50Ms?: number;
  backendP95Ms?: number;
  backendP99Ms?: number;
  requestMediationP50Ms?: number;
  requestMediationP95Ms?: number;
  requestMediationP99Ms?: number;
}

/** Exact [ms, count] histograms of the other two latencies WSO2's dashboards show. */
export interface ExtraHistograms {
  backend?: Array<[number, number]>;
  requestMediation?: Array<[number, number]>;
}

export interface UsageBucket {
  hubId: string;
  periodStart: Date;
  periodEnd: Date;
  apiKey: ApiKey;
  apiName?: string;
  apiVersion?: string;
  apiContext?: string;
  apiProvider?: string;
  tenantDomain?: string;
  appKey?: AppKey;
  applicationName?: string;
  applicationOwner?: string;
  keyType?: string;
  totalCalls: number;
  /** Always set for RAW buckets; aggregated sources may give only the total. */
  successCalls?: number;
  clientErrorCalls?: number;
  serverErrorCalls?: number;
  faultCalls?: number;
  faultsByType?: Partial<Record<FaultType, number>>;
  /** Calls by the status code the gateway answered with (faults included), RAW only. */
  statusCodes?: Record<string, number>;
  /**
   * Calls by OS family and by browser family (RAW only; at most 20 names and OTHER each): the
   * only trace of who called that is kept, no user, IP or user agent header (issue 22, point 6).
   */
  platforms?: Record<string, number>;
  userAgents?: Record<string, number>;
  latency?: LatencySummary;
  /**
   * Exact response-latency histogram as ascending [ms, count] pairs, only when the import asks
   * for it: percentiles cannot be merged across buckets, but histograms can.
   */
  latencyHistogram?: Array<[number, number]>;
  extraHistograms?: ExtraHistograms;
  /** RAW: computed here from events. AGGREGATED: figures "as reported" by the file. */
  precision: 'RAW' | 'AGGREGATED';
  source: FormatVariant;
  /** What the agency said the aggregated figures came from (F6 `source` column). */
  reportedSource?: string;
}

export interface UptimeIncident {
  start: Date;
  durationSec: number;
  reason?: string;
}

export interface UptimeBucket {
  hubId: string;
  monitorId: string;
  monitorName: string;
  url?: string;
  periodStart: Date;
  periodEnd: Date;
  uptimePct: number;
  avgResponseMs?: number;
  downEvents?: number;
  downtimeSec?: number;
  incidents?: UptimeIncident[];
  source: FormatVariant;
}

export const MONITOR_STATUSES = ['UP', 'DOWN', 'PAUSED', 'UNKNOWN'] as const;
export type MonitorStatus = (typeof MONITOR_STATUSES)[number];

/**
 * What a monitor said about its SPL when the export was taken: the current status and since
 * when, the latest downtime, and the certificate and domain expiry when the export carries them.
 */
export interface MonitorState {
  hubId: string;
  monitorId: string;
  monitorName: string;
  url?: string;
  status: MonitorStatus;
  statusSince?: Date;
  lastDowntime?: UptimeIncident;
  avgResponseMs?: number;
  sslExpiresAt?: Date;
  sslIssuer?: string;
  domainExpiresAt?: Date;
  /** When the export was taken, as far as the file tells (else the latest time in it). */
  observedAt?: Date;
  source: FormatVariant;
}

export const MATCH_TYPES = [
  'provider',
  'app_owner',
  'tag',
  'context_prefix',
  'additional_property',
  'business_owner',
  'api_id',
] as const;
export type MatchType = (typeof MATCH_TYPES)[number];

/** One F8 row: a work unit, and optionally one rule that maps hub data to it. */
export interface MappingRule {
  workUnitCode: string;
  workUnitName: string;
  matchType?: MatchType;
  matchValue?: string;
}

export const HUB_LEVELS = ['NASIONAL', 'INSTANSI', 'DAERAH'] as const;
export const HUB_PLATFORMS = ['WSO2_APIM_4', 'WSO2_APIM_3', 'MANTRA', 'OTHER'] as const;

/** One F8 hub row; a hub with several gateways has one row per gateway URL. */
export interface HubInstanceRow {
  hubId: string;
  hubName: string;
  level: (typeof HUB_LEVELS)[number];
  platform: (typeof HUB_PLATFORMS)[number];
  gatewayBaseUrl?: string;
  tenantDomain?: string;
  parentHubId?: string;
}

export type HubRecord =
  | { kind: 'api'; value: HubApi }
  | { kind: 'application'; value: HubApplication }
  | { kind: 'subscription'; value: HubSubscription }
  | { kind: 'usage'; value: UsageBucket }
  | { kind: 'uptime'; value: UptimeBucket }
  | { kind: 'monitor'; value: MonitorState }
  | { kind: 'mapping'; value: MappingRule }
  | { kind: 'hub'; value: HubInstanceRow };

/** Where a bad row is: a line for text formats, an archive entry and/or a JSON path otherwise. */
export interface RowProblem {
  line?: number;
  entry?: string;
  path?: string;
  /**
   * What is wrong, as a catalogue message rendered in the reader's language when shown; plain
   * text only in rows stored before reasons were messages.
   */
  reason: Message | string;
}
