import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryPrepared } from '../database/prepared-statements';

/** Which agencies a directory reader sees: all (null), a list, and/or those of one area. */
export interface DirectoryScope {
  agencyIds: string[] | null;
  areaPrefix: string | null;
}

export const DIRECTORY_SORTS = ['name', 'published', 'uptime', 'expiry', 'import'] as const;
export type DirectorySort = (typeof DIRECTORY_SORTS)[number];

export interface DirectoryQueryInput {
  q?: string;
  sort: DirectorySort;
  desc: boolean;
  limit: number;
  offset: number;
}

export interface DirectoryRow {
  agencyId: string;
  code: string;
  name: string;
  kind: string;
  areaCode: string | null;
  hubId: string | null;
  spl: string | null;
  platform: string | null;
  tenant: string | null;
  gatewayUrls: string[] | null;
  publishedApis: number;
  splpConnected: boolean;
  splpProof: string | null;
  lastImport: Date | null;
  uptime30d: number | null;
  certExpiresAt: Date | null;
  total: number;
}

const ORDER: Record<DirectorySort, string> = {
  name: 'a.name',
  published: 'p.published',
  uptime: 'u.uptime',
  expiry: 'least(c.valid_to, ms.ssl_expires_at)',
  import: 'i.last_import',
};

/**
 * The national SPL directory in one statement: per agency its own SPL (the first non-national
 * hub it declared), published APIs, the SPLP connection and its proof (the hub-derived
 * integration), the last import, uptime over the 30 days before its latest monitor period and
 * the earliest certificate expiry (TLS check or monitor export).
 *
 * Agencies are filtered (scope and search) first; the figures are then looked up per agency by
 * index (published APIs from a partial index, the uptime window from an index carrying the ratio:
 * migrations DirectoryIndexes1798001900000 and DirectoryUptimeCovering1798002100000). The window
 * is found by period end alone and its periods that start before it are left out in the sums
 * (FILTER): with the start in the search too, the generic plan chose the unique index, whose
 * columns between the agency and the dates made it walk every monitor's year. Sorted by name, the page is cut before the lookups,
 * so a page reads its 50 agencies' figures only; sorted by a figure, every filtered agency's
 * figures are read. `base` is MATERIALIZED: the app's connections plan generically
 * (data-source-options.ts), and an inlined generic plan ran the lookups once per pair of agencies.
 * Prepared by name on a PostgreSQL server, one statement per sort and direction: planning it took
 * 8 ms, more than the 5 ms a name-sorted page runs.
 */
@Injectable()
export class HubDirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  page(scope: DirectoryScope, query: DirectoryQueryInput): Promise<DirectoryRow[]> {
    const direction = query.desc ? 'DESC' : 'ASC';
    const order = `${ORDER[query.sort]} ${direction} NULLS LAST, a.name, a.id`;
    const byName = query.sort === 'name';
    return queryPrepared<DirectoryRow>(
      this.dataSource,
      `hub.directory.${query.sort}.${direction}`,
      `WITH hubs AS (
         SELECT DISTINCT ON (h.agency_id) h.agency_id, h.hub_id, h.name, h.platform, h.tenant_domain, h.gateway_base_urls
           FROM hub_instance h
          WHERE h.level <> 'NASIONAL' ORDER BY h.agency_id, h.hub_id),
       base AS MATERIALIZED (
         SELECT a.id, a.code, a.name, a.kind::text AS kind, a.area_code, hubs.hub_id, hubs.name AS spl, hubs.platform,
                hubs.tenant_domain, hubs.gateway_base_urls, count(*) OVER ()::int AS total
           FROM agency a
           LEFT JOIN hubs ON hubs.agency_id = a.id
          WHERE ($1::uuid[] IS NULL OR a.id = ANY($1::uuid[]))
            AND ($2::text IS NULL OR a.area_code LIKE $2 || '%')
            AND ($3::text IS NULL OR a.name ILIKE '%' || $3 || '%' OR a.code ILIKE '%' || $3 || '%'
                 OR hubs.name ILIKE '%' || $3 || '%' OR hubs.tenant_domain ILIKE '%' || $3 || '%')
          ${byName ? `ORDER BY ${order} LIMIT $4 OFFSET $5` : ''})
       SELECT a.id AS "agencyId", a.code, a.name, a.kind, a.area_code AS "areaCode", a.hub_id AS "hubId",
              a.spl, a.platform, a.tenant_domain AS tenant, a.gateway_base_urls AS "gatewayUrls",
              p.published AS "publishedApis", splp.proof IS NOT NULL AS "splpConnected",
              splp.proof AS "splpProof", i.last_import AS "lastImport", u.uptime::float8 AS "uptime30d",
              least(c.valid_to, ms.ssl_expires_at) AS "certExpiresAt", a.total
         FROM base a
        CROSS JOIN LATERAL (SELECT count(*)::int AS published FROM hub_api
                             WHERE agency_id = a.id AND published_on_bus) p
        CROSS JOIN LATERAL (SELECT max(imported_at) AS last_import FROM hub_import
                             WHERE agency_id = a.id AND status = 'imported') i
        CROSS JOIN LATERAL (SELECT max(period_end) - interval '30 days' - interval '1 hour' AS since
                              FROM hub_uptime WHERE agency_id = a.id) l
        CROSS JOIN LATERAL (
              SELECT sum(t.uptime_pct * extract(epoch FROM t.period_end - t.period_start)) FILTER (WHERE t.period_start >= l.since)
                       / nullif(sum(extract(epoch FROM t.period_end - t.period_start)) FILTER (WHERE t.period_start >= l.since), 0) AS uptime
                FROM hub_uptime t
               WHERE t.agency_id = a.id AND t.period_end > l.since) u
        CROSS JOIN LATERAL (SELECT min(valid_to) AS valid_to FROM hub_endpoint_check WHERE agency_id = a.id) c
        CROSS JOIN LATERAL (SELECT min(ssl_expires_at) AS ssl_expires_at FROM hub_monitor_state
                             WHERE agency_id = a.id) ms
        CROSS JOIN LATERAL (SELECT string_agg(description, '; ' ORDER BY description) AS proof FROM integration
                             WHERE agency_id = a.id AND source = 'hub' AND with_target = 'splp') splp
        ORDER BY ${order}
        ${byName ? '' : 'LIMIT $4 OFFSET $5'}`,
      [scope.agencyIds, scope.areaPrefix, query.q?.trim() || null, query.limit, query.offset],
    );
  }

  /** The area code of an agency (a province's reader sees its regencies and cities too). */
  async areaOf(agencyId: string): Promise<{ kind: string; areaCode: string | null } | undefined> {
    const rows: { kind: string; areaCode: string | null }[] = await this.dataSource.query(
      'SELECT kind::text AS kind, area_code AS "areaCode" FROM agency WHERE id = $1',
      [agencyId],
    );
    return rows[0];
  }
}
