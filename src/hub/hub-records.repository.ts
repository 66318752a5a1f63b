import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type {
  HubApi,
  HubApplication,
  HubInstanceRow,
  HubSubscription,
  MonitorState,
  UptimeBucket,
  UsageBucket,
} from './parsers';

/** Where the rows of one batch come from: the agency and the import being written. */
export interface BatchContext {
  agencyId: string;
  importId: string;
}

/** An API to write under its key: described APIs use apiKeyOf, stubs the key their usage named. */
export type KeyedApi = HubApi & { key: string };

/**
 * Attribution of hub data to units (resolveApis, resolveApplications), set-based: one statement re-resolves every API (or every
 * application) of an agency, whatever its size. Rules are tried in the documented order
 * (hubdata.md §6.4): api_id, additional_property, business_owner, tag, provider (tenant
 * stripped), context_prefix; the longest context prefix wins among several.
 */

/** `/t/<tenant>` is how WSO2 prefixes tenant contexts; rules are written without it. */
const API_CONTEXT = `lower(regexp_replace(coalesce(a.context, ''), '^/t/[^/]+', ''))`;
const RULE_PREFIX = `lower(CASE WHEN left(r.match_value, 1) = '/' THEN '' ELSE '/' END || rtrim(btrim(r.match_value), '/'))`;
const userPart = (column: string) => `lower(btrim(split_part(${column}, '@', 1)))`;

const API_MATCH = `CASE r.match_type
  WHEN 'api_id' THEN lower(btrim(r.match_value)) IN (lower(a.api_key), lower(coalesce(a.source_id, '')))
  WHEN 'additional_property' THEN EXISTS (SELECT 1 FROM jsonb_each_text(a.props) p WHERE
    CASE WHEN strpos(r.match_value, '=') > 0
      THEN lower(p.key) = lower(btrim(split_part(r.match_value, '=', 1)))
       AND lower(btrim(p.value)) = lower(btrim(substr(r.match_value, strpos(r.match_value, '=') + 1)))
      ELSE lower(btrim(p.value)) = lower(btrim(r.match_value)) END)
  WHEN 'business_owner' THEN lower(btrim(a.business_owner)) = lower(btrim(r.match_value))
  WHEN 'tag' THEN EXISTS (SELECT 1 FROM unnest(a.tags) t WHERE lower(btrim(t)) = lower(btrim(r.match_value)))
  WHEN 'provider' THEN ${userPart('a.provider')} = ${userPart('r.match_value')}
  WHEN 'context_prefix' THEN ${API_CONTEXT} = ${RULE_PREFIX} OR left(${API_CONTEXT}, length(${RULE_PREFIX}) + 1) = ${RULE_PREFIX} || '/'
  ELSE false END`;

const API_RANK = `CASE r.match_type WHEN 'api_id' THEN 1 WHEN 'additional_property' THEN 2
  WHEN 'business_owner' THEN 3 WHEN 'tag' THEN 4 WHEN 'provider' THEN 5 ELSE 6 END`;

/** Applications belong to the unit of their owner: app_owner rules first, then provider rules. */
const APP_MATCH = `r.match_type IN ('app_owner', 'provider') AND ${userPart('h.owner')} = ${userPart('r.match_value')}`;
const APP_RANK = `CASE r.match_type WHEN 'app_owner' THEN 1 ELSE 2 END`;

/** Names compared without case, spaces or punctuation: "Layanan Kependudukan" = "LayananKependudukan". */
const normalName = (column: string) => `regexp_replace(lower(${column}), '[^a-z0-9]', '', 'g')`;

/**
 * The hub's records and their one writer. Imports write them in batches: each batch is one
 * statement that reads a JSON array (`jsonb_to_recordset`) and upserts on the natural key, so a
 * file of any size costs rows / batch size statements. Callers dedupe a batch by key first:
 * PostgreSQL refuses to update one row twice in a statement. After every change of hub data,
 * attribution sets the units of APIs and applications and their links to our applications.
 */
@Injectable()
export class HubRecordsRepository {
  /** Full descriptions replace what an earlier import said; usage-only stubs never overwrite. */
  async upsertApis(m: EntityManager, at: BatchContext, apis: KeyedApi[], stubsOnly = false): Promise<void> {
    if (!apis.length) return;
    const rows = apis.map((a) => ({
      hub_id: a.hubId,
      api_key: a.key,
      source_id: a.sourceId ?? null,
      name: a.name,
      version: a.version,
      context: a.context ?? null,
      provider: a.provider ?? null,
      tenant_domain: a.tenantDomain,
      lifecycle_status: a.lifecycleStatus ?? null,
      published_on_bus: a.publishedOnBus,
      api_type: a.type ?? null,
      tags: a.tags,
      business_owner: a.businessOwner ?? null,
      technical_owner: a.technicalOwner ?? null,
      props: a.props,
      production_url: a.productionUrl ?? null,
      sandbox_url: a.sandboxUrl ?? null,
      operation_count: a.operationCount ?? null,
      deployed_envs: a.deployedEnvs ?? null,
      source_created_at: a.createdAt ?? null,
      source_created_text: a.createdAtText ?? null,
      source_updated_at: a.updatedAt ?? null,
      source_updated_text: a.updatedAtText ?? null,
      variant: stubsOnly ? 'usage' : a.source,
    }));
    const update = stubsOnly
      ? 'DO NOTHING'
      : `DO UPDATE SET source_id = EXCLUDED.source_id, name = EXCLUDED.name, version = EXCLUDED.version,
           context = EXCLUDED.context, provider = EXCLUDED.provider, tenant_domain = EXCLUDED.tenant_domain,
           lifecycle_status = EXCLUDED.lifecycle_status, published_on_bus = EXCLUDED.published_on_bus,
           api_type = EXCLUDED.api_type, tags = EXCLUDED.tags, business_owner = EXCLUDED.business_owner,
           technical_owner = EXCLUDED.technical_owner, props = EXCLUDED.props,
           production_url = EXCLUDED.production_url, sandbox_url = EXCLUDED.sandbox_url,
           operation_count = EXCLUDED.operation_count, deployed_envs = EXCLUDED.deployed_envs,
           source_created_at = EXCLUDED.source_created_at, source_created_text = EXCLUDED.source_created_text,
           source_updated_at = EXCLUDED.source_updated_at, source_updated_text = EXCLUDED.source_updated_text,
           variant = EXCLUDED.variant, import_id = EXCLUDED.import_id, updated_at = now()`;
    await m.query(
      `INSERT INTO hub_api (agency_id, import_id, hub_id, api_key, source_id, name, version, context, provider,
         tenant_domain, lifecycle_status, published_on_bus, api_type, tags, business_owner, technical_owner, props,
         production_url, sandbox_url, operation_count, deployed_envs, source_created_at, source_created_text,
         source_updated_at, source_updated_text, variant)
       SELECT $1, $2, x.* FROM jsonb_to_recordset($3::jsonb) AS x(hub_id text, api_key text, source_id text,
         name text, version text, context text, provider text, tenant_domain text, lifecycle_status text,
         published_on_bus boolean, api_type text, tags text[], business_owner text, technical_owner text, props jsonb,
         production_url text, sandbox_url text, operation_count int, deployed_envs text[],
         source_created_at timestamptz, source_created_text text, source_updated_at timestamptz,
         source_updated_text text, variant text)
       ON CONFLICT (agency_id, hub_id, api_key) ${update}`,
      [at.agencyId, at.importId, JSON.stringify(rows)],
    );
  }

  /** Stored APIs named by their WSO2 id or `tenant|name|version`: alias id -> their key. */
  async apiKeysByAlias(
    m: EntityManager,
    agencyId: string,
    wanted: Array<{ hubId: string; alias: string }>,
  ): Promise<Map<string, string>> {
    if (!wanted.length) return new Map();
    const rows: { hubId: string; alias: string; key: string }[] = await m.query(
      `SELECT DISTINCT ON (w.hub_id, w.alias) w.hub_id AS "hubId", w.alias, a.api_key AS key
         FROM jsonb_to_recordset($2::jsonb) AS w(hub_id text, alias text)
         JOIN hub_api a ON a.agency_id = $1 AND a.hub_id = w.hub_id AND a.api_key <> w.alias
          AND (a.source_id = w.alias OR a.tenant_domain || '|' || a.name || '|' || a.version = w.alias)
        ORDER BY w.hub_id, w.alias, a.updated_at DESC`,
      [agencyId, JSON.stringify(wanted.map((w) => ({ hub_id: w.hubId, alias: w.alias })))],
    );
    return new Map(rows.map((r) => [`${r.hubId}\u0000${r.alias}`, r.key]));
  }

  async upsertApplications(
    m: EntityManager,
    at: BatchContext,
    apps: HubApplication[],
    stubsOnly = false,
  ): Promise<void> {
    if (!apps.length) return;
    const rows = apps.map((a) => ({
      hub_id: a.hubId,
      app_key: a.key,
      source_id: a.sourceId ?? null,
      name: a.name,
      owner: a.owner ?? null,
      status: a.status ?? null,
    }));
    const update = stubsOnly
      ? 'DO NOTHING'
      : `DO UPDATE SET source_id = EXCLUDED.source_id, name = EXCLUDED.name, owner = EXCLUDED.owner,
           status = EXCLUDED.status, import_id = EXCLUDED.import_id, updated_at = now()`;
    await m.query(
      `INSERT INTO hub_application (agency_id, import_id, hub_id, app_key, source_id, name, owner, status)
       SELECT $1, $2, x.* FROM jsonb_to_recordset($3::jsonb)
         AS x(hub_id text, app_key text, source_id text, name text, owner text, status text)
       ON CONFLICT (agency_id, hub_id, app_key) ${update}`,
      [at.agencyId, at.importId, JSON.stringify(rows)],
    );
  }

  async upsertSubscriptions(m: EntityManager, at: BatchContext, subs: HubSubscription[]): Promise<void> {
    if (!subs.length) return;
    const rows = subs.map((s) => ({
      hub_id: s.hubId,
      api_key: s.apiKey,
      app_key: s.appKey,
      status: s.status ?? null,
      tier: s.tier ?? null,
      active: s.active,
    }));
    await m.query(
      `INSERT INTO hub_subscription (agency_id, import_id, hub_id, api_key, app_key, status, tier, active)
       SELECT $1, $2, x.* FROM jsonb_to_recordset($3::jsonb)
         AS x(hub_id text, api_key text, app_key text, status text, tier text, active boolean)
       ON CONFLICT (agency_id, hub_id, api_key, app_key) DO UPDATE SET status = EXCLUDED.status,
         tier = EXCLUDED.tier, active = EXCLUDED.active, import_id = EXCLUDED.import_id, updated_at = now()`,
      [at.agencyId, at.importId, JSON.stringify(rows)],
    );
  }

  /**
   * The buckets this import already wrote under the keys of `buckets`: a key met again in a
   * later batch of the same import adds to them (see HubRecordWriter), while another import's
   * bucket under that key is replaced.
   */
  async usageOfImport(m: EntityManager, at: BatchContext, buckets: UsageBucket[]): Promise<UsageBucket[]> {
    if (!buckets.length) return [];
    const keys = buckets.map((b) => ({
      hub_id: b.hubId,
      api_key: b.apiKey,
      app_key: b.appKey ?? '',
      key_type: b.keyType ?? '',
      period_start: b.periodStart,
      period_end: b.periodEnd,
    }));
    const rows: UsageRow[] = await m.query(
      `SELECT u.hub_id, u.period_start, u.period_end, u.api_key, u.app_key, u.key_type, u.api_name, u.api_version,
              u.app_name, u.app_owner, u.total_calls::float8 AS total_calls, u.success_calls::float8 AS success_calls,
              u.client_error_calls::float8 AS client_error_calls, u.server_error_calls::float8 AS server_error_calls,
              u.fault_calls::float8 AS fault_calls, u.faults_by_type, u.status_codes, u.platforms, u.user_agents,
              u.extra_histograms, u.latency, u.latency_histogram, u.precision, u.reported_source
         FROM hub_usage u
         JOIN jsonb_to_recordset($3::jsonb) AS x(hub_id text, api_key text, app_key text, key_type text,
              period_start timestamptz, period_end timestamptz)
           ON u.hub_id = x.hub_id AND u.api_key = x.api_key AND coalesce(u.app_key, '') = x.app_key
          AND coalesce(u.key_type, '') = x.key_type AND u.period_start = x.period_start AND u.period_end = x.period_end
        WHERE u.agency_id = $1 AND u.import_id = $2`,
      [at.agencyId, at.importId, JSON.stringify(keys)],
    );
    return rows.map((r) => usageBucketOf(r, buckets[0].source));
  }

  /** Overlapping imports replace a bucket (same hub, API, app, key type and period), never add to it. */
  async upsertUsage(m: EntityManager, at: BatchContext, buckets: UsageBucket[]): Promise<void> {
    if (!buckets.length) return;
    const rows = buckets.map((b) => ({
      hub_id: b.hubId,
      period_start: b.periodStart,
      period_end: b.periodEnd,
      api_key: b.apiKey,
      app_key: b.appKey ?? null,
      key_type: b.keyType ?? null,
      api_name: b.apiName ?? null,
      api_version: b.apiVersion ?? null,
      app_name: b.applicationName ?? null,
      app_owner: b.applicationOwner ?? null,
      total_calls: b.totalCalls,
      success_calls: b.successCalls ?? null,
      client_error_calls: b.clientErrorCalls ?? null,
      server_error_calls: b.serverErrorCalls ?? null,
      fault_calls: b.faultCalls ?? null,
      faults_by_type: b.faultsByType ?? null,
      status_codes: b.statusCodes ?? null,
      platforms: b.platforms ?? null,
      user_agents: b.userAgents ?? null,
      extra_histograms: b.extraHistograms ?? null,
      latency: b.latency ?? null,
      latency_histogram: b.latencyHistogram ?? null,
      precision: b.precision,
      reported_source: b.reportedSource ?? null,
    }));
    await m.query(
      `INSERT INTO hub_usage (agency_id, import_id, hub_id, period_start, period_end, api_key, app_key, key_type,
         api_name, api_version, app_name, app_owner, total_calls, success_calls, client_error_calls,
         server_error_calls, fault_calls, faults_by_type, status_codes, platforms, user_agents, extra_histograms, latency,
         latency_histogram, precision, reported_source)
       SELECT $1, $2, x.* FROM jsonb_to_recordset($3::jsonb) AS x(hub_id text, period_start timestamptz,
         period_end timestamptz, api_key text, app_key text, key_type text, api_name text, api_version text,
         app_name text, app_owner text, total_calls bigint, success_calls bigint, client_error_calls bigint,
         server_error_calls bigint, fault_calls bigint, faults_by_type jsonb, status_codes jsonb, platforms jsonb,
         user_agents jsonb, extra_histograms jsonb, latency jsonb, latency_histogram jsonb, precision text,
         reported_source text)
       ON CONFLICT (agency_id, hub_id, api_key, coalesce(app_key, ''), coalesce(key_type, ''), period_start, period_end)
       DO UPDATE SET api_name = EXCLUDED.api_name, api_version = EXCLUDED.api_version, app_name = EXCLUDED.app_name,
         app_owner = EXCLUDED.app_owner, total_calls = EXCLUDED.total_calls, success_calls = EXCLUDED.success_calls,
         client_error_calls = EXCLUDED.client_error_calls, server_error_calls = EXCLUDED.server_error_calls,
         fault_calls = EXCLUDED.fault_calls, faults_by_type = EXCLUDED.faults_by_type,
         status_codes = EXCLUDED.status_codes, platforms = EXCLUDED.platforms, user_agents = EXCLUDED.user_agents,
         extra_histograms = EXCLUDED.extra_histograms, latency = EXCLUDED.latency,
         latency_histogram = EXCLUDED.latency_histogram, precision = EXCLUDED.precision,
         reported_source = EXCLUDED.reported_source, import_id = EXCLUDED.import_id`,
      [at.agencyId, at.importId, JSON.stringify(rows)],
    );
  }

  async upsertUptime(m: EntityManager, at: BatchContext, buckets: UptimeBucket[]): Promise<void> {
    if (!buckets.length) return;
    const rows = buckets.map((b) => ({
      hub_id: b.hubId,
      monitor_id: b.monitorId,
      monitor_name: b.monitorName,
      url: b.url ?? null,
      period_start: b.periodStart,
      period_end: b.periodEnd,
      uptime_pct: b.uptimePct,
      avg_response_ms: b.avgResponseMs ?? null,
      down_events: b.downEvents ?? null,
      downtime_sec: b.downtimeSec ?? null,
      incidents: b.incidents ?? null,
    }));
    await m.query(
      `INSERT INTO hub_uptime (agency_id, import_id, hub_id, monitor_id, monitor_name, url, period_start, period_end,
         uptime_pct, avg_response_ms, down_events, downtime_sec, incidents)
       SELECT $1, $2, x.* FROM jsonb_to_recordset($3::jsonb) AS x(hub_id text, monitor_id text, monitor_name text,
         url text, period_start timestamptz, period_end timestamptz, uptime_pct numeric, avg_response_ms numeric,
         down_events int, downtime_sec bigint, incidents jsonb)
       ON CONFLICT (agency_id, hub_id, monitor_id, period_start, period_end) DO UPDATE SET
         monitor_name = EXCLUDED.monitor_name, url = EXCLUDED.url, uptime_pct = EXCLUDED.uptime_pct,
         avg_response_ms = EXCLUDED.avg_response_ms, down_events = EXCLUDED.down_events,
         downtime_sec = EXCLUDED.downtime_sec, incidents = EXCLUDED.incidents, import_id = EXCLUDED.import_id`,
      [at.agencyId, at.importId, JSON.stringify(rows)],
    );
  }

  /** The latest state a monitor export gave replaces the earlier one (an older file never wins). */
  async upsertMonitors(m: EntityManager, at: BatchContext, states: MonitorState[]): Promise<void> {
    if (!states.length) return;
    const rows = states.map((s) => ({
      hub_id: s.hubId,
      monitor_id: s.monitorId,
      monitor_name: s.monitorName,
      url: s.url ?? null,
      status: s.status,
      status_since: s.statusSince ?? null,
      last_down_start: s.lastDowntime?.start ?? null,
      last_down_sec: s.lastDowntime?.durationSec ?? null,
      last_down_reason: s.lastDowntime?.reason ?? null,
      avg_response_ms: s.avgResponseMs ?? null,
      ssl_expires_at: s.sslExpiresAt ?? null,
      ssl_issuer: s.sslIssuer ?? null,
      domain_expires_at: s.domainExpiresAt ?? null,
      observed_at: s.observedAt ?? null,
    }));
    await m.query(
      `INSERT INTO hub_monitor_state (agency_id, import_id, hub_id, monitor_id, monitor_name, url, status,
         status_since, last_down_start, last_down_sec, last_down_reason, avg_response_ms, ssl_expires_at,
         ssl_issuer, domain_expires_at, observed_at)
       SELECT $1, $2, x.* FROM jsonb_to_recordset($3::jsonb) AS x(hub_id text, monitor_id text,
         monitor_name text, url text, status text, status_since timestamptz, last_down_start timestamptz,
         last_down_sec numeric, last_down_reason text, avg_response_ms numeric, ssl_expires_at timestamptz,
         ssl_issuer text, domain_expires_at timestamptz, observed_at timestamptz)
       ON CONFLICT (agency_id, hub_id, monitor_id) DO UPDATE SET monitor_name = EXCLUDED.monitor_name,
         url = EXCLUDED.url, status = EXCLUDED.status, status_since = EXCLUDED.status_since,
         last_down_start = EXCLUDED.last_down_start, last_down_sec = EXCLUDED.last_down_sec,
         last_down_reason = EXCLUDED.last_down_reason, avg_response_ms = EXCLUDED.avg_response_ms,
         ssl_expires_at = EXCLUDED.ssl_expires_at, ssl_issuer = EXCLUDED.ssl_issuer,
         domain_expires_at = EXCLUDED.domain_expires_at, observed_at = EXCLUDED.observed_at,
         import_id = EXCLUDED.import_id
       WHERE hub_monitor_state.observed_at IS NULL OR EXCLUDED.observed_at IS NULL
          OR EXCLUDED.observed_at >= hub_monitor_state.observed_at`,
      [at.agencyId, at.importId, JSON.stringify(rows)],
    );
  }

  /**
   * A hub declared again by a later F8 file takes that file's gateways; several rows of one hub
   * in the same file add up (the first touch by an import replaces, later ones append).
   */
  async upsertInstances(m: EntityManager, at: BatchContext, hubs: HubInstanceRow[]): Promise<void> {
    if (!hubs.length) return;
    const merged = new Map<string, HubInstanceRow & { urls: string[] }>();
    for (const hub of hubs) {
      const seen = merged.get(hub.hubId);
      const urls = [...(seen?.urls ?? []), ...(hub.gatewayBaseUrl ? [hub.gatewayBaseUrl] : [])];
      merged.set(hub.hubId, { ...hub, urls: [...new Set(urls)] });
    }
    const rows = [...merged.values()].map((h) => ({
      hub_id: h.hubId,
      name: h.hubName,
      level: h.level,
      platform: h.platform,
      gateway_base_urls: h.urls,
      tenant_domain: h.tenantDomain ?? null,
      parent_hub_id: h.parentHubId ?? null,
    }));
    await m.query(
      `INSERT INTO hub_instance (agency_id, import_id, hub_id, name, level, platform, gateway_base_urls,
         tenant_domain, parent_hub_id)
       SELECT $1, $2, x.* FROM jsonb_to_recordset($3::jsonb) AS x(hub_id text, name text, level text, platform text,
         gateway_base_urls text[], tenant_domain text, parent_hub_id text)
       ON CONFLICT (agency_id, hub_id) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level,
         platform = EXCLUDED.platform, tenant_domain = EXCLUDED.tenant_domain, parent_hub_id = EXCLUDED.parent_hub_id,
         gateway_base_urls = CASE WHEN hub_instance.import_id IS DISTINCT FROM EXCLUDED.import_id
           THEN EXCLUDED.gateway_base_urls
           ELSE ARRAY(SELECT DISTINCT u FROM unnest(hub_instance.gateway_base_urls || EXCLUDED.gateway_base_urls) u)
         END,
         import_id = EXCLUDED.import_id, updated_at = now()`,
      [at.agencyId, at.importId, JSON.stringify(rows)],
    );
  }

  async resolveApis(m: EntityManager, agencyId: string): Promise<void> {
    await m.query(
      `WITH best AS (
         SELECT a.id, pick.rule_id, pick.unit_id FROM hub_api a
         LEFT JOIN LATERAL (
           SELECT r.id AS rule_id, r.unit_id FROM hub_mapping_rule r
            WHERE r.agency_id = a.agency_id AND r.match_type <> 'app_owner' AND (${API_MATCH})
            ORDER BY ${API_RANK}, length(r.match_value) DESC, r.created_at, r.id LIMIT 1) pick ON true
         WHERE a.agency_id = $1)
       UPDATE hub_api a SET unit_id = best.unit_id, unit_rule_id = best.rule_id FROM best
        WHERE a.id = best.id AND (a.unit_id IS DISTINCT FROM best.unit_id OR a.unit_rule_id IS DISTINCT FROM best.rule_id)`,
      [agencyId],
    );
  }

  async resolveApplications(m: EntityManager, agencyId: string): Promise<void> {
    await m.query(
      `WITH best AS (
         SELECT h.id, pick.rule_id, pick.unit_id FROM hub_application h
         LEFT JOIN LATERAL (
           SELECT r.id AS rule_id, r.unit_id FROM hub_mapping_rule r
            WHERE r.agency_id = h.agency_id AND ${APP_MATCH}
            ORDER BY ${APP_RANK}, r.created_at, r.id LIMIT 1) pick ON true
         WHERE h.agency_id = $1)
       UPDATE hub_application h SET unit_id = best.unit_id, unit_rule_id = best.rule_id FROM best
        WHERE h.id = best.id AND (h.unit_id IS DISTINCT FROM best.unit_id OR h.unit_rule_id IS DISTINCT FROM best.rule_id)`,
      [agencyId],
    );
  }

  /**
   * Links hub APIs and applications to our applications of the same unit by name. Manual links
   * (including a manual "no application") are left alone; automatic ones follow the data.
   */
  async autoLink(m: EntityManager, agencyId: string): Promise<void> {
    for (const table of ['hub_api', 'hub_application']) {
      await m.query(
        `WITH match AS (
           SELECT h.id, (SELECT app.id FROM application app
                          WHERE app.unit_id = h.unit_id AND ${normalName('app.name')} = ${normalName('h.name')}
                          ORDER BY app.name, app.id LIMIT 1) AS application_id
             FROM ${table} h
            WHERE h.agency_id = $1 AND h.application_link IS DISTINCT FROM 'manual')
         UPDATE ${table} h SET application_id = match.application_id,
                application_link = CASE WHEN match.application_id IS NULL THEN NULL ELSE 'auto' END
           FROM match
          WHERE h.id = match.id AND h.application_id IS DISTINCT FROM match.application_id`,
        [agencyId],
      );
    }
  }

  /** A manual link: an application of the agency, or null to say "none of ours". */
  async link(
    m: EntityManager,
    agencyId: string,
    table: 'hub_api' | 'hub_application',
    id: string,
    applicationId: string | null,
  ): Promise<boolean> {
    // An UPDATE answers [rows, affected count] through TypeORM's postgres driver.
    const [, count] = (await m.query(
      `UPDATE ${table} SET application_id = $3, application_link = 'manual' WHERE agency_id = $1 AND id = $2`,
      [agencyId, id, applicationId],
    )) as [unknown[], number];
    return count > 0;
  }

  /**
   * The units a manual link touches: the hub record's (by attribution) and, when given, our
   * application's. Null when the hub record is not the agency's.
   */
  async linkUnits(
    m: EntityManager,
    agencyId: string,
    table: 'hub_api' | 'hub_application',
    id: string,
    applicationId: string | null,
  ): Promise<{ recordUnitId: string | null; applicationUnitId: string | null } | null> {
    const rows: { record_unit: string | null; application_unit: string | null }[] = await m.query(
      `SELECT h.unit_id AS record_unit,
              (SELECT a.unit_id FROM application a WHERE a.agency_id = $1 AND a.id = $3) AS application_unit
         FROM ${table} h WHERE h.agency_id = $1 AND h.id = $2`,
      [agencyId, id, applicationId],
    );
    if (!rows[0]) return null;
    return { recordUnitId: rows[0].record_unit, applicationUnitId: rows[0].application_unit };
  }
}

interface UsageRow {
  hub_id: string;
  period_start: Date;
  period_end: Date;
  api_key: string;
  app_key: string | null;
  key_type: string | null;
  api_name: string | null;
  api_version: string | null;
  app_name: string | null;
  app_owner: string | null;
  total_calls: number;
  success_calls: number | null;
  client_error_calls: number | null;
  server_error_calls: number | null;
  fault_calls: number | null;
  faults_by_type: UsageBucket['faultsByType'] | null;
  status_codes: UsageBucket['statusCodes'] | null;
  platforms: UsageBucket['platforms'] | null;
  user_agents: UsageBucket['userAgents'] | null;
  extra_histograms: UsageBucket['extraHistograms'] | null;
  latency: UsageBucket['latency'] | null;
  latency_histogram: UsageBucket['latencyHistogram'] | null;
  precision: UsageBucket['precision'];
  reported_source: string | null;
}

/** A stored bucket as the writer holds one; the format variant is not stored, the batch's is taken. */
function usageBucketOf(r: UsageRow, source: UsageBucket['source']): UsageBucket {
  const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
  return {
    hubId: r.hub_id,
    periodStart: new Date(r.period_start),
    periodEnd: new Date(r.period_end),
    apiKey: r.api_key,
    appKey: opt(r.app_key),
    keyType: opt(r.key_type),
    apiName: opt(r.api_name),
    apiVersion: opt(r.api_version),
    applicationName: opt(r.app_name),
    applicationOwner: opt(r.app_owner),
    totalCalls: r.total_calls,
    successCalls: opt(r.success_calls),
    clientErrorCalls: opt(r.client_error_calls),
    serverErrorCalls: opt(r.server_error_calls),
    faultCalls: opt(r.fault_calls),
    faultsByType: opt(r.faults_by_type),
    statusCodes: opt(r.status_codes),
    platforms: opt(r.platforms),
    userAgents: opt(r.user_agents),
    extraHistograms: opt(r.extra_histograms),
    latency: opt(r.latency),
    latencyHistogram: opt(r.latency_histogram),
    precision: r.precision,
    reportedSource: opt(r.reported_source),
    source,
  };
}
