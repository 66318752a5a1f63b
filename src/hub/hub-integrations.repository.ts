import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** What a piece of hub data proves about a connection of the agency's SPL (hubdata.md §6.4). */
export type HubSignalCode =
  | 'tenant_declared'
  | 'api_on_splp'
  | 'splp_endpoint_on_agency_gateway'
  | 'endpoint_on_splp'
  | 'subscribed_to_splp'
  | 'endpoint_on_other_spl';

export interface HubSignal {
  target: 'splp' | 'other_spl';
  /** The peer hub's name (other SPLs); the national hub's declared name or 'SPLP'. */
  peer: string;
  signal: HubSignalCode;
  detail: string;
  importId: string | null;
  fileName: string | null;
  sha256: string | null;
  importedAt: Date | null;
}

const HOST = (url: string) => `lower(substring(${url} from '^[A-Za-z][A-Za-z0-9+.-]*://([^/:?#]+)'))`;
/** Gateways of the national SPLP live under layanan.go.id (splp.layanan.go.id, splpdev.layanan.go.id). */
const NATIONAL_HOST = `'(^|\\.)layanan\\.go\\.id$'`;

const SIGNALS_SQL = `
WITH hubs AS (
  SELECT h.hub_id, h.name, h.tenant_domain, h.import_id,
         ARRAY(SELECT ${HOST('g')} FROM unnest(h.gateway_base_urls) g) AS hosts,
         h.level = 'NASIONAL' OR EXISTS (SELECT 1 FROM unnest(h.gateway_base_urls) g WHERE ${HOST('g')} ~ ${NATIONAL_HOST})
           AS national
    FROM hub_instance h WHERE h.agency_id = $1),
national_hosts AS (SELECT unnest(hosts) AS host FROM hubs WHERE national),
apis AS (
  SELECT a.hub_id, a.api_key, a.name || CASE WHEN a.version = '' THEN '' ELSE ' ' || a.version END AS label,
         a.tenant_domain, a.published_on_bus, a.import_id,
         ${HOST('a.production_url')} AS prod_host, ${HOST('a.sandbox_url')} AS sand_host,
         coalesce((SELECT hubs.national FROM hubs WHERE hubs.hub_id = a.hub_id), false) AS on_national
    FROM hub_api a WHERE a.agency_id = $1),
signals AS (
  SELECT 'splp' AS target, NULL::text AS peer, 'tenant_declared' AS signal,
         h.name || ': tenant ' || h.tenant_domain AS detail, h.import_id
    FROM hubs h WHERE h.national AND h.tenant_domain IS NOT NULL
  UNION ALL
  SELECT 'splp', NULL, 'api_on_splp', a.label || ' (tenant ' || a.tenant_domain || ')', a.import_id
    FROM apis a WHERE a.on_national AND a.published_on_bus
  UNION ALL
  SELECT 'splp', NULL, 'splp_endpoint_on_agency_gateway', a.label || ' -> ' || a.prod_host, a.import_id
    FROM apis a WHERE a.on_national
     AND EXISTS (SELECT 1 FROM hubs h WHERE NOT h.national AND a.prod_host = ANY(h.hosts))
  UNION ALL
  SELECT 'splp', NULL, 'endpoint_on_splp', a.label || ' -> ' || coalesce(a.prod_host, a.sand_host), a.import_id
    FROM apis a WHERE NOT a.on_national AND (
      a.prod_host ~ ${NATIONAL_HOST} OR a.sand_host ~ ${NATIONAL_HOST}
      OR a.prod_host IN (SELECT host FROM national_hosts) OR a.sand_host IN (SELECT host FROM national_hosts))
  UNION ALL
  SELECT 'splp', NULL, 'subscribed_to_splp', coalesce(hp.name, s.app_key) || ' -> ' || coalesce(a.label, s.api_key),
         s.import_id
    FROM hub_subscription s
    JOIN hubs h ON h.hub_id = s.hub_id AND h.national
    LEFT JOIN hub_application hp ON hp.agency_id = s.agency_id AND hp.hub_id = s.hub_id AND hp.app_key = s.app_key
    LEFT JOIN apis a ON a.hub_id = s.hub_id AND a.api_key = s.api_key
   WHERE s.agency_id = $1 AND s.active
  UNION ALL
  SELECT 'other_spl', b.name, 'endpoint_on_other_spl', a.label || ' -> ' || coalesce(a.prod_host, a.sand_host),
         a.import_id
    FROM apis a JOIN hubs b ON NOT b.national AND b.hub_id <> a.hub_id
     AND (a.prod_host = ANY(b.hosts) OR a.sand_host = ANY(b.hosts))
   WHERE NOT a.on_national)
SELECT s.target, coalesce(s.peer, (SELECT name FROM hubs WHERE national ORDER BY hub_id LIMIT 1), 'SPLP') AS peer,
       s.signal, s.detail, s.import_id AS "importId", i.file_name AS "fileName", i.sha256,
       i.imported_at AS "importedAt"
  FROM signals s LEFT JOIN hub_import i ON i.id = s.import_id
 ORDER BY s.target DESC, 2, s.signal, s.detail`;

/**
 * Reads the connection signals in hub data; the integration rows they prove are written by
 * IntegrationRepository, the links of generated evidence to them by EvidenceRepository.
 */
@Injectable()
export class HubIntegrationsRepository {
  signals(m: EntityManager, agencyId: string): Promise<HubSignal[]> {
    return m.query(SIGNALS_SQL, [agencyId]);
  }
}
