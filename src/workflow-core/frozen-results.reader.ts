import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AgencyFreeze } from './agency-freeze.entity';
import { FrozenIndicatorResult, rowHash, snapshotHash } from './freeze-hash';
import { FrozenResult } from './frozen-result.entity';

export interface FrozenAgency {
  freeze: AgencyFreeze;
  rows: FrozenResult[];
  /** Whether every stored hash and the snapshot hash still match the stored content. */
  intact: boolean;
}

/** Reads frozen results; pages and reports show them instead of live levels once they exist. */
@Injectable()
export class FrozenResultsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forAgency(agencyId: string, periodId: string, m?: EntityManager): Promise<FrozenAgency | null> {
    const manager = m ?? this.dataSource.manager;
    const freeze = await manager.getRepository(AgencyFreeze).findOne({ where: { agencyId, periodId } });
    if (!freeze) return null;
    const rows = await manager
      .getRepository(FrozenResult)
      .find({ where: { agencyId, periodId }, order: { indicator: 'ASC' } });
    return { freeze, rows, intact: isIntact(freeze, rows) };
  }

  /** The frozen result of each indicator, by indicator number. */
  static results(frozen: FrozenAgency): Map<number, FrozenIndicatorResult> {
    return new Map(frozen.rows.map((r) => [r.indicator, r.result as unknown as FrozenIndicatorResult]));
  }

  async anyFrozen(periodId: string, m?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await (m ?? this.dataSource.manager).query(
      'SELECT 1 FROM agency_freeze WHERE period_id = $1 LIMIT 1',
      [periodId],
    );
    return rows.length > 0;
  }
}

export function isIntact(freeze: AgencyFreeze, rows: FrozenResult[]): boolean {
  const each = rows.every((r) => rowHash(r) === r.hash);
  return each && rows.length > 0 && snapshotHash(rows) === freeze.snapshotHash;
}
