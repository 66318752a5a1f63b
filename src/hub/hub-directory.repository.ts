import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

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
  published: 'coalesce(p.published, 0)',
  uptime: 'u.uptime',
  expiry: 'least(c.valid_to, ms.ssl_expires_at)',
  import: 'i.last_import',
};

/**
 * The national SPL directory in one statement: per agency its own SPL (the first non-national
 * hub it declared), published APIs, the SPLP connection and its proof (the hub-derived
 * integration), the last import, uptime over the 30 days before its latest monitor period and
 * the earliest certificate expiry (TLS check or monitor export). Set-based: one pass per table.
 */
@Injectable()
export class HubDirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  page(scope: DirectoryScope, query: DirectoryQueryInput): Promise<DirectoryRow[]> {
    const direction = query.desc ? 'DESC' : 'ASC';
    return this.dataSource.query(
      `WITH scoped AS (
         SELECT a.id, a.code, a.name, a.kind::text AS kind, a.area_code FROM agency a
          WHERE ($1::uuid[] IS NULL OR a.id = ANY($1::uuid[]))
            AND ($2::text IS NULL OR a.area_code LIKE $2 || '%')),
       hubs AS (
         SELECT DISTINCT ON (h.agency_id) h.agency_id, h.hub_id, h.name, h.platform, h.tenant_domain, h.gateway_base_urls
           FROM hub_instance h JOIN scoped s ON s.id = h.agency_id
          WHERE h.level <> 'NASIONAL' ORDER BY h.agency_id, h.hub_id),
       p AS (SELECT agency_id, count(*) FILTER (WHERE published_on_bus)::int AS published FROM hub_api GROUP BY 1),
       i AS (SELECT agency_id, max(imported_at) AS last_import FROM hub_import WHERE status = 'imported' GROUP BY 1),
       latest AS (SELECT agency_id, max(period_end) AS last_end FROM hub_uptime GROUP BY 1),
       u AS (
         SELECT t.agency_id,
                sum(t.uptime_pct * extract(epoch FROM t.period_end - t.period_start))
                  / nullif(sum(extract(epoch FROM t.period_end - t.period_start)), 0) AS uptime
           FROM hub_uptime t JOIN latest l ON l.agency_id = t.agency_id
          WHERE t.period_start >= l.last_end - interval '30 days' - interval '1 hour'
          GROUP BY 1),
       c AS (SELECT agency_id, min(valid_to) AS valid_to FROM hub_endpoint_check GROUP BY 1),
       ms AS (SELECT agency_id, min(ssl_expires_at) AS ssl_expires_at FROM hub_monitor_state GROUP BY 1),
       splp AS (
         SELECT agency_id, string_agg(description, '; ' ORDER BY description) AS proof
           FROM integration WHERE source = 'hub' AND with_target = 'splp' GROUP BY 1)
       SELECT a.id AS "agencyId", a.code, a.name, a.kind, a.area_code AS "areaCode", hubs.hub_id AS "hubId",
              hubs.name AS spl, hubs.platform, hubs.tenant_domain AS tenant, hubs.gateway_base_urls AS "gatewayUrls",
              coalesce(p.published, 0) AS "publishedApis", splp.proof IS NOT NULL AS "splpConnected",
              splp.proof AS "splpProof", i.last_import AS "lastImport", u.uptime::float8 AS "uptime30d",
              least(c.valid_to, ms.ssl_expires_at) AS "certExpiresAt", count(*) OVER ()::int AS total
         FROM scoped a
         LEFT JOIN hubs ON hubs.agency_id = a.id
         LEFT JOIN p ON p.agency_id = a.id
         LEFT JOIN i ON i.agency_id = a.id
         LEFT JOIN u ON u.agency_id = a.id
         LEFT JOIN c ON c.agency_id = a.id
         LEFT JOIN ms ON ms.agency_id = a.id
         LEFT JOIN splp ON splp.agency_id = a.id
        WHERE $3::text IS NULL OR a.name ILIKE '%' || $3 || '%' OR a.code ILIKE '%' || $3 || '%'
           OR hubs.name ILIKE '%' || $3 || '%' OR hubs.tenant_domain ILIKE '%' || $3 || '%'
        ORDER BY ${ORDER[query.sort]} ${direction} NULLS LAST, a.name, a.id
        LIMIT $4 OFFSET $5`,
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
