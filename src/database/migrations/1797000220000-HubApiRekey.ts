import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22: one API per tenant, context and version. Imports before this change keyed an API by
 * WSO2's internal id (or `tenant|name|version`), so a new import of the same API would add a
 * second row. This re-keys every stored API that has a context to `tenant|/context|version`
 * (the key apiKeyOf now gives, computed the same way as contextKey in src/hub/parsers), folds
 * usage-only stubs named by a WSO2 id or name key into the API they mean, and merges rows that
 * end up on one key:
 * - the surviving row is the described one (not a usage stub) updated last; it keeps the earliest
 *   first-seen date, a manual application link from any of the merged rows, and a unit when it
 *   had none;
 * - usage buckets and subscriptions move to the new key; where two rows fall on one natural key
 *   (the same bucket imported under both keys) the row of the later import is kept, as a
 *   re-import of a period replaces it;
 * - an api_id mapping rule that named a dropped id is rewritten to the new key.
 * Not reversible: the old keys are not kept (down does nothing).
 */
export class HubApiRekey1797000220000 implements MigrationInterface {
  name = 'HubApiRekey1797000220000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of REKEY) await queryRunner.query(statement);
  }

  public async down(): Promise<void> {
    // The merged rows and their old keys are gone; the new keys are valid under the old code too.
  }
}

/** `tenant|/context|version`, step by step as contextKey does it. */
const CONTEXT_KEYS = `
  SELECT a.id, a.agency_id, a.hub_id, a.api_key AS old_key,
         a.tenant_domain || '|' || CASE WHEN p3.p LIKE '/%' THEN p3.p ELSE '/' || p3.p END || '|' || a.version AS new_key
    FROM hub_api a
   CROSS JOIN LATERAL (SELECT regexp_replace(regexp_replace(btrim(a.context, E' \\t\\r\\n'), '^/t/[^/]+', '', 'i'),
                                             '/[{]version[}]', '') AS p) p1
   CROSS JOIN LATERAL (SELECT CASE WHEN a.version <> '' AND right(p1.p, length(a.version) + 1) = '/' || a.version
                                   THEN left(p1.p, -(length(a.version) + 1)) ELSE p1.p END AS p) p2
   CROSS JOIN LATERAL (SELECT regexp_replace(p2.p, '/+$', '') AS p) p3
   WHERE a.context IS NOT NULL AND a.context <> ''`;

const REKEY = [
  `CREATE TEMP TABLE hub_api_rekey ON COMMIT DROP AS ${CONTEXT_KEYS}`,
  // Stubs without a context (known only from usage or subscriptions) named by an alias of a
  // described API: its WSO2 id or its tenant|name|version.
  `INSERT INTO hub_api_rekey (id, agency_id, hub_id, old_key, new_key)
   SELECT DISTINCT ON (s.id) s.id, s.agency_id, s.hub_id, s.api_key, k.new_key
     FROM hub_api s
     JOIN hub_api d ON d.agency_id = s.agency_id AND d.hub_id = s.hub_id AND d.id <> s.id
     JOIN hub_api_rekey k ON k.id = d.id
    WHERE (s.context IS NULL OR s.context = '')
      AND (s.api_key = d.source_id OR s.api_key = d.tenant_domain || '|' || d.name || '|' || d.version)
    ORDER BY s.id, d.updated_at DESC`,
  // Only keys that gather a changed row need work.
  `DELETE FROM hub_api_rekey k WHERE NOT EXISTS (
     SELECT 1 FROM hub_api_rekey c
      WHERE c.agency_id = k.agency_id AND c.hub_id = k.hub_id AND c.new_key = k.new_key AND c.old_key <> c.new_key)`,
  `ALTER TABLE hub_api_rekey ADD COLUMN survivor uuid`,
  `UPDATE hub_api_rekey k SET survivor = s.id FROM (
     SELECT DISTINCT ON (k2.agency_id, k2.hub_id, k2.new_key) k2.agency_id, k2.hub_id, k2.new_key, a.id
       FROM hub_api_rekey k2 JOIN hub_api a ON a.id = k2.id
      ORDER BY k2.agency_id, k2.hub_id, k2.new_key, (a.variant <> 'usage') DESC, a.updated_at DESC,
               (k2.old_key = k2.new_key) DESC, a.id
   ) s WHERE s.agency_id = k.agency_id AND s.hub_id = k.hub_id AND s.new_key = k.new_key`,
  // What the survivor takes over from the rows merged into it.
  `UPDATE hub_api a SET
     first_seen_at = m.first_seen_at,
     source_id = coalesce(a.source_id, m.source_id),
     unit_id = CASE WHEN a.unit_id IS NULL THEN m.unit_id ELSE a.unit_id END,
     unit_rule_id = CASE WHEN a.unit_id IS NULL THEN m.unit_rule_id ELSE a.unit_rule_id END,
     application_id = CASE WHEN a.application_link = 'manual' OR m.manual_app IS NULL THEN a.application_id
                           ELSE m.manual_app END,
     application_link = CASE WHEN a.application_link = 'manual' OR m.manual_app IS NULL THEN a.application_link
                             ELSE 'manual' END
   FROM (
     SELECT k.survivor, min(o.first_seen_at) AS first_seen_at,
            (array_agg(o.source_id ORDER BY o.updated_at DESC) FILTER (WHERE o.source_id IS NOT NULL))[1] AS source_id,
            (array_agg(o.unit_id ORDER BY o.updated_at DESC) FILTER (WHERE o.unit_id IS NOT NULL))[1] AS unit_id,
            (array_agg(o.unit_rule_id ORDER BY o.updated_at DESC) FILTER (WHERE o.unit_id IS NOT NULL))[1] AS unit_rule_id,
            (array_agg(o.application_id ORDER BY o.updated_at DESC)
               FILTER (WHERE o.application_link = 'manual'))[1] AS manual_app
       FROM hub_api_rekey k JOIN hub_api o ON o.id = k.id
      GROUP BY k.survivor
   ) m WHERE a.id = m.survivor`,
  `CREATE TEMP TABLE hub_api_moves ON COMMIT DROP AS
     SELECT DISTINCT agency_id, hub_id, old_key, new_key FROM hub_api_rekey WHERE old_key <> new_key`,
  // Usage and subscriptions: on a clash the row at the new key, else the later import, is kept.
  `DELETE FROM hub_usage u USING (
     SELECT id, row_number() OVER (
              PARTITION BY x.agency_id, x.hub_id, x.key, coalesce(x.app_key, ''), coalesce(x.key_type, ''),
                           x.period_start, x.period_end
              ORDER BY x.at_new DESC, x.imported_at DESC, x.id DESC) AS rank
       FROM (SELECT u.id, u.agency_id, u.hub_id, coalesce(mv.new_key, u.api_key) AS key, u.app_key, u.key_type,
                    u.period_start, u.period_end, mv.new_key IS NULL AS at_new, i.imported_at
               FROM hub_usage u
               JOIN hub_import i ON i.id = u.import_id
               LEFT JOIN hub_api_moves mv ON mv.agency_id = u.agency_id AND mv.hub_id = u.hub_id AND mv.old_key = u.api_key
              WHERE (u.agency_id, u.hub_id, u.api_key) IN (SELECT agency_id, hub_id, old_key FROM hub_api_moves
                                                            UNION SELECT agency_id, hub_id, new_key FROM hub_api_moves)
            ) x
   ) r WHERE u.id = r.id AND r.rank > 1`,
  `UPDATE hub_usage u SET api_key = mv.new_key FROM hub_api_moves mv
    WHERE mv.agency_id = u.agency_id AND mv.hub_id = u.hub_id AND mv.old_key = u.api_key`,
  `DELETE FROM hub_subscription s USING (
     SELECT id, row_number() OVER (
              PARTITION BY x.agency_id, x.hub_id, x.key, x.app_key
              ORDER BY x.at_new DESC, x.imported_at DESC, x.id DESC) AS rank
       FROM (SELECT s.id, s.agency_id, s.hub_id, coalesce(mv.new_key, s.api_key) AS key, s.app_key,
                    mv.new_key IS NULL AS at_new, i.imported_at
               FROM hub_subscription s
               JOIN hub_import i ON i.id = s.import_id
               LEFT JOIN hub_api_moves mv ON mv.agency_id = s.agency_id AND mv.hub_id = s.hub_id AND mv.old_key = s.api_key
              WHERE (s.agency_id, s.hub_id, s.api_key) IN (SELECT agency_id, hub_id, old_key FROM hub_api_moves
                                                            UNION SELECT agency_id, hub_id, new_key FROM hub_api_moves)
            ) x
   ) r WHERE s.id = r.id AND r.rank > 1`,
  `UPDATE hub_subscription s SET api_key = mv.new_key FROM hub_api_moves mv
    WHERE mv.agency_id = s.agency_id AND mv.hub_id = s.hub_id AND mv.old_key = s.api_key`,
  // A rule naming a dropped id follows the API, unless a rule for the new key exists already.
  `UPDATE hub_mapping_rule r SET match_value = c.new_key FROM (
     SELECT DISTINCT ON (r2.agency_id, mv.new_key) r2.id, mv.new_key
       FROM hub_mapping_rule r2
       JOIN hub_api_moves mv ON mv.agency_id = r2.agency_id AND lower(r2.match_value) = lower(mv.old_key)
      WHERE r2.match_type = 'api_id'
        AND NOT EXISTS (SELECT 1 FROM hub_api a JOIN hub_api_rekey k ON k.survivor = a.id
                         WHERE k.agency_id = mv.agency_id AND k.hub_id = mv.hub_id AND k.new_key = mv.new_key
                           AND lower(coalesce(a.source_id, '')) = lower(mv.old_key))
        AND NOT EXISTS (SELECT 1 FROM hub_mapping_rule o WHERE o.agency_id = r2.agency_id
                           AND o.match_type = 'api_id' AND lower(o.match_value) = lower(mv.new_key))
      ORDER BY r2.agency_id, mv.new_key, r2.created_at
   ) c WHERE r.id = c.id`,
  `DELETE FROM hub_api a USING hub_api_rekey k WHERE a.id = k.id AND k.id <> k.survivor`,
  `UPDATE hub_api a SET api_key = k.new_key FROM hub_api_rekey k WHERE a.id = k.survivor AND a.api_key <> k.new_key`,
];
