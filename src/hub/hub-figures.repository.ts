import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Histogram } from './hub-figures.calc';
import type { FaultType } from './parsers';

/** Which usage counts: one agency, one year, production keys, optionally the APIs of one unit. */
export interface FiguresScope {
  agencyId: string;
  from: Date;
  to: Date;
  unitId: string | null;
}

export interface CallSums {
  calls: number;
  success: number;
  clientErrors: number;
  serverErrors: number;
  faults: number;
  breakdownCalls: number;
  faultsByType: Record<FaultType, number>;
}

export interface ApiUsageRow extends CallSums {
  hubId: string;
  apiKey: string;
  hasRaw: boolean;
  /** Some bucket in scope counted calls by device (raw events imported since devices are kept). */
  hasDevices: boolean;
  reportedAvgMs: number | null;
  reportedP50Ms: number | null;
  reportedP95Ms: number | null;
  reportedP99Ms: number | null;
}

export interface MonthRow extends CallSums {
  month: string;
}

export interface ApiRow {
  id: string;
  hubId: string;
  apiKey: string;
  sourceId: string | null;
  name: string;
  version: string;
  context: string | null;
  provider: string | null;
  tenantDomain: string;
  lifecycleStatus: string | null;
  publishedOnBus: boolean;
  unitId: string | null;
  unitCode: string | null;
  unitName: string | null;
  ruleType: string | null;
  ruleValue: string | null;
  applicationId: string | null;
  applicationName: string | null;
  applicationLink: string | null;
  fileName: string;
  importedAt: Date;
}

export interface ConsumerRow {
  hubId: string;
  apiKey: string;
  appKey: string;
  subscribed: boolean;
  /** Called with production keys; sandbox calls alone never make a production consumer. */
  called: boolean;
  calledSandbox: boolean;
  name: string | null;
  owner: string | null;
  unitCode: string | null;
}

export type DeviceKind = 'platform' | 'userAgent';

export interface DeviceCountRow {
  hubId: string;
  apiKey: string;
  kind: DeviceKind;
  name: string;
  n: number;
}

export type LatencyKind = 'response' | 'backend' | 'requestMediation';
const HISTOGRAM_COLUMN: Record<LatencyKind, string> = {
  response: 'scoped.latency_histogram',
  backend: "scoped.extra_histograms->'backend'",
  requestMediation: "scoped.extra_histograms->'requestMediation'",
};

export interface TopRow {
  hubId: string | null;
  key: string;
  name: string | null;
  owner: string | null;
  unitCode: string | null;
  calls: number;
}

export interface RecentUptimeRow {
  hubId: string;
  monitorId: string;
  periodStart: Date;
  periodEnd: Date;
  uptimePct: number;
  avgResponseMs: number | null;
  incidents: Array<{ start: string; durationSec: number; reason?: string }> | null;
}

export interface MonitorStateRow {
  hubId: string;
  monitorId: string;
  monitorName: string;
  url: string | null;
  status: string;
  statusSince: Date | null;
  lastDownStart: Date | null;
  lastDownSec: number | null;
  lastDownReason: string | null;
  avgResponseMs: number | null;
  sslExpiresAt: Date | null;
  sslIssuer: string | null;
  domainExpiresAt: Date | null;
  observedAt: Date | null;
}

export interface UptimeRow {
  hubId: string;
  hubName: string;
  monitorId: string;
  monitorName: string;
  url: string | null;
  month: string;
  uptimePct: number;
  seconds: number;
  downEvents: number | null;
  downtimeSec: number | null;
}

/**
 * Usage the figures count: production keys (hubdata.md: the default report), and per API and
 * month RAW buckets when there are any, else the AGGREGATED ones, so a month imported both from
 * raw events and from a monthly CSV is not counted twice.
 */
const scopedUsage = (byProviderUnit = true) => `
WITH usage AS (
  SELECT u.*, bool_or(u.precision = 'RAW') OVER (
           PARTITION BY u.hub_id, u.api_key, date_trunc('month', u.period_start AT TIME ZONE 'UTC')) AS month_has_raw
    FROM hub_usage u
   WHERE u.agency_id = $1 AND u.period_start >= $2 AND u.period_start < $3
     AND (u.key_type IS NULL OR upper(u.key_type) = 'PRODUCTION')),
scoped AS (
  SELECT usage.* FROM usage
    JOIN hub_api a ON a.agency_id = usage.agency_id AND a.hub_id = usage.hub_id AND a.api_key = usage.api_key
   WHERE (usage.precision = 'RAW' OR NOT usage.month_has_raw)
     ${byProviderUnit ? 'AND ($4::uuid IS NULL OR a.unit_id = $4::uuid)' : ''})`;
const SCOPED_USAGE = scopedUsage();

const SUMS = `sum(total_calls)::float8 AS calls, coalesce(sum(success_calls), 0)::float8 AS success,
  coalesce(sum(client_error_calls), 0)::float8 AS "clientErrors",
  coalesce(sum(server_error_calls), 0)::float8 AS "serverErrors", coalesce(sum(fault_calls), 0)::float8 AS faults,
  coalesce(sum(total_calls) FILTER (
    WHERE coalesce(success_calls, client_error_calls, server_error_calls, fault_calls) IS NOT NULL), 0)::float8
    AS "breakdownCalls",
  jsonb_build_object(
    'AUTH', coalesce(sum((faults_by_type->>'AUTH')::bigint), 0),
    'THROTTLED', coalesce(sum((faults_by_type->>'THROTTLED')::bigint), 0),
    'TARGET_CONNECTIVITY', coalesce(sum((faults_by_type->>'TARGET_CONNECTIVITY')::bigint), 0),
    'OTHER', coalesce(sum((faults_by_type->>'OTHER')::bigint), 0)) AS "faultsByType"`;

const reported = (p: string) =>
  `max((latency->>'${p}')::float8) FILTER (WHERE precision = 'AGGREGATED') AS "reported${p[0].toUpperCase()}${p.slice(1)}"`;

/** The reads behind the hub figures: a handful of set-based statements per request. */
@Injectable()
export class HubFiguresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private params(s: FiguresScope) {
    return [s.agencyId, s.from, s.to, s.unitId];
  }

  usageByApi(s: FiguresScope, m?: EntityManager): Promise<ApiUsageRow[]> {
    return (m ?? this.dataSource.manager).query(
      `${SCOPED_USAGE}
       SELECT hub_id AS "hubId", api_key AS "apiKey", ${SUMS}, bool_or(precision = 'RAW') AS "hasRaw",
              bool_or(platforms IS NOT NULL) AS "hasDevices",
              sum((latency->>'avgMs')::float8 * total_calls) FILTER (WHERE precision = 'AGGREGATED')
                / nullif(sum(total_calls) FILTER (WHERE precision = 'AGGREGATED' AND latency ? 'avgMs'), 0)
                AS "reportedAvgMs",
              ${reported('p50Ms')}, ${reported('p95Ms')}, ${reported('p99Ms')}
         FROM scoped GROUP BY hub_id, api_key`,
      this.params(s),
    );
  }

  usageByMonth(s: FiguresScope, m?: EntityManager): Promise<MonthRow[]> {
    return (m ?? this.dataSource.manager).query(
      `${SCOPED_USAGE}
       SELECT to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM') AS month, ${SUMS}
         FROM scoped GROUP BY 1 ORDER BY 1`,
      this.params(s),
    );
  }

  /** The merged RAW histogram of one latency (response, backend, request mediation) of each API in scope. */
  async histograms(
    s: FiguresScope,
    m?: EntityManager,
    latency: LatencyKind = 'response',
  ): Promise<Map<string, Histogram>> {
    const column = HISTOGRAM_COLUMN[latency];
    const rows: { hubId: string; apiKey: string; ms: number; n: number }[] = await (
      m ?? this.dataSource.manager
    ).query(
      `${SCOPED_USAGE}
       SELECT hub_id AS "hubId", api_key AS "apiKey", (h->>0)::float8 AS ms, sum((h->>1)::bigint)::float8 AS n
         FROM scoped, jsonb_array_elements(${column}) h
        WHERE scoped.precision = 'RAW' AND jsonb_typeof(${column}) = 'array'
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      this.params(s),
    );
    const out = new Map<string, Histogram>();
    for (const r of rows) {
      const key = `${r.hubId}\u0000${r.apiKey}`;
      const list = out.get(key) ?? [];
      list.push([r.ms, r.n]);
      out.set(key, list);
    }
    return out;
  }

  /** Calls by the gateway's status code, per API (RAW buckets; aggregated files carry no codes). */
  statusCodes(
    s: FiguresScope,
    m?: EntityManager,
  ): Promise<Array<{ hubId: string; apiKey: string; code: string; n: number }>> {
    return (m ?? this.dataSource.manager).query(
      `${SCOPED_USAGE}
       SELECT hub_id AS "hubId", api_key AS "apiKey", c.key AS code, sum(c.value::bigint)::float8 AS n
         FROM scoped, jsonb_each_text(scoped.status_codes) c
        WHERE jsonb_typeof(scoped.status_codes) = 'object'
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      this.params(s),
    );
  }

  /** Calls by OS family (`platform`) and by browser family (`userAgent`), per API (RAW buckets only). */
  deviceCounts(s: FiguresScope, m?: EntityManager): Promise<DeviceCountRow[]> {
    const counts = (kind: DeviceKind, column: string) => `
       SELECT hub_id AS "hubId", api_key AS "apiKey", '${kind}' AS kind, d.key AS name,
              sum(d.value::bigint)::float8 AS n
         FROM scoped, jsonb_each_text(scoped.${column}) d
        WHERE jsonb_typeof(scoped.${column}) = 'object'
        GROUP BY 1, 2, 4`;
    return (m ?? this.dataSource.manager).query(
      `${SCOPED_USAGE} ${counts('platform', 'platforms')} UNION ALL ${counts('userAgent', 'user_agents')}`,
      this.params(s),
    );
  }

  /** Sandbox calls per API: shown apart, never counted as production traffic or consumers. */
  sandboxCalls(
    s: FiguresScope,
    m?: EntityManager,
  ): Promise<Array<{ hubId: string; apiKey: string; calls: number }>> {
    return (m ?? this.dataSource.manager).query(
      `SELECT u.hub_id AS "hubId", u.api_key AS "apiKey", sum(u.total_calls)::float8 AS calls
         FROM hub_usage u
         JOIN hub_api a ON a.agency_id = u.agency_id AND a.hub_id = u.hub_id AND a.api_key = u.api_key
        WHERE u.agency_id = $1 AND u.period_start >= $2 AND u.period_start < $3 AND upper(u.key_type) = 'SANDBOX'
          AND ($4::uuid IS NULL OR a.unit_id = $4::uuid)
        GROUP BY 1, 2`,
      this.params(s),
    );
  }

  /** The applications with the most production calls to the APIs in scope. */
  topConsumers(s: FiguresScope, limit: number, m?: EntityManager): Promise<TopRow[]> {
    return (m ?? this.dataSource.manager).query(
      `${SCOPED_USAGE}
       SELECT scoped.hub_id AS "hubId", scoped.app_key AS key, coalesce(max(hp.name), max(scoped.app_name)) AS name,
              coalesce(max(hp.owner), max(scoped.app_owner)) AS owner, max(un.code) AS "unitCode",
              sum(scoped.total_calls)::float8 AS calls
         FROM scoped
         LEFT JOIN hub_application hp ON hp.agency_id = scoped.agency_id AND hp.hub_id = scoped.hub_id
                                     AND hp.app_key = scoped.app_key
         LEFT JOIN unit un ON un.id = hp.unit_id
        WHERE scoped.app_key IS NOT NULL
        GROUP BY 1, 2 ORDER BY calls DESC, name LIMIT $5`,
      [...this.params(s), limit],
    );
  }

  /** The providers (the unit an API is attributed to, else its WSO2 provider) with the most calls. */
  topProviders(s: FiguresScope, limit: number, m?: EntityManager): Promise<TopRow[]> {
    return (m ?? this.dataSource.manager).query(
      `${SCOPED_USAGE}
       SELECT coalesce(un.code, a.provider, '') AS key, coalesce(un.name, a.provider) AS name, NULL AS owner,
              un.code AS "unitCode", sum(scoped.total_calls)::float8 AS calls, NULL AS "hubId"
         FROM scoped
         JOIN hub_api a ON a.agency_id = scoped.agency_id AND a.hub_id = scoped.hub_id AND a.api_key = scoped.api_key
         LEFT JOIN unit un ON un.id = a.unit_id
        GROUP BY 1, 2, 4 ORDER BY calls DESC, name LIMIT $5`,
      [...this.params(s), limit],
    );
  }

  /** Each monitor's periods in the 30 days before its latest period end (for 24 h, 7 d, 30 d). */
  recentUptime(agencyId: string, m?: EntityManager): Promise<RecentUptimeRow[]> {
    return (m ?? this.dataSource.manager).query(
      `WITH latest AS (
         SELECT hub_id, monitor_id, max(period_end) AS last_end FROM hub_uptime WHERE agency_id = $1 GROUP BY 1, 2)
       SELECT t.hub_id AS "hubId", t.monitor_id AS "monitorId", t.period_start AS "periodStart",
              t.period_end AS "periodEnd", t.uptime_pct::float8 AS "uptimePct",
              t.avg_response_ms::float8 AS "avgResponseMs", t.incidents
         FROM hub_uptime t
         JOIN latest l ON l.hub_id = t.hub_id AND l.monitor_id = t.monitor_id
        WHERE t.agency_id = $1 AND t.period_end > l.last_end - interval '30 days'
        ORDER BY 1, 2, 3`,
      [agencyId],
    );
  }

  monitorStates(agencyId: string, m?: EntityManager): Promise<MonitorStateRow[]> {
    return (m ?? this.dataSource.manager).query(
      `SELECT s.hub_id AS "hubId", s.monitor_id AS "monitorId", s.monitor_name AS "monitorName", s.url, s.status,
              s.status_since AS "statusSince", s.last_down_start AS "lastDownStart",
              s.last_down_sec::float8 AS "lastDownSec", s.last_down_reason AS "lastDownReason",
              s.avg_response_ms::float8 AS "avgResponseMs", s.ssl_expires_at AS "sslExpiresAt",
              s.ssl_issuer AS "sslIssuer", s.domain_expires_at AS "domainExpiresAt", s.observed_at AS "observedAt"
         FROM hub_monitor_state s WHERE s.agency_id = $1 ORDER BY s.hub_id, s.monitor_name`,
      [agencyId],
    );
  }

  /** Calls made by the applications of one unit (the consumer view), whoever provides the API. */
  async consumedCalls(s: FiguresScope & { unitId: string }, m?: EntityManager): Promise<number> {
    const rows: { calls: number | null }[] = await (m ?? this.dataSource.manager).query(
      `${scopedUsage(false)}
       SELECT sum(scoped.total_calls)::float8 AS calls FROM scoped
         JOIN hub_application hp ON hp.agency_id = scoped.agency_id AND hp.hub_id = scoped.hub_id
                                AND hp.app_key = scoped.app_key
        WHERE hp.unit_id = $4::uuid`,
      this.params(s),
    );
    return rows[0]?.calls ?? 0;
  }

  apis(agencyId: string, unitId: string | null, m?: EntityManager): Promise<ApiRow[]> {
    return (m ?? this.dataSource.manager).query(
      `SELECT a.id, a.hub_id AS "hubId", a.api_key AS "apiKey", a.source_id AS "sourceId", a.name, a.version, a.context, a.provider,
              a.tenant_domain AS "tenantDomain", a.lifecycle_status AS "lifecycleStatus",
              a.published_on_bus AS "publishedOnBus", a.unit_id AS "unitId", u.code AS "unitCode",
              u.name AS "unitName", r.match_type AS "ruleType", r.match_value AS "ruleValue",
              a.application_id AS "applicationId", app.name AS "applicationName",
              a.application_link AS "applicationLink", i.file_name AS "fileName", i.imported_at AS "importedAt"
         FROM hub_api a
         JOIN hub_import i ON i.id = a.import_id
         LEFT JOIN unit u ON u.id = a.unit_id
         LEFT JOIN hub_mapping_rule r ON r.id = a.unit_rule_id
         LEFT JOIN application app ON app.id = a.application_id
        WHERE a.agency_id = $1 AND ($2::uuid IS NULL OR a.unit_id = $2::uuid)
        ORDER BY u.code NULLS LAST, a.name, a.version, a.hub_id`,
      [agencyId, unitId],
    );
  }

  /** Active subscriptions and applications seen calling in the year, per API. */
  consumers(s: FiguresScope, m?: EntityManager): Promise<ConsumerRow[]> {
    return (m ?? this.dataSource.manager).query(
      `WITH links AS (
         SELECT s.hub_id, s.api_key, s.app_key, true AS subscribed, false AS called, false AS sandbox
           FROM hub_subscription s WHERE s.agency_id = $1 AND s.active
         UNION ALL
         SELECT u.hub_id, u.api_key, u.app_key, false, u.key_type IS NULL OR upper(u.key_type) = 'PRODUCTION',
                upper(u.key_type) = 'SANDBOX'
           FROM hub_usage u
          WHERE u.agency_id = $1 AND u.app_key IS NOT NULL AND u.total_calls > 0
            AND u.period_start >= $2 AND u.period_start < $3)
       SELECT l.hub_id AS "hubId", l.api_key AS "apiKey", l.app_key AS "appKey", bool_or(l.subscribed) AS subscribed,
              bool_or(l.called) AS called, coalesce(bool_or(l.sandbox), false) AS "calledSandbox",
              max(hp.name) AS name, max(hp.owner) AS owner, max(un.code) AS "unitCode"
         FROM links l
         LEFT JOIN hub_application hp ON hp.agency_id = $1 AND hp.hub_id = l.hub_id AND hp.app_key = l.app_key
         LEFT JOIN unit un ON un.id = hp.unit_id
        GROUP BY 1, 2, 3 HAVING bool_or(l.subscribed) OR bool_or(l.called) OR coalesce(bool_or(l.sandbox), false)
        ORDER BY 1, 2, 7 NULLS LAST, 3`,
      [s.agencyId, s.from, s.to],
    );
  }

  uptime(s: FiguresScope, m?: EntityManager): Promise<UptimeRow[]> {
    return (m ?? this.dataSource.manager).query(
      `SELECT t.hub_id AS "hubId", coalesce(h.name, t.hub_id) AS "hubName", t.monitor_id AS "monitorId",
              t.monitor_name AS "monitorName", t.url, to_char(t.period_start AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
              t.uptime_pct::float8 AS "uptimePct", extract(epoch FROM t.period_end - t.period_start)::float8 AS seconds,
              t.down_events AS "downEvents", t.downtime_sec::float8 AS "downtimeSec"
         FROM hub_uptime t
         LEFT JOIN hub_instance h ON h.agency_id = t.agency_id AND h.hub_id = t.hub_id
        WHERE t.agency_id = $1 AND t.period_start >= $2 AND t.period_start < $3
        ORDER BY t.hub_id, t.monitor_name, t.period_start`,
      [s.agencyId, s.from, s.to],
    );
  }
}
