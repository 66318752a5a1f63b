import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AgencyFreeze } from './agency-freeze.entity';
import { FrozenIndicatorResult, rowHash, snapshotHash } from './freeze-hash';
import { FrozenResult } from './frozen-result.entity';
import { FrozenResultsRepository } from './frozen-results.repository';

export interface FrozenAgency {
  freeze: AgencyFreeze;
  rows: FrozenResult[];
  /** Whether every stored hash and the snapshot hash still match the stored content. */
  intact: boolean;
}

/** Reads frozen results; pages and reports show them instead of live levels once they exist. */
@Injectable()
export class FrozenResultsReader {
  constructor(@Inject(FrozenResultsRepository) private readonly repo: FrozenResultsRepository) {}

  async forAgency(agencyId: string, periodId: string, m?: EntityManager): Promise<FrozenAgency | null> {
    const freeze = await this.repo.freezeOf(agencyId, periodId, m);
    if (!freeze) return null;
    const rows = await this.repo.rowsOf(agencyId, periodId, m);
    return { freeze, rows, intact: isIntact(freeze, rows) };
  }

  /** The frozen result of each indicator, by indicator number. */
  static results(frozen: FrozenAgency): Map<number, FrozenIndicatorResult> {
    return new Map(frozen.rows.map((r) => [r.indicator, r.result as unknown as FrozenIndicatorResult]));
  }

  anyFrozen(periodId: string, m?: EntityManager): Promise<boolean> {
    return this.repo.anyFrozen(periodId, m);
  }
}

export function isIntact(freeze: AgencyFreeze, rows: FrozenResult[]): boolean {
  const each = rows.every((r) => rowHash(r) === r.hash);
  return each && rows.length > 0 && snapshotHash(rows) === freeze.snapshotHash;
}
