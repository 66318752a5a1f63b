import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '../../access/actor';
import { ASSESSED_INDICATORS } from '../../assessments/assessments.service';
import { Period } from '../../periods/period.entity';
import { DifferenceLevels, ReviewRepository } from './review.repository';

export interface DifferenceRow extends DifferenceLevels {
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
  constructor(@Inject(ReviewRepository) private readonly review: ReviewRepository) {}

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
    if (actor.role === 'evaluator') return this.review.assignedAgencyIds(actor.userId, period.id);
    return actor.agencyId ? [actor.agencyId] : [];
  }

  private async rows(periodId: string, agencyIds: string[] | null): Promise<DifferenceRow[]> {
    const rows = await this.review.differenceRows(periodId, agencyIds, [...ASSESSED_INDICATORS]);
    return rows.map((r) => ({
      ...r,
      difference: r.claimed === null || r.validated === null ? null : r.validated - r.claimed,
    }));
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
