import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DirectoryScope } from './hub-directory.repository';

export interface CatalogRow {
  id: string;
  agencyId: string;
  agencyCode: string;
  agencyName: string;
  hubId: string;
  name: string;
  version: string;
  context: string | null;
  tags: string[];
  lifecycleStatus: string | null;
  publishedOnBus: boolean;
  provider: string | null;
  unitId: string | null;
  unitCode: string | null;
  unitName: string | null;
  productionUrl: string | null;
  consumers: number;
  total: number;
}

/**
 * The API catalogue (the service directory an SPL must have): every API of the agencies in
 * scope, searchable by name, tag, context, unit and agency, with its consumers (active
 * subscriptions and applications that called it with production keys).
 */
@Injectable()
export class HubCatalogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  page(scope: DirectoryScope, q: string | undefined, limit: number, offset: number): Promise<CatalogRow[]> {
    return this.dataSource.query(
      `WITH scoped AS (
         SELECT a.id, a.code, a.name FROM agency a
          WHERE ($1::uuid[] IS NULL OR a.id = ANY($1::uuid[]))
            AND ($2::text IS NULL OR a.area_code LIKE $2 || '%')),
       consumers AS (
         SELECT agency_id, hub_id, api_key, count(DISTINCT app_key)::int AS n FROM (
           SELECT agency_id, hub_id, api_key, app_key FROM hub_subscription WHERE active
           UNION
           SELECT agency_id, hub_id, api_key, app_key FROM hub_usage
            WHERE app_key IS NOT NULL AND total_calls > 0 AND (key_type IS NULL OR upper(key_type) = 'PRODUCTION')
         ) c GROUP BY 1, 2, 3)
       SELECT h.id, s.id AS "agencyId", s.code AS "agencyCode", s.name AS "agencyName", h.hub_id AS "hubId", h.name,
              h.version, h.context, h.tags, h.lifecycle_status AS "lifecycleStatus",
              h.published_on_bus AS "publishedOnBus", h.provider, u.id AS "unitId", u.code AS "unitCode", u.name AS "unitName",
              h.production_url AS "productionUrl", coalesce(c.n, 0) AS consumers, count(*) OVER ()::int AS total
         FROM hub_api h
         JOIN scoped s ON s.id = h.agency_id
         LEFT JOIN unit u ON u.id = h.unit_id
         LEFT JOIN consumers c ON c.agency_id = h.agency_id AND c.hub_id = h.hub_id AND c.api_key = h.api_key
        WHERE h.variant <> 'usage' AND ($3::text IS NULL
           OR h.name ILIKE '%' || $3 || '%' OR h.context ILIKE '%' || $3 || '%'
           OR EXISTS (SELECT 1 FROM unnest(h.tags) tag WHERE tag ILIKE '%' || $3 || '%')
           OR u.code ILIKE '%' || $3 || '%' OR u.name ILIKE '%' || $3 || '%'
           OR s.name ILIKE '%' || $3 || '%' OR s.code ILIKE '%' || $3 || '%')
        ORDER BY s.name, h.name, h.version, h.hub_id
        LIMIT $4 OFFSET $5`,
      [scope.agencyIds, scope.areaPrefix, q?.trim() || null, limit, offset],
    );
  }
}
