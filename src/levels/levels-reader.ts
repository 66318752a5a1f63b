import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Period } from '../periods/period.entity';
import { PeriodLookup } from '../periods/period-lookup';
import type { Facts } from '../scoring/facts.types';
import type { ScoreOutput } from '../scoring/scoring.types';
import { AgencyRecompute } from './agency-recompute';
import { LevelBatches, factsHash } from './level-batches';
import { ScoreSnapshot } from './level-result.entity';
import { LevelResultsRepository, StoredLevels } from './level-results.repository';

export interface AgencyLevels {
  agencyId: string;
  year: number;
  factsHash: string;
  computedAt: string;
  supported: ScoreOutput;
  verified: ScoreOutput;
}

/** About 1 MB each once parsed; enough for the agencies a team and its evaluators look at. */
const REMEMBERED_SNAPSHOTS = 32;

/** Reads of the stored levels and the facts behind them, for pages, reports and the API. */
@Injectable()
export class LevelsReader {
  /** Recently read snapshots, least recently used first. */
  private readonly snapshots = new Map<string, ScoreSnapshot>();

  constructor(
    @Inject(LevelBatches) private readonly batches: LevelBatches,
    @Inject(LevelResultsRepository) private readonly results: LevelResultsRepository,
    @Inject(AgencyRecompute) private readonly recompute: AgencyRecompute,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
  ) {}

  /** The facts of an agency in a period, built from live data. */
  facts(agencyId: string, period: Period, manager?: EntityManager): Promise<Facts> {
    return this.batches.facts(agencyId, period, manager);
  }

  /**
   * The facts a stored snapshot was computed from: kept in it once the period is final, else
   * those of the last recompute or read of the agency still in memory when their hash is the
   * snapshot's (dashboards show the same agencies again and again), else rebuilt from live data
   * (and kept when they hash to the snapshot's). Callers must treat them as read-only.
   */
  async factsOf(snapshot: ScoreSnapshot, period: Period): Promise<{ facts: Facts; hash: string }> {
    if (snapshot.facts) return { facts: snapshot.facts as unknown as Facts, hash: snapshot.factsHash };
    const known = this.batches.knownFacts(snapshot.agencyId, period.id);
    if (known?.hash === snapshot.factsHash) {
      this.batches.rememberFacts(snapshot.agencyId, period.id, known.facts, known.hash);
      return known;
    }
    const facts = await this.facts(snapshot.agencyId, period);
    const hash = factsHash(facts);
    if (hash === snapshot.factsHash) this.batches.rememberFacts(snapshot.agencyId, period.id, facts, hash);
    return { facts, hash };
  }

  /** {@link read} as the JSON text of the answer (the stored outputs are not parsed on the way). */
  async readJson(agencyId: string, year: number): Promise<string> {
    return (
      (await this.results.levelsJsonOf(agencyId, year)) ?? JSON.stringify(await this.read(agencyId, year))
    );
  }

  async read(agencyId: string, year: number): Promise<AgencyLevels> {
    const stored =
      (await this.results.levelsOf(agencyId, year)) ??
      (await this.snapshot(agencyId, await this.periods.byYear(year)));
    const snap = 'facts_hash' in stored ? stored : fromEntity(stored);
    return {
      agencyId,
      year,
      factsHash: snap.facts_hash,
      computedAt: snap.computed_at.toISOString(),
      supported: snap.supported,
      verified: snap.verified,
    };
  }

  /**
   * The stored snapshot of an agency and period, computed first if it was never stored (no data
   * changes: the results are what any later change would store). The last ones read stay parsed
   * in memory while their stored version is the same; callers must treat the result as read-only.
   */
  async snapshot(agencyId: string, period: Period): Promise<ScoreSnapshot> {
    const key = `${agencyId}|${period.id}`;
    const stored = await this.results.snapshot(agencyId, period.id, this.snapshots.get(key));
    if (stored) return this.remember(key, stored);
    await this.recompute.firstLevels(agencyId, period);
    return this.remember(key, (await this.results.snapshot(agencyId, period.id))!);
  }

  private remember(key: string, snapshot: ScoreSnapshot): ScoreSnapshot {
    this.snapshots.delete(key);
    this.snapshots.set(key, snapshot);
    if (this.snapshots.size > REMEMBERED_SNAPSHOTS)
      this.snapshots.delete(this.snapshots.keys().next().value!);
    return snapshot;
  }
}

function fromEntity(snap: ScoreSnapshot): StoredLevels {
  return {
    facts_hash: snap.factsHash,
    computed_at: snap.computedAt,
    supported: snap.supported as unknown as ScoreOutput,
    verified: snap.verified as unknown as ScoreOutput,
  };
}
