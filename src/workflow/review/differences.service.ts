import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../../access/actor';
import { ASSESSED_INDICATORS } from '../../assessments/assessments.service';
import { Period } from '../../periods/period.entity';

export interface DifferenceRow {
  agencyId: string;
  agencyName: string;
  indicator: number;
  claimed: number | null;
  supported: number | null;
  verified: number | null;
  validated: number | null;
  validationNote: string | null;
  /** validated − claimed; null until both exist. */
  difference: number | null;
}

export interface DifferenceSummary {
  indicator: number;
  agencies: number;
  validated: number;
  differing: number;
  lower: number;
  higher: number;
  /** Mean of validated − claimed over agencies with both, two decimals; null when none. */
  meanDifference: string | null;
}

/** Claimed vs validated levels, per agency and nationally; frozen values win once they exist. */
@Injectable()
export class DifferencesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, period: Period, onlyAgencyId?: string) {
    const visible = await this.visibleAgencyIds(actor, period);
    const ids = onlyAgencyId
      ? visible === null || visible.includes(onlyAgencyId)
        ? [onlyAgencyId]
        : []
      : visible;
    const rows = await this.rows(period.id, ids);
    return {
      year: period.year,
      stage: period.stage,
      rows,
      differences: rows.filter((r) => r.difference !== null && r.difference !== 0),
      summary: ASSESSED_INDICATORS.map((n) =>
        summarise(
          n,
          rows.filter((r) => r.indicator === n),
        ),
      ),
    };
  }

  /** null: every agency (admins and national leaders). */
  private async visibleAgencyIds(actor: Actor, period: Period): Promise<string[] | null> {
    if (actor.role === 'admin' || (actor.role === 'leader' && actor.agencyId === null)) return null;
    if (actor.role === 'evaluator') {
      const rows: { agency_id: string }[] = await this.dataSource.query(
        'SELECT agency_id FROM evaluator_assignment WHERE user_id = $1 AND period_id = $2',
        [actor.userId, period.id],
      );
      return rows.map((r) => r.agency_id);
    }
    return actor.agencyId ? [actor.agencyId] : [];
  }

  private rows(periodId: string, agencyIds: string[] | null): Promise<DifferenceRow[]> {
    const frozen = (key: string) => `(f.result->>'${key}')::int`;
    return this.dataSource
      .query(
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
        [periodId, agencyIds, [...ASSESSED_INDICATORS]],
      )
      .then((rows: Omit<DifferenceRow, 'difference'>[]) =>
        rows.map((r) => ({
          ...r,
          difference: r.claimed === null || r.validated === null ? null : r.validated - r.claimed,
        })),
      );
  }
}

function summarise(indicator: number, rows: DifferenceRow[]): DifferenceSummary {
  const both = rows.filter((r) => r.difference !== null);
  const total = both.reduce((sum, r) => sum + r.difference!, 0);
  return {
    indicator,
    agencies: rows.length,
    validated: rows.filter((r) => r.validated !== null).length,
    differing: both.filter((r) => r.difference !== 0).length,
    lower: both.filter((r) => r.difference! < 0).length,
    higher: both.filter((r) => r.difference! > 0).length,
    meanDifference: both.length ? (total / both.length).toFixed(2) : null,
  };
}
