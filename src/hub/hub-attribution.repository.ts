import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Attribution of hub data to units, set-based: one statement re-resolves every API (or every
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

@Injectable()
export class HubAttributionRepository {
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
