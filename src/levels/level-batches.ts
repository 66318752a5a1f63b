import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Period } from '../periods/period.entity';
import { PeriodRepository } from '../periods/period.repository';
import type { Facts } from '../scoring/facts.types';
import { ENGINE_VERSION } from '../scoring/engine';
import { ScoringService } from '../scoring/scoring.service';
import { ScoredPeriod, Scored, ScoringJob, engineKey, scoreBatch, sha256 } from './batch-scoring';
import { buildFacts } from './facts.builder';
import { FactTexts, FactsRepository } from './facts.repository';
import { LevelResultsRepository } from './level-results.repository';

/** Facts of the agencies changed or shown last (about 0.5 MB each): see `LevelsReader.factsOf`. */
const REMEMBERED_FACTS = 32;

/**
 * The periods a recompute covers: the one with this id (unless it is final), or exactly the
 * period given.
 */
export type RecomputeScope = ScoredPeriod | { periodId: string };

/** A batch read: its agencies, what the facts statement answered and the keys of their stored results. */
export interface Batch {
  agencyIds: string[];
  texts: FactTexts;
  keys: Map<string, string>;
}

export function factsHash(facts: Facts): string {
  return sha256(JSON.stringify(facts));
}

/**
 * What every recompute shares: the periods it covers, reading a batch's facts, scoring it with the
 * current framework and storing the results; and the facts of the last one-agency recomputes,
 * kept so the next change or read of the same agency need not rebuild them.
 */
@Injectable()
export class LevelBatches {
  /** The facts of recent one-agency recomputes and their hash, least recently used first. */
  private readonly recentFacts = new Map<string, { facts: Facts; hash: string }>();

  constructor(
    @Inject(FactsRepository) private readonly factsRepo: FactsRepository,
    @Inject(LevelResultsRepository) readonly results: LevelResultsRepository,
    @Inject(PeriodRepository) private readonly periods: PeriodRepository,
    @Inject(ScoringService) private readonly scoring: ScoringService,
  ) {}

  /** The facts of an agency in a period, built from live data. */
  async facts(agencyId: string, period: Period, manager?: EntityManager): Promise<Facts> {
    const rows = await this.factsRepo.load([agencyId], period.id, manager);
    return buildFacts(rows.get(agencyId)!, period, this.scoring.getFramework());
  }

  /** The key of the current engine and framework, as stored results record it. */
  engine(): string {
    const framework = this.scoring.getFramework();
    return engineKey(ENGINE_VERSION, framework.id, framework.version);
  }

  framework() {
    return this.scoring.getFramework();
  }

  /** The periods of a scope: every period that is not final (no scope), the one named, or the one given. */
  async periodsIn(m: EntityManager, scope?: RecomputeScope): Promise<ScoredPeriod[]> {
    if (scope && !('periodId' in scope)) return [scope];
    const periods = scope ? await this.periods.findByIds([scope.periodId], m) : await this.periods.all(m);
    return periods.filter((p) => p.stage !== 'final');
  }

  async evaluate(
    m: EntityManager,
    agencyIds: string[],
    period: ScoredPeriod,
    reuse: boolean,
  ): Promise<Scored[]> {
    return this.score(await this.readBatch(m, agencyIds, period, reuse), period);
  }

  /** The batch's fact rows, and (to reuse results) the key of what is stored for each agency. */
  async readBatch(
    m: EntityManager,
    agencyIds: string[],
    period: ScoredPeriod,
    reuse: boolean,
  ): Promise<Batch> {
    // One after the other: both may go to the same connection.
    const keys = reuse ? await this.results.storedKeys(m, period.id, agencyIds) : new Map<string, string>();
    const texts = await this.factsRepo.loadTexts(agencyIds, period.id, m);
    return { agencyIds, texts, keys };
  }

  job(batch: Batch, period: ScoredPeriod): ScoringJob {
    const { id, year, stage, asOf, edition, coverageTarget, reviewWindowMonths } = period;
    return {
      texts: batch.texts,
      agencyIds: batch.agencyIds,
      keys: [...batch.keys],
      period: { id, year, stage, asOf, edition, coverageTarget, reviewWindowMonths },
    };
  }

  score(batch: Batch, period: ScoredPeriod): Scored[] {
    // One agency: a change of its data; its facts are kept for the next one.
    const seen =
      batch.agencyIds.length === 1
        ? (agencyId: string, facts: Facts, hash: string) =>
            this.rememberFacts(agencyId, period.id, facts, hash)
        : undefined;
    return scoreBatch(this.job(batch, period), this.scoring.getFramework(), this.engine(), seen);
  }

  /** Stores the results; answers how many agencies' results were stored. */
  async store(m: EntityManager, period: ScoredPeriod, results: Scored[]): Promise<number> {
    if (results.length > 0) await this.results.store(m, period.id, results);
    return results.length;
  }

  /** The facts last remembered for the agency and period, if still in memory. */
  knownFacts(agencyId: string, periodId: string): { facts: Facts; hash: string } | undefined {
    return this.recentFacts.get(`${agencyId}|${periodId}`);
  }

  rememberFacts(agencyId: string, periodId: string, facts: Facts, hash: string): void {
    const key = `${agencyId}|${periodId}`;
    this.recentFacts.delete(key);
    this.recentFacts.set(key, { facts, hash });
    if (this.recentFacts.size > REMEMBERED_FACTS)
      this.recentFacts.delete(this.recentFacts.keys().next().value!);
  }
}
