import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface QueueRow {
  agencyId: string;
  name: string;
  submittedAt: Date | null;
  pending: number;
  accepted: number;
  needsRevision: number;
  rejected: number;
  drafts: number;
}

export interface ReviewItemRow {
  id: string;
  title: string;
  kind: string;
  status: string;
  statusReason: string | null;
  version: number;
  indicators: number[];
  documentDate: string;
  documentNumber: string | null;
  allUnits: boolean;
  units: string[];
  /** A link item's URL: shown as a link that opens in a new tab, never embedded or fetched. */
  url: string | null;
  capturedAt: string | null;
}

export interface ReviewFileRow {
  id: string;
  evidenceId: string;
  name: string;
  mimeType: string;
  size: string;
}

export interface DecisionRow {
  evidenceId: string;
  status: string;
  source: string;
  reasonCode: string | null;
  reason: string | null;
  decidedByName: string;
  decidedAt: Date;
}

/** Claimed, computed, verified and validated levels of one agency and indicator. */
export interface DifferenceLevels {
  agencyId: string;
  agencyName: string;
  indicator: number;
  claimed: number | null;
  supported: number | null;
  verified: number | null;
  validated: number | null;
  validationNote: string | null;
}

/** The reads behind the review queue: set-based, a handful of statements per page. */
@Injectable()
export class ReviewRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Agencies with their evidence counts; `agencyIds` null means every agency. */
  queue(periodId: string, agencyIds: string[] | null): Promise<QueueRow[]> {
    return this.dataSource.query(
      `SELECT a.id AS "agencyId", a.name, s.submitted_at AS "submittedAt",
         count(e.id) FILTER (WHERE e.status = 'submitted')::int AS pending,
         count(e.id) FILTER (WHERE e.status = 'accepted')::int AS accepted,
         count(e.id) FILTER (WHERE e.status = 'needs_revision')::int AS "needsRevision",
         count(e.id) FILTER (WHERE e.status = 'rejected')::int AS rejected,
         count(e.id) FILTER (WHERE e.status = 'draft')::int AS drafts
       FROM agency a
       LEFT JOIN agency_submission s ON s.agency_id = a.id AND s.period_id = $1
       LEFT JOIN evidence e ON e.agency_id = a.id AND e.period_id = $1
       WHERE $2::uuid[] IS NULL OR a.id = ANY($2::uuid[])
       GROUP BY a.id, a.name, s.submitted_at
       ORDER BY a.name, a.id`,
      [periodId, agencyIds],
    );
  }

  assignedAgencyIds(userId: string, periodId: string): Promise<string[]> {
    return this.dataSource
      .query('SELECT agency_id FROM evaluator_assignment WHERE user_id = $1 AND period_id = $2', [
        userId,
        periodId,
      ])
      .then((rows: { agency_id: string }[]) => rows.map((r) => r.agency_id));
  }

  /** Every item the agency has sent (drafts are the agency's own business). */
  items(agencyId: string, periodId: string): Promise<ReviewItemRow[]> {
    return this.dataSource.query(
      `SELECT e.id, e.title, e.kind, e.status, e.status_reason AS "statusReason", e.version, e.indicators,
         to_char(e.document_date, 'YYYY-MM-DD') AS "documentDate", e.document_number AS "documentNumber",
         e.all_units AS "allUnits", e.url, to_char(e.captured_at, 'YYYY-MM-DD') AS "capturedAt",
         coalesce((SELECT array_agg(u.name ORDER BY u.name) FROM evidence_unit eu JOIN unit u ON u.id = eu.unit_id
                   WHERE eu.evidence_id = e.id), '{}') AS units
       FROM evidence e
       WHERE e.agency_id = $1 AND e.period_id = $2 AND e.status <> 'draft'
       ORDER BY e.created_at, e.id`,
      [agencyId, periodId],
    );
  }

  currentFiles(evidenceIds: string[]): Promise<ReviewFileRow[]> {
    return this.dataSource.query(
      `SELECT id, evidence_id AS "evidenceId", original_name AS name, mime_type AS "mimeType", size
       FROM evidence_file WHERE evidence_id = ANY($1::uuid[]) AND is_current ORDER BY slot`,
      [evidenceIds],
    );
  }

  lastDecisions(evidenceIds: string[]): Promise<DecisionRow[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (evidence_id) evidence_id AS "evidenceId", status, source, reason_code AS "reasonCode",
         reason, decided_by_name AS "decidedByName", decided_at AS "decidedAt"
       FROM evidence_decision WHERE evidence_id = ANY($1::uuid[])
       ORDER BY evidence_id, decided_at DESC, id DESC`,
      [evidenceIds],
    );
  }

  decisions(evidenceId: string): Promise<DecisionRow[]> {
    return this.dataSource.query(
      `SELECT evidence_id AS "evidenceId", status, source, reason_code AS "reasonCode", reason,
         decided_by_name AS "decidedByName", decided_at AS "decidedAt"
       FROM evidence_decision WHERE evidence_id = $1 ORDER BY decided_at DESC, id DESC`,
      [evidenceId],
    );
  }

  /** Levels per agency and indicator; frozen values win once they exist. `agencyIds` null: every agency. */
  differenceRows(
    periodId: string,
    agencyIds: string[] | null,
    indicators: number[],
  ): Promise<DifferenceLevels[]> {
    const frozen = (key: string) => `(f.result->>'${key}')::int`;
    return this.dataSource.query(
      `SELECT ag.id AS "agencyId", ag.name AS "agencyName", i.indicator::int AS indicator,
           CASE WHEN f.agency_id IS NULL THEN a.claimed_level ELSE ${frozen('claimed')} END AS claimed,
           CASE WHEN f.agency_id IS NULL THEN s.level ELSE ${frozen('supported')} END AS supported,
           CASE WHEN f.agency_id IS NULL THEN v.level ELSE ${frozen('verified')} END AS verified,
           CASE WHEN f.agency_id IS NULL THEN a.validated_level ELSE ${frozen('validated')} END AS validated,
           CASE WHEN f.agency_id IS NULL THEN a.validation_note ELSE f.result->>'validationNote' END AS "validationNote"
         FROM agency ag
         CROSS JOIN unnest($3::int[]) AS i(indicator)
         LEFT JOIN assessment a ON a.agency_id = ag.id AND a.period_id = $1 AND a.indicator = i.indicator
         LEFT JOIN level_result s ON s.agency_id = ag.id AND s.period_id = $1 AND s.basis = 'supported'
           AND s.indicator = i.indicator AND s.unit_key = ''
         LEFT JOIN level_result v ON v.agency_id = ag.id AND v.period_id = $1 AND v.basis = 'verified'
           AND v.indicator = i.indicator AND v.unit_key = ''
         LEFT JOIN frozen_result f ON f.agency_id = ag.id AND f.period_id = $1 AND f.indicator = i.indicator
         WHERE $2::uuid[] IS NULL OR ag.id = ANY($2::uuid[])
         ORDER BY ag.name, ag.id, i.indicator`,
      [periodId, agencyIds, indicators],
    );
  }

  /** The record of one decision on an item, at the version it was taken on. */
  async insertDecision(
    m: EntityManager,
    item: { agencyId: string; periodId: string; id: string; version: number },
    decision: { status: string; source: string; reasonCode: string | null; reason: string | null },
    by: { userId: string; username: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO evidence_decision (agency_id, period_id, evidence_id, status, source, reason_code, reason,
         evidence_version, decided_by, decided_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        item.agencyId,
        item.periodId,
        item.id,
        decision.status,
        decision.source,
        decision.reasonCode,
        decision.reason,
        item.version,
        by.userId,
        by.username,
      ],
    );
  }

  /** The agency's verified level of one indicator as stored (0 while none is stored). */
  async verifiedLevel(
    m: EntityManager,
    agencyId: string,
    periodId: string,
    indicator: number,
  ): Promise<number> {
    const rows: { level: number }[] = await m.query(
      `SELECT level FROM level_result
       WHERE agency_id = $1 AND period_id = $2 AND basis = 'verified' AND indicator = $3 AND unit_key = ''`,
      [agencyId, periodId, indicator],
    );
    return rows[0]?.level ?? 0;
  }
}
