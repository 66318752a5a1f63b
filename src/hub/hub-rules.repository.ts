import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { MatchType } from './parsers';

export interface RuleInput {
  unitId: string;
  matchType: MatchType;
  matchValue: string;
}

export interface RuleView {
  id: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  matchType: MatchType;
  matchValue: string;
  source: string;
  sourceFile: string | null;
  createdByName: string | null;
  createdAt: string;
  /** APIs and applications this rule attributes now. */
  matches: number;
}

export interface UnmappedView {
  kind: 'api' | 'application';
  id: string;
  hubId: string;
  key: string;
  name: string;
  version: string | null;
  context: string | null;
  owner: string | null;
  publishedOnBus: boolean | null;
}

export interface LinkCandidate {
  kind: 'api' | 'application';
  id: string;
  hubId: string;
  name: string;
  unitId: string | null;
  unitCode: string | null;
  applicationId: string | null;
  applicationLink: string | null;
}

/**
 * The mapping rules, whose one writer this is (rules added by hand and those a hub file brings),
 * and the hub records they leave without a unit.
 */
@Injectable()
export class HubRulesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(agencyId: string): Promise<RuleView[]> {
    const rows: Array<Omit<RuleView, 'createdAt'> & { createdAt: Date }> = await this.dataSource.query(
      `SELECT r.id, r.unit_id AS "unitId", u.code AS "unitCode", u.name AS "unitName", r.match_type AS "matchType",
              r.match_value AS "matchValue", r.source, i.file_name AS "sourceFile",
              coalesce(usr.display_name, usr.username) AS "createdByName", r.created_at AS "createdAt",
              ((SELECT count(*) FROM hub_api a WHERE a.unit_rule_id = r.id)
               + (SELECT count(*) FROM hub_application h WHERE h.unit_rule_id = r.id))::int AS matches
         FROM hub_mapping_rule r
         JOIN unit u ON u.id = r.unit_id
         LEFT JOIN hub_import i ON i.id::text = r.source
         LEFT JOIN app_user usr ON usr.id = r.created_by
        WHERE r.agency_id = $1
        ORDER BY u.code, r.match_type, lower(r.match_value)`,
      [agencyId],
    );
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  }

  /** Inserts a rule; false when the same type and value (any case) already has one. */
  async insert(
    m: EntityManager,
    agencyId: string,
    rule: RuleInput,
    createdBy: string | null,
  ): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO hub_mapping_rule (agency_id, unit_id, match_type, match_value, source, created_by)
       VALUES ($1, $2, $3, $4, 'manual', $5)
       ON CONFLICT (agency_id, match_type, lower(match_value)) DO NOTHING RETURNING id`,
      [agencyId, rule.unitId, rule.matchType, rule.matchValue, createdBy],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * The rules an import's F8 file brings, in one statement: a rule declared again (same type and
   * value, any case) moves to the unit the file names.
   */
  async upsertImported(
    m: EntityManager,
    agencyId: string,
    source: string,
    createdBy: string | null,
    rules: RuleInput[],
  ): Promise<void> {
    if (!rules.length) return;
    const rows = rules.map((r) => ({
      unit_id: r.unitId,
      match_type: r.matchType,
      match_value: r.matchValue,
    }));
    await m.query(
      `INSERT INTO hub_mapping_rule (agency_id, source, created_by, unit_id, match_type, match_value)
       SELECT $1, $2, $3, x.* FROM jsonb_to_recordset($4::jsonb) AS x(unit_id uuid, match_type text, match_value text)
       ON CONFLICT (agency_id, match_type, lower(match_value)) DO UPDATE SET unit_id = EXCLUDED.unit_id,
         source = EXCLUDED.source, match_value = EXCLUDED.match_value`,
      [agencyId, source, createdBy, JSON.stringify(rows)],
    );
  }

  async remove(m: EntityManager, agencyId: string, id: string): Promise<RuleView | null> {
    // A DELETE answers [rows, affected count] through TypeORM's postgres driver.
    const [rows] = (await m.query(
      `DELETE FROM hub_mapping_rule WHERE agency_id = $1 AND id = $2
       RETURNING id, unit_id AS "unitId", match_type AS "matchType", match_value AS "matchValue", source`,
      [agencyId, id],
    )) as [RuleView[], number];
    return rows[0] ?? null;
  }

  unmapped(agencyId: string, m?: EntityManager): Promise<UnmappedView[]> {
    return (m ?? this.dataSource.manager).query(
      `SELECT 'api' AS kind, id, hub_id AS "hubId", api_key AS key, name, version, context, provider AS owner,
              published_on_bus AS "publishedOnBus"
         FROM hub_api WHERE agency_id = $1 AND unit_id IS NULL
       UNION ALL
       SELECT 'application', id, hub_id, app_key, name, NULL, NULL, owner, NULL
         FROM hub_application WHERE agency_id = $1 AND unit_id IS NULL
       ORDER BY 1, 5, 6`,
      [agencyId],
    );
  }

  /** Hub APIs and applications with a unit, the ones that can be linked to our applications. */
  linkCandidates(agencyId: string, unitId: string | null): Promise<LinkCandidate[]> {
    return this.dataSource.query(
      `SELECT 'api' AS kind, a.id, a.hub_id AS "hubId", a.name || ' ' || a.version AS name, a.unit_id AS "unitId",
              u.code AS "unitCode", a.application_id AS "applicationId", a.application_link AS "applicationLink"
         FROM hub_api a LEFT JOIN unit u ON u.id = a.unit_id
        WHERE a.agency_id = $1 AND a.unit_id IS NOT NULL AND ($2::uuid IS NULL OR a.unit_id = $2::uuid)
       UNION ALL
       SELECT 'application', h.id, h.hub_id, h.name, h.unit_id, u.code, h.application_id, h.application_link
         FROM hub_application h LEFT JOIN unit u ON u.id = h.unit_id
        WHERE h.agency_id = $1 AND h.unit_id IS NOT NULL AND ($2::uuid IS NULL OR h.unit_id = $2::uuid)
       ORDER BY 6, 1, 4`,
      [agencyId, unitId],
    );
  }

  /** What a rule needs to pick exactly this record: an API's key, an application's owner. */
  async ruleValueFor(
    m: EntityManager,
    agencyId: string,
    kind: 'api' | 'application',
    id: string,
  ): Promise<{ found: boolean; value: string | null }> {
    const rows: { value: string | null }[] =
      kind === 'api'
        ? await m.query('SELECT api_key AS value FROM hub_api WHERE agency_id = $1 AND id = $2', [
            agencyId,
            id,
          ])
        : await m.query('SELECT owner AS value FROM hub_application WHERE agency_id = $1 AND id = $2', [
            agencyId,
            id,
          ]);
    return { found: rows.length > 0, value: rows[0]?.value ?? null };
  }
}
