import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hubViaSplSql } from '../hub/hub-via-spl';

export interface UnitRow {
  id: string;
  in_scope: boolean;
}
export interface ApplicationRow {
  id: string;
  unit_id: string;
  exchange: string;
  /** Hub data shows it publishes or consumes an API through the bus (src/hub/hub-via-spl.ts). */
  hub_via_spl?: boolean;
}
export interface EvidenceRow {
  id: string;
  kind: string;
  status: string;
  document_date: string;
  indicators: number[];
  all_units: boolean;
  unit_ids: string[];
}
export interface PolicyRow {
  id: string;
  status: 'draft' | 'enacted';
  date: string;
  all_units: boolean;
  unit_ids: string[];
  regulates_spl_use: boolean;
  regulates_splp_connection: boolean;
  replaces_id: string | null;
  evidence_ids: string[];
}
export interface IntegrationRow {
  id: string;
  with_target: 'splp' | 'other_spl';
  evidence_ids: string[];
}
export interface ReviewRow {
  id: string;
  subject: 'spl' | 'policy';
  date: string;
  all_units: boolean;
  unit_ids: string[];
  evidence_ids: string[];
}
export interface FollowUpRow {
  id: string;
  review_id: string;
  status: string;
  date: string | null;
  evidence_ids: string[];
}

export interface FactRows {
  units: UnitRow[];
  applications: ApplicationRow[];
  evidence: EvidenceRow[];
  policies: PolicyRow[];
  integrations: IntegrationRow[];
  reviews: ReviewRow[];
  followUps: FollowUpRow[];
}

const ids = (table: string, key: string, col = 'evidence_id') =>
  `coalesce((SELECT array_agg(x.${col}::text ORDER BY x.${col}) FROM ${table} x WHERE x.${key} = t.id), '{}')`;

/**
 * Reads everything the scoring engine needs for the given agencies in one statement per table:
 * set-based, so recomputing one agency or all of them costs the same number of queries.
 */
@Injectable()
export class FactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(agencyIds: string[], periodId: string, manager?: EntityManager): Promise<Map<string, FactRows>> {
    const q = (sql: string, params: unknown[]) => (manager ?? this.dataSource.manager).query(sql, params);
    const [units, applications, evidence, policies, integrations, reviews, followUps] = [
      await q(`SELECT agency_id, id, in_scope FROM unit t WHERE agency_id = ANY($1) ORDER BY code, id`, [
        agencyIds,
      ]),
      await q(
        `SELECT agency_id, id, unit_id, exchange, ${hubViaSplSql('t.id', '$2')} AS hub_via_spl
           FROM application t WHERE agency_id = ANY($1) ORDER BY name, id`,
        [agencyIds, periodId],
      ),
      await q(
        `SELECT agency_id, id, kind, status, to_char(document_date, 'YYYY-MM-DD') AS document_date, indicators, all_units,
                ${ids('evidence_unit', 'evidence_id', 'unit_id')} AS unit_ids
           FROM evidence t WHERE agency_id = ANY($1) AND period_id = $2 ORDER BY created_at, id`,
        [agencyIds, periodId],
      ),
      await q(
        `SELECT agency_id, id, status, to_char(date, 'YYYY-MM-DD') AS date, all_units, regulates_spl_use,
                regulates_splp_connection, replaces_id, ${ids('policy_unit', 'policy_id', 'unit_id')} AS unit_ids,
                ${ids('policy_evidence', 'policy_id')} AS evidence_ids
           FROM policy t WHERE agency_id = ANY($1) ORDER BY date, id`,
        [agencyIds],
      ),
      await q(
        `SELECT agency_id, id, with_target, ${ids('integration_evidence', 'integration_id')} AS evidence_ids
           FROM integration t WHERE agency_id = ANY($1) ORDER BY created_at, id`,
        [agencyIds],
      ),
      await q(
        `SELECT agency_id, id, subject, to_char(date, 'YYYY-MM-DD') AS date, all_units,
                ${ids('review_unit', 'review_id', 'unit_id')} AS unit_ids, ${ids('review_evidence', 'review_id')} AS evidence_ids
           FROM review t WHERE agency_id = ANY($1) ORDER BY date, id`,
        [agencyIds],
      ),
      await q(
        `SELECT agency_id, id, review_id, status, to_char(date, 'YYYY-MM-DD') AS date,
                ${ids('follow_up_evidence', 'follow_up_id')} AS evidence_ids
           FROM follow_up t WHERE agency_id = ANY($1) ORDER BY created_at, id`,
        [agencyIds],
      ),
    ];
    const byAgency = new Map<string, FactRows>(
      agencyIds.map((id) => [
        id,
        {
          units: [],
          applications: [],
          evidence: [],
          policies: [],
          integrations: [],
          reviews: [],
          followUps: [],
        },
      ]),
    );
    const put = (key: keyof FactRows, rows: { agency_id: string }[]) => {
      for (const row of rows) (byAgency.get(row.agency_id)?.[key] as unknown[] | undefined)?.push(row);
    };
    put('units', units);
    put('applications', applications);
    put('evidence', evidence);
    put('policies', policies);
    put('integrations', integrations);
    put('reviews', reviews);
    put('followUps', followUps);
    return byAgency;
  }
}
