import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ScoredPeriod, resultKey, scoreFacts, sha256, withEvidenceStatus } from './batch-scoring';
import { LevelBatches, RecomputeScope } from './level-batches';

/**
 * The recompute of one agency after a change of its data, in the change's transaction: only the
 * unit of work (src/workflow-core/unit-of-work.ts) calls it, for the periods the change touched
 * (and a read that finds no levels stored yet, {@link AgencyRecompute.firstLevels}).
 * Recomputes of the same agency take turns (`lockAgencies`), so concurrent writes never leave
 * results that miss one of them.
 */
@Injectable()
export class AgencyRecompute {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LevelBatches) private readonly batches: LevelBatches,
  ) {}

  /** The periods of a scope that are not final (see {@link RecomputeScope}). */
  periods(m: EntityManager, scope?: RecomputeScope): Promise<ScoredPeriod[]> {
    return this.batches.periodsIn(m, scope);
  }

  /** Rebuilds the agency's facts for each period, scores them and stores the results. */
  async recompute(m: EntityManager, agencyId: string, periods: ScoredPeriod[]): Promise<number> {
    if (!periods.length) return 0;
    await this.batches.results.lockAgencies(m, [agencyId]);
    let stored = 0;
    for (const period of periods)
      stored += await this.batches.store(
        m,
        period,
        await this.batches.evaluate(m, [agencyId], period, false),
      );
    return stored;
  }

  /**
   * The levels of an evidence item's period after its status changed in the caller's
   * transaction (and nothing else did). When the facts of the stored results are still in memory
   * (same hash and engine), the change is applied to them instead of reading every fact again:
   * recomputes of an agency take turns and every change of its data stores new results, so the
   * stored hash names the facts of all committed data. False when they are not: the caller then
   * recomputes the period in full.
   */
  async evidenceStatus(
    m: EntityManager,
    agencyId: string,
    period: ScoredPeriod,
    evidenceId: string,
    status: string,
  ): Promise<boolean> {
    const known = period.stage === 'final' ? undefined : this.batches.knownFacts(agencyId, period.id);
    if (known) {
      await this.batches.results.lockAgencies(m, [agencyId]);
      const engine = this.batches.engine();
      const stored = (await this.batches.results.storedKeys(m, period.id, [agencyId])).get(agencyId);
      if (stored === resultKey(known.hash, engine)) {
        const facts = withEvidenceStatus(known.facts, evidenceId, status);
        const factsJson = JSON.stringify(facts);
        const hash = sha256(factsJson);
        this.batches.rememberFacts(agencyId, period.id, facts, hash);
        await this.batches.store(m, period, [
          scoreFacts(agencyId, facts, factsJson, hash, period, this.batches.framework(), engine),
        ]);
        return true;
      }
    }
    return false;
  }

  /**
   * The levels of an agency that has none stored in a period, when a read finds none: no data
   * changed, so they are what any later change would store. In a transaction of their own: the
   * snapshot row's lock then orders concurrent first reads, which would otherwise both replace
   * the same level rows and collide on their unique key.
   */
  firstLevels(agencyId: string, period: ScoredPeriod): Promise<number> {
    return this.dataSource.transaction((m) => this.recompute(m, agencyId, [period]));
  }
}
