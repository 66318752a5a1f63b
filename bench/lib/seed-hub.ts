import { EntityManager } from 'typeorm';
import { APPS_PER_UNIT, Batch, Statement, UNITS_PER_AGENCY } from './seed-data';
import { sqlRandom as rnd, sqlUuid as uid } from './seed-ids';

/**
 * Hub data of the national set: per agency one import (provenance), one hub, its APIs mapped to
 * units and linked to the application publishing them (so hub data also shows applications via
 * the SPL), and 24 months of usage per API. 615 agencies give 50,000 APIs and 1,200,000 monthly
 * usage rows; smaller sets get the same numbers per agency. SPL health as an uptime monitor and
 * the endpoint check leave it: a year of daily uptime per agency (224,475 rows for 615), the
 * monitor's current state with its certificate and domain expiry, and one TLS check of the
 * gateway, so the national SPL directory reads tables of a realistic size.
 */
export const APIS_NATIONAL = 50_000;
export const NATIONAL_AGENCIES = 615;
export const USAGE_MONTHS = 24;
export const UPTIME_DAYS = 365;

/** The columns the statements below write; the part is skipped when the schema has not got them. */
const REQUIRED_COLUMNS: Record<string, string[]> = {
  hub_import: [
    'id',
    'agency_id',
    'file_name',
    'sha256',
    'bytes',
    'format',
    'variant',
    'hub_id',
    'channel',
    'counts',
    'problems',
    'status',
  ],
  hub_instance: [
    'agency_id',
    'hub_id',
    'name',
    'level',
    'platform',
    'gateway_base_urls',
    'tenant_domain',
    'import_id',
  ],
  hub_api: [
    'agency_id',
    'hub_id',
    'api_key',
    'source_id',
    'name',
    'version',
    'context',
    'provider',
    'tenant_domain',
    'lifecycle_status',
    'published_on_bus',
    'api_type',
    'tags',
    'props',
    'variant',
    'import_id',
    'unit_id',
    'application_id',
    'application_link',
  ],
  hub_usage: [
    'agency_id',
    'hub_id',
    'period_start',
    'period_end',
    'api_key',
    'key_type',
    'api_name',
    'api_version',
    'total_calls',
    'success_calls',
    'client_error_calls',
    'server_error_calls',
    'fault_calls',
    'latency',
    'precision',
    'import_id',
  ],
  hub_uptime: [
    'agency_id',
    'hub_id',
    'monitor_id',
    'monitor_name',
    'url',
    'period_start',
    'period_end',
    'uptime_pct',
    'avg_response_ms',
    'down_events',
    'downtime_sec',
    'import_id',
  ],
  hub_monitor_state: [
    'agency_id',
    'hub_id',
    'monitor_id',
    'monitor_name',
    'url',
    'status',
    'status_since',
    'avg_response_ms',
    'ssl_expires_at',
    'ssl_issuer',
    'domain_expires_at',
    'observed_at',
    'import_id',
  ],
  hub_endpoint_check: [
    'agency_id',
    'hub_id',
    'url',
    'checked_at',
    'reachable',
    'chain_verified',
    'subject',
    'issuer',
    'valid_from',
    'valid_to',
  ],
};

/** Null when the hub tables are there with every column the seed writes, else what is missing. */
export async function missingHubSchema(m: EntityManager): Promise<string | null> {
  const rows: { table_name: string; column_name: string }[] = await m.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY($1)`,
    [Object.keys(REQUIRED_COLUMNS)],
  );
  const have = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
  const tables = new Set(rows.map((r) => r.table_name));
  const missing = Object.entries(REQUIRED_COLUMNS).flatMap(([table, columns]) =>
    tables.has(table)
      ? columns.filter((c) => !have.has(`${table}.${c}`)).map((c) => `${table}.${c}`)
      : [`table ${table}`],
  );
  return missing.length ? missing.join(', ') : null;
}

const AGENCY = uid('agency', 'a');
const IMPORT = uid('himp', 'a');
const TAG = `lpad((a + 1)::text, 4, '0')`;
const HUB = `'spl-uji-' || ${TAG}`;
const TENANT = `'uji' || ${TAG} || '.go.id'`;
/** APIs of agency `a`: its share of the national 50,000, so any prefix of agencies keeps the ratio. */
const API_COUNT = `(floor((a + 1) * ${APIS_NATIONAL}.0 / ${NATIONAL_AGENCIES}) - floor(a * ${APIS_NATIONAL}.0 / ${NATIONAL_AGENCIES}))::int`;
const API_KEY = `${TENANT} || '|LayananUji' || lpad(i::text, 3, '0') || '|1.0.0'`;

const range = (b: Batch) => [b.first, b.end];

/** Per batch of agencies; the usage ends with the month before the period's as-of date. */
export const HUB_STATEMENTS: Statement[] = [
  {
    table: 'hub_import',
    sql: `INSERT INTO hub_import (id, agency_id, file_name, sha256, bytes, format, variant, hub_id, channel, counts, problems, status)
          SELECT ${IMPORT}, ${AGENCY}, 'apis-uji-' || ${TAG} || '.json', md5('himp' || a) || md5('himp2' || a),
                 200000 + a, 'F1', 'publisher-rest', ${HUB}, 'cli', '{"rowsRead": 0}'::jsonb, '[]'::jsonb, 'imported'
            FROM generate_series($1::int, $2::int - 1) a`,
    params: range,
  },
  {
    table: 'hub_instance',
    sql: `INSERT INTO hub_instance (agency_id, hub_id, name, level, platform, gateway_base_urls, tenant_domain, import_id)
          SELECT ${AGENCY}, ${HUB}, 'SPL Uji ' || ${TAG}, 'INSTANSI', 'WSO2_APIM_4',
                 ARRAY['https://api.uji' || ${TAG} || '.go.id'], ${TENANT}, ${IMPORT}
            FROM generate_series($1::int, $2::int - 1) a`,
    params: range,
  },
  {
    table: 'hub_api',
    sql: `INSERT INTO hub_api (agency_id, hub_id, api_key, source_id, name, version, context, provider, tenant_domain,
                               lifecycle_status, published_on_bus, api_type, tags, props, variant, import_id, unit_id,
                               application_id, application_link)
          SELECT ${AGENCY}, ${HUB}, ${API_KEY}, ${uid('hapi', 'a', 'i')}::text, 'LayananUji' || lpad(i::text, 3, '0'), '1.0.0',
                 '/t/' || ${TENANT} || '/layanan' || i || '/1.0.0', 'opd' || (i % ${UNITS_PER_AGENCY}) || '@' || ${TENANT},
                 ${TENANT}, CASE WHEN i % 17 = 0 THEN 'DEPRECATED' ELSE 'PUBLISHED' END, true, 'HTTP',
                 ARRAY['opd' || (i % ${UNITS_PER_AGENCY})], '{}'::jsonb, 'publisher-rest', ${IMPORT},
                 ${uid('unit', 'a', `(i % ${UNITS_PER_AGENCY})`)},
                 ${uid('app', 'a', `(i % ${UNITS_PER_AGENCY})`, `((i / ${UNITS_PER_AGENCY}) % ${APPS_PER_UNIT})`)}, 'auto'
            FROM generate_series($1::int, $2::int - 1) a
            CROSS JOIN LATERAL generate_series(0, ${API_COUNT} - 1) i`,
    params: range,
  },
  {
    table: 'hub_usage',
    sql: `INSERT INTO hub_usage (agency_id, hub_id, period_start, period_end, api_key, key_type, api_name, api_version,
                                 total_calls, success_calls, client_error_calls, server_error_calls, fault_calls, latency,
                                 precision, import_id)
          SELECT ${AGENCY}, ${HUB}, $3::date - (mo + 1) * interval '1 month', $3::date - mo * interval '1 month',
                 ${API_KEY}, 'PRODUCTION', 'LayananUji' || lpad(i::text, 3, '0'), '1.0.0',
                 c.total, c.total - c.client - c.server - c.fault, c.client, c.server, c.fault,
                 jsonb_build_object('avgMs', 40 + c.total % 200, 'p95Ms', 120 + c.total % 900),
                 'AGGREGATED', ${IMPORT}
            FROM generate_series($1::int, $2::int - 1) a
            CROSS JOIN LATERAL generate_series(0, ${API_COUNT} - 1) i
            CROSS JOIN generate_series(0, ${USAGE_MONTHS - 1}) mo
            CROSS JOIN LATERAL (SELECT floor(${rnd('calls', 'a', 'i', 'mo')} * 200000)::bigint AS total) t
            CROSS JOIN LATERAL (SELECT t.total, t.total / 50 AS client, t.total / 200 AS server, t.total / 400 AS fault) c`,
    params: (b) => [b.first, b.end, `${b.asOf.slice(0, 7)}-01`],
  },
  {
    table: 'hub_uptime',
    sql: `INSERT INTO hub_uptime (agency_id, hub_id, monitor_id, monitor_name, url, period_start, period_end, uptime_pct,
                                  avg_response_ms, down_events, downtime_sec, import_id)
          SELECT ${AGENCY}, ${HUB}, 'mon-' || ${TAG}, 'Gateway SPL ' || ${TAG}, 'https://api.uji' || ${TAG} || '.go.id',
                 $3::date - (d + 1) * interval '1 day', $3::date - d * interval '1 day',
                 round((100 - r.down / 864.0)::numeric, 3), 80 + floor(${rnd('rt', 'a', 'd')} * 400), (r.down > 0)::int,
                 r.down, ${IMPORT}
            FROM generate_series($1::int, $2::int - 1) a
            CROSS JOIN generate_series(0, ${UPTIME_DAYS - 1}) d
            CROSS JOIN LATERAL (SELECT CASE WHEN ${rnd('dn', 'a', 'd')} < 0.1 THEN floor(${rnd('ds', 'a', 'd')} * 3600)::bigint
                                            ELSE 0 END AS down) r`,
    params: (b) => [b.first, b.end, b.asOf],
  },
  {
    table: 'hub_monitor_state',
    sql: `INSERT INTO hub_monitor_state (agency_id, hub_id, monitor_id, monitor_name, url, status, status_since,
                                         avg_response_ms, ssl_expires_at, ssl_issuer, domain_expires_at, observed_at, import_id)
          SELECT ${AGENCY}, ${HUB}, 'mon-' || ${TAG}, 'Gateway SPL ' || ${TAG}, 'https://api.uji' || ${TAG} || '.go.id',
                 'UP', $3::date - interval '3 days', 180, $3::date + (a % 120) * interval '1 day', 'Sectigo RSA DV',
                 $3::date + (200 + a % 300) * interval '1 day', $3::date, ${IMPORT}
            FROM generate_series($1::int, $2::int - 1) a`,
    params: (b) => [b.first, b.end, b.asOf],
  },
  {
    table: 'hub_endpoint_check',
    sql: `INSERT INTO hub_endpoint_check (agency_id, hub_id, url, checked_at, reachable, chain_verified, subject, issuer,
                                          valid_from, valid_to)
          SELECT ${AGENCY}, ${HUB}, 'https://api.uji' || ${TAG} || '.go.id', $3::date, true, true,
                 'CN=api.uji' || ${TAG} || '.go.id', 'CN=Sectigo RSA DV', $3::date - interval '200 days',
                 $3::date + (a % 90) * interval '1 day'
            FROM generate_series($1::int, $2::int - 1) a`,
    params: (b) => [b.first, b.end, b.asOf],
  },
];
