import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** An agency as the freeze confirmation lists it. */
export interface FreezeCandidate {
  agencyId: string;
  name: string;
  submitted: boolean;
  /** Evidence items still waiting for the evaluator's decision. */
  undecided: number;
  frozen: boolean;
}

/** What a freeze reads of the period: which agencies there are, submitted, frozen, and their facts. */
@Injectable()
export class FreezeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** How many agencies there are and how many are frozen for the period. */
  async counts(periodId: string): Promise<{ agencies: number; frozen: number }> {
    const rows: { agencies: number; frozen: number }[] = await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM agency) AS agencies,
              (SELECT count(*)::int FROM agency_freeze WHERE period_id = $1) AS frozen`,
      [periodId],
    );
    return rows[0];
  }

  /** Every agency with whether it submitted, what is undecided and whether it is frozen. */
  candidates(periodId: string): Promise<FreezeCandidate[]> {
    return this.dataSource.query(
      `SELECT a.id AS "agencyId", a.name, (s.agency_id IS NOT NULL) AS submitted,
              (SELECT count(*)::int FROM evidence e
                WHERE e.agency_id = a.id AND e.period_id = $1 AND e.status = 'submitted') AS undecided,
              (f.agency_id IS NOT NULL) AS frozen
         FROM agency a
         LEFT JOIN agency_submission s ON s.agency_id = a.id AND s.period_id = $1
         LEFT JOIN agency_freeze f ON f.agency_id = a.id AND f.period_id = $1
        ORDER BY a.name, a.id`,
      [periodId],
    );
  }

  async submittedAgencyIds(periodId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT agency_id AS id FROM agency_submission WHERE period_id = $1',
      [periodId],
    );
    return rows.map((r) => r.id);
  }

  /** The ids of the named agencies that exist, or of every agency without names; by name. */
  async agencyIds(named: string[] | null): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM agency WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[]) ORDER BY name, id',
      [named],
    );
    return rows.map((r) => r.id);
  }

  /** The facts stored with the agency's snapshot when the period went final, if any. */
  async snapshotFacts(
    m: EntityManager,
    agencyId: string,
    periodId: string,
  ): Promise<Record<string, unknown> | null> {
    const rows: { facts: Record<string, unknown> | null }[] = await m.query(
      'SELECT facts FROM score_snapshot WHERE agency_id = $1 AND period_id = $2',
      [agencyId, periodId],
    );
    return rows[0]?.facts ?? null;
  }
}
