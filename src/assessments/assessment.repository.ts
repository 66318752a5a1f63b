import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Assessment } from './assessment.entity';

/** A claim or validation of one indicator, as the package's levels read it. */
export interface ClaimRow {
  id: string;
  indicator: number;
  claimedLevel: number;
  validatedLevel: number | null;
  validationNote: string | null;
  justification: string;
  status: string;
  version: number;
  evidenceIds: string[];
}

/**
 * The `assessment` table: per agency, period and indicator, the agency's claim and the
 * evaluator's validated level, and their status as the workflow moves them (submitted, final).
 */
@Injectable()
export class AssessmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(Assessment);
  }

  /** The agency's rows of the period, one per indicator it claimed or had validated. */
  ofPeriod(agencyId: string, periodId: string, m?: EntityManager): Promise<Assessment[]> {
    return this.repo(m).find({ where: { agencyId, periodId } });
  }

  /** {@link ofPeriod} as plain rows, in one statement without building entities (pages read them). */
  claimsOf(agencyId: string, periodId: string): Promise<ClaimRow[]> {
    return this.dataSource.query(
      `SELECT id, indicator, claimed_level AS "claimedLevel", validated_level AS "validatedLevel",
              validation_note AS "validationNote", justification, status, version, evidence_ids AS "evidenceIds"
         FROM assessment WHERE agency_id = $1 AND period_id = $2`,
      [agencyId, periodId],
    );
  }

  /** Locks the agency's row of one indicator, if there is one, for the rest of the transaction. */
  async lock(m: EntityManager, agencyId: string, periodId: string, indicator: number): Promise<void> {
    await m.query(
      'SELECT 1 FROM assessment WHERE agency_id = $1 AND period_id = $2 AND indicator = $3 FOR UPDATE',
      [agencyId, periodId, indicator],
    );
  }

  /** The agency's row of one indicator, locked ({@link lock}); null when it has none. */
  async lockIndicator(
    m: EntityManager,
    agencyId: string,
    periodId: string,
    indicator: number,
  ): Promise<Assessment | null> {
    await this.lock(m, agencyId, periodId, indicator);
    return this.repo(m).findOne({ where: { agencyId, periodId, indicator } });
  }

  /** Writes a package claim with the evidence it rests on (a new version when one stood). */
  async saveClaim(
    m: EntityManager,
    at: { agencyId: string; periodId: string; indicator: number },
    claim: { claimedLevel: number; justification: string; evidenceIds: string[] },
  ): Promise<ClaimRow> {
    const rows: ClaimRow[] = await m.query(
      `INSERT INTO assessment (agency_id, period_id, indicator, claimed_level, justification, evidence_ids, version)
       VALUES ($1, $2, $3, $4, $5, $6::uuid[], 1)
       ON CONFLICT (agency_id, period_id, indicator) DO UPDATE
         SET claimed_level = EXCLUDED.claimed_level, justification = EXCLUDED.justification,
             evidence_ids = EXCLUDED.evidence_ids, version = assessment.version + 1, updated_at = now()
       RETURNING id, indicator, claimed_level AS "claimedLevel", validated_level AS "validatedLevel",
                 validation_note AS "validationNote", justification, status, version, evidence_ids AS "evidenceIds"`,
      [at.agencyId, at.periodId, at.indicator, claim.claimedLevel, claim.justification, claim.evidenceIds],
    );
    return rows[0];
  }

  async claimRows(agencyId: string, periodId: string, m?: EntityManager): Promise<ClaimRow[]> {
    return (m ?? this.dataSource.manager).query(
      `SELECT id, indicator, claimed_level AS "claimedLevel", validated_level AS "validatedLevel",
              validation_note AS "validationNote", justification, status, version,
              evidence_ids AS "evidenceIds"
         FROM assessment WHERE agency_id = $1 AND period_id = $2 ORDER BY indicator`,
      [agencyId, periodId],
    );
  }

  create(m: EntityManager, fields: Partial<Assessment>): Assessment {
    return this.repo(m).create(fields);
  }

  save(m: EntityManager, row: Assessment): Promise<Assessment> {
    return this.repo(m).save(row);
  }

  /** The agency's claim of one indicator (0 without a claim). */
  async claimedLevel(
    m: EntityManager,
    agencyId: string,
    periodId: string,
    indicator: number,
  ): Promise<number> {
    const rows: { level: number }[] = await m.query(
      'SELECT claimed_level AS level FROM assessment WHERE agency_id = $1 AND period_id = $2 AND indicator = $3',
      [agencyId, periodId, indicator],
    );
    return rows[0]?.level ?? 0;
  }

  /** Claimed level per indicator (claims above 0). */
  async claimedLevels(agencyId: string, periodId: string): Promise<Map<number, number>> {
    const rows: { indicator: number; level: number }[] = await this.dataSource.query(
      'SELECT indicator, claimed_level AS level FROM assessment WHERE agency_id = $1 AND period_id = $2 AND claimed_level > 0',
      [agencyId, periodId],
    );
    return new Map(rows.map((r) => [r.indicator, r.level]));
  }

  async claimedIndicators(agencyId: string, periodId: string, m?: EntityManager): Promise<number[]> {
    const rows: { indicator: number }[] = await (m ?? this.dataSource.manager).query(
      'SELECT indicator FROM assessment WHERE agency_id = $1 AND period_id = $2',
      [agencyId, periodId],
    );
    return rows.map((r) => r.indicator);
  }

  /** Moves the draft claims to submitted; answers their ids for the history. */
  async submitDrafts(agencyId: string, periodId: string, m: EntityManager): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await m.query(
      `UPDATE assessment SET status = 'submitted', version = version + 1, updated_at = now()
       WHERE agency_id = $1 AND period_id = $2 AND status = 'draft' RETURNING id`,
      [agencyId, periodId],
    );
    return rows.map((r) => r.id);
  }

  /** Every row of the agency's period becomes final (its results are frozen). */
  async finalise(m: EntityManager, agencyId: string, periodId: string): Promise<void> {
    await m.query(
      `UPDATE assessment SET status = 'final', version = version + 1, updated_at = now() WHERE agency_id = $1 AND period_id = $2`,
      [agencyId, periodId],
    );
  }
}
