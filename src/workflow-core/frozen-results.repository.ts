import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AgencyFreeze } from './agency-freeze.entity';
import { FrozenIndicatorResult, FrozenRowContent } from './freeze-hash';
import { FrozenResult } from './frozen-result.entity';

/**
 * The frozen results (`agency_freeze`, `frozen_result`): written once when an agency's results
 * are frozen, never changed after (the database refuses it too), read by pages and reports.
 */
@Injectable()
export class FrozenResultsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(m?: EntityManager): EntityManager {
    return m ?? this.dataSource.manager;
  }

  /**
   * The agency's freeze of the period, null when it is not frozen. A plain statement: every page
   * showing an agency's levels asks, and most agencies are not frozen.
   */
  async freezeOf(agencyId: string, periodId: string, m?: EntityManager): Promise<AgencyFreeze | null> {
    const rows: AgencyFreeze[] = await this.manager(m).query(
      `SELECT agency_id AS "agencyId", period_id AS "periodId", snapshot_hash AS "snapshotHash",
              engine_version AS "engineVersion", framework_version AS "frameworkVersion",
              framework_hash AS "frameworkHash", package_hash AS "packageHash",
              package_index AS "packageIndex", frozen_at AS "frozenAt", frozen_by AS "frozenBy"
         FROM agency_freeze WHERE agency_id = $1 AND period_id = $2`,
      [agencyId, periodId],
    );
    return rows[0] ? Object.assign(new AgencyFreeze(), rows[0]) : null;
  }

  /** The agency's frozen rows of the period, by indicator. */
  rowsOf(agencyId: string, periodId: string, m?: EntityManager): Promise<FrozenResult[]> {
    return this.manager(m)
      .getRepository(FrozenResult)
      .find({ where: { agencyId, periodId }, order: { indicator: 'ASC' } });
  }

  async anyFrozen(periodId: string, m?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await this.manager(m).query(
      'SELECT 1 FROM agency_freeze WHERE period_id = $1 LIMIT 1',
      [periodId],
    );
    return rows.length > 0;
  }

  /** Whether the agency is frozen for the period, its freeze row locked for the transaction. */
  async lockFrozen(m: EntityManager, agencyId: string, periodId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      'SELECT 1 FROM agency_freeze WHERE agency_id = $1 AND period_id = $2 FOR UPDATE',
      [agencyId, periodId],
    );
    return rows.length > 0;
  }

  /** The agency's frozen rows, one per indicator ({@link insertFreeze} seals them with their hash). */
  async insertRows(
    m: EntityManager,
    rows: (FrozenRowContent & { result: FrozenIndicatorResult; hash: string })[],
    frozenAt: Date,
  ): Promise<void> {
    for (const r of rows) {
      await m.query(
        `INSERT INTO frozen_result (agency_id, period_id, indicator, facts, result, engine_version, framework_version, hash, frozen_at)
         VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9)`,
        [
          r.agencyId,
          r.periodId,
          r.indicator,
          JSON.stringify(r.facts),
          JSON.stringify(r.result),
          r.engineVersion,
          r.frameworkVersion,
          r.hash,
          frozenAt,
        ],
      );
    }
  }

  async insertFreeze(m: EntityManager, freeze: AgencyFreeze): Promise<void> {
    await m.query(
      `INSERT INTO agency_freeze (agency_id, period_id, snapshot_hash, engine_version, framework_version, framework_hash, frozen_at, frozen_by, package_hash, package_index)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)`,
      [
        freeze.agencyId,
        freeze.periodId,
        freeze.snapshotHash,
        freeze.engineVersion,
        freeze.frameworkVersion,
        freeze.frameworkHash,
        freeze.frozenAt,
        freeze.frozenBy,
        freeze.packageHash,
        freeze.packageIndex === null ? null : JSON.stringify(freeze.packageIndex),
      ],
    );
  }
}
