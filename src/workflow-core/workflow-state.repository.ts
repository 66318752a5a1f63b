import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Edition, PeriodStage } from '../periods/period.entity';

export interface PeriodState {
  periodId: string;
  year: number;
  stage: PeriodStage;
  submittedAt: Date | null;
}

export interface EvidenceState {
  id: string;
  agencyId: string;
  periodId: string;
  status: string;
  version: number;
  title: string;
}

export interface OpenRound {
  id: string;
  roundNo: number;
  openedAt: Date;
  answeredAt: Date | null;
}

const STATE_SQL = `SELECT p.id AS "periodId", p.year, p.stage, s.submitted_at AS "submittedAt"
  FROM period p LEFT JOIN agency_submission s ON s.period_id = p.id AND s.agency_id = $1`;

/**
 * A write's state: the period's stage, the agency's submission and whether the item `evidence`
 * (an SQL expression, possibly NULL) is reopened by a round waiting for the agency's answer;
 * `a` and `p` are the agency and period rows the statement joins and shares.
 */
const WRITE_STATE_COLUMNS = `p.id AS "periodId", p.year, p.stage, s.submitted_at AS "submittedAt",
  (r.id IS NOT NULL AND r.answered_at IS NULL) AS "itemReopened"`;
const writeStateJoins = (evidence: string) => `
  LEFT JOIN agency_submission s ON s.period_id = p.id AND s.agency_id = a.id
  LEFT JOIN LATERAL (SELECT id, answered_at FROM interview_round
                      WHERE evidence_id = ${evidence} AND closed_at IS NULL ORDER BY round_no DESC LIMIT 1) r ON true`;

/** An evidence item locked for a move, with what its period's rules read and the period itself. */
export interface LockedEvidence {
  evidence: { id: string; periodId: string; status: string; statusReason: string | null };
  state: PeriodState & { itemReopened: boolean };
  /** What scoring needs of the item's period (the unit of work recomputes it as is). */
  period: {
    id: string;
    year: number;
    stage: PeriodStage;
    asOf: string;
    edition: Edition;
    coverageTarget: string;
    reviewWindowMonths: number | null;
  };
}

/** The facts every workflow rule reads: a period's stage, the agency's submission, open rounds. */
@Injectable()
export class WorkflowStateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private q<T>(m: EntityManager | undefined, sql: string, params: unknown[]): Promise<T[]> {
    return (m ?? this.dataSource.manager).query(sql, params);
  }

  /** The agency's name, for messages in inboxes ('' for no such agency). */
  async agencyName(m: EntityManager, agencyId: string): Promise<string> {
    const rows = await this.q<{ name: string }>(m, 'SELECT name FROM agency WHERE id = $1', [agencyId]);
    return rows[0]?.name ?? '';
  }

  /** Shares the period row so a concurrent stage move waits for the write that checked it. */
  async periodState(agencyId: string, periodId: string, m?: EntityManager): Promise<PeriodState | null> {
    const rows = await this.q<PeriodState>(m, `${STATE_SQL} WHERE p.id = $2 FOR SHARE OF p`, [
      agencyId,
      periodId,
    ]);
    return rows[0] ?? null;
  }

  /**
   * What a write's check reads, in one statement: the agency row shared (as {@link shareAgency}),
   * the period's state shared (as {@link periodState}) and, for an evidence item, whether a round
   * reopened it and waits for the agency's answer.
   */
  async writeState(
    agencyId: string,
    periodId: string,
    evidenceId: string | null,
    m: EntityManager,
  ): Promise<(PeriodState & { itemReopened: boolean }) | null> {
    const rows = await this.q<PeriodState & { itemReopened: boolean }>(
      m,
      `SELECT ${WRITE_STATE_COLUMNS}
         FROM agency a JOIN period p ON p.id = $2 ${writeStateJoins('$3::uuid')}
        WHERE a.id = $1
          FOR SHARE OF a, p`,
      [agencyId, periodId, evidenceId],
    );
    return rows[0] ?? null;
  }

  /**
   * The evidence item locked for update and, in the same statement, what {@link writeState}
   * reads for its period (agency and period rows shared), with the period's scoring fields.
   */
  async lockEvidenceState(
    agencyId: string,
    evidenceId: string,
    m: EntityManager,
  ): Promise<LockedEvidence | null> {
    const [row] = await this.q<Record<string, unknown>>(
      m,
      `SELECT e.id, e.status, e.status_reason AS "statusReason", to_char(p.as_of, 'YYYY-MM-DD') AS "asOf",
              p.edition, p.coverage_target::text AS "coverageTarget",
              p.review_window_months AS "reviewWindowMonths", ${WRITE_STATE_COLUMNS}
         FROM evidence e JOIN agency a ON a.id = e.agency_id JOIN period p ON p.id = e.period_id
              ${writeStateJoins('e.id')}
        WHERE e.id = $1 AND e.agency_id = $2
          FOR UPDATE OF e FOR SHARE OF a, p`,
      [evidenceId, agencyId],
    );
    if (!row) return null;
    const r = row as Record<string, never>;
    return {
      evidence: { id: r.id, periodId: r.periodId, status: r.status, statusReason: r.statusReason },
      state: {
        periodId: r.periodId,
        year: r.year,
        stage: r.stage,
        submittedAt: r.submittedAt,
        itemReopened: r.itemReopened,
      },
      period: {
        id: r.periodId,
        year: r.year,
        stage: r.stage,
        asOf: r.asOf,
        edition: r.edition,
        coverageTarget: r.coverageTarget,
        reviewWindowMonths: r.reviewWindowMonths,
      },
    };
  }

  /** The same periods read without locking, for pages deciding which forms to offer. */
  readOpenPeriodStates(agencyId: string): Promise<PeriodState[]> {
    return this.q<PeriodState>(undefined, `${STATE_SQL} WHERE p.stage <> 'final' ORDER BY p.year`, [
      agencyId,
    ]);
  }

  /** Every period that is not final: their facts still follow the agency's live data. */
  openPeriodStates(agencyId: string, m: EntityManager): Promise<PeriodState[]> {
    return this.q<PeriodState>(m, `${STATE_SQL} WHERE p.stage <> 'final' ORDER BY p.year FOR SHARE OF p`, [
      agencyId,
    ]);
  }

  /** Serialises the agency's writes against its submission (writers share, submit takes it). */
  async shareAgency(agencyId: string, m: EntityManager, exclusive = false): Promise<boolean> {
    const rows = await m.query(
      `SELECT id FROM agency WHERE id = $1 ${exclusive ? 'FOR UPDATE' : 'FOR SHARE'}`,
      [agencyId],
    );
    return rows.length > 0;
  }

  async lockEvidence(agencyId: string, evidenceId: string, m: EntityManager): Promise<EvidenceState | null> {
    const rows = await this.q<EvidenceState>(
      m,
      `SELECT id, agency_id AS "agencyId", period_id AS "periodId", status, version, title
       FROM evidence WHERE id = $1 AND agency_id = $2 FOR UPDATE`,
      [evidenceId, agencyId],
    );
    return rows[0] ?? null;
  }

  /** Every agency, for a recompute of a whole period. */
  async agencyIds(m: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await m.query('SELECT id FROM agency ORDER BY id');
    return rows.map((r) => r.id);
  }

  async openRound(evidenceId: string, m?: EntityManager): Promise<OpenRound | null> {
    const rows = await this.q<OpenRound>(
      m,
      `SELECT id, round_no AS "roundNo", opened_at AS "openedAt", answered_at AS "answeredAt"
       FROM interview_round WHERE evidence_id = $1 AND closed_at IS NULL ORDER BY round_no DESC LIMIT 1`,
      [evidenceId],
    );
    return rows[0] ?? null;
  }

  async isAssigned(userId: string, agencyId: string, periodId: string, m?: EntityManager): Promise<boolean> {
    const rows = await this.q(
      m,
      'SELECT 1 FROM evaluator_assignment WHERE user_id = $1 AND agency_id = $2 AND period_id = $3',
      [userId, agencyId, periodId],
    );
    return rows.length > 0;
  }

  async periodByYear(
    year: number,
    m?: EntityManager,
  ): Promise<{ id: string; year: number; stage: PeriodStage } | null> {
    const rows = await this.q<{ id: string; year: number; stage: PeriodStage }>(
      m,
      'SELECT id, year, stage FROM period WHERE year = $1',
      [year],
    );
    return rows[0] ?? null;
  }
}
