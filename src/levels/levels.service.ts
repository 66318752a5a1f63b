import { Inject, Injectable, NotFoundException, OnModuleDestroy, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Period } from '../periods/period.entity';
import type { Facts } from '../scoring/facts.types';
import type { ScoreOutput } from '../scoring/scoring.types';
import { ENGINE_VERSION } from '../scoring/engine';
import { ScoringService } from '../scoring/scoring.service';
import { buildFacts } from './facts.builder';
import {
  ScoredPeriod,
  Scored,
  ScoringJob,
  engineKey,
  resultKey,
  scoreBatch,
  scoreFacts,
  sha256,
  withEvidenceStatus,
} from './batch-scoring';
import { FactTexts, FactsRepository } from './facts.repository';
import { ScoreSnapshot } from './level-result.entity';
import { LevelResultsRepository, StoredLevels } from './level-results.repository';
import { ScoringWorker } from './scoring-worker';
import { refuse } from '../i18n/refusal';

export type { ScoredPeriod } from './batch-scoring';

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

/** Facts of the agencies changed or shown last (about 0.5 MB each): see `factsOf`, `recomputeEvidenceStatus`. */
const REMEMBERED_FACTS = 32;

/** Agencies scored per batch at most: bounds memory (rows, facts, results) during a national recompute. */
const RECOMPUTE_BATCH = 50;

/**
 * Batches a recompute of many agencies outside a transaction is cut into at least, so that
 * reading, scoring and storing overlap even for a few dozen agencies (see `recomputeOverlapped`).
 */
const OVERLAPPED_BATCHES = 4;

/** A batch read: its agencies, what the facts statement answered and the keys of their stored results. */
interface Batch {
  agencyIds: string[];
  texts: FactTexts;
  keys: Map<string, string>;
}

/** Runs the tasks given to it one at a time, in the order given. */
function inTurn(): <T>(task: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (task) => {
    const next = last.then(task);
    last = next.catch(() => undefined);
    return next;
  };
}

/** Marks a promise as handled while it runs ahead; whoever awaits it still sees its failure. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * The periods a recompute covers: the one with this id (unless it is final), or exactly the
 * period given.
 */
export type RecomputeScope = ScoredPeriod | { periodId: string };

export function factsHash(facts: Facts): string {
  return sha256(JSON.stringify(facts));
}

/**
 * Keeps each agency's stored levels in step with its data: any change calls `recompute`, which
 * rebuilds the facts, runs the engine for both bases and stores the results, so pages read them.
 */
@Injectable()
export class LevelsService implements OnModuleDestroy {
  private readonly results: LevelResultsRepository;
  /** Recently read snapshots, least recently used first. */
  private readonly snapshots = new Map<string, ScoreSnapshot>();
  /** The facts of recent one-agency recomputes and their hash, least recently used first. */
  private readonly recentFacts = new Map<string, { facts: Facts; hash: string }>();
  private worker: ScoringWorker | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FactsRepository) private readonly factsRepo: FactsRepository,
    @Inject(ScoringService) private readonly scoring: ScoringService,
    // Optional: code that builds the service by hand (some tests) passes the first three only.
    @Optional() @Inject(LevelResultsRepository) results?: LevelResultsRepository,
  ) {
    this.results = results ?? new LevelResultsRepository(dataSource);
  }

  async facts(agencyId: string, period: Period, manager?: EntityManager): Promise<Facts> {
    const rows = await this.factsRepo.load([agencyId], period.id, manager);
    return buildFacts(rows.get(agencyId)!, period, this.scoring.getFramework());
  }

  /**
   * The facts a stored snapshot was computed from: kept in it once the period is final, else
   * those of the last recompute or read of the agency still in memory when their hash is the
   * snapshot's (dashboards show the same agencies again and again), else rebuilt from live data
   * (and kept when they hash to the snapshot's). Callers must treat them as read-only.
   */
  async factsOf(snapshot: ScoreSnapshot, period: Period): Promise<{ facts: Facts; hash: string }> {
    if (snapshot.facts) return { facts: snapshot.facts as unknown as Facts, hash: snapshot.factsHash };
    const key = `${snapshot.agencyId}|${period.id}`;
    const known = this.recentFacts.get(key);
    if (known?.hash === snapshot.factsHash) {
      this.rememberFacts(key, known.facts, known.hash);
      return known;
    }
    const facts = await this.facts(snapshot.agencyId, period);
    const hash = factsHash(facts);
    if (hash === snapshot.factsHash) this.rememberFacts(key, facts, hash);
    return { facts, hash };
  }

  /**
   * Recomputes the given agencies, in batches: per batch one statement reads the facts and one
   * stores the results, whatever the number of agencies. The periods: every period that is not
   * final (no scope), the period with the given id unless it is final, or exactly the period
   * given (final or not). When several agencies are recomputed (a national recompute), those
   * whose facts, engine and framework are those of their stored results keep them: the engine
   * is pure, so it would give the same levels. Inside the caller's transaction (or a transaction
   * of its own, for one batch) the batches run one after the other, and recomputes of the same
   * agency take turns (`lockAgencies`), so concurrent writes never leave results that miss one
   * of them. A national recompute without a transaction overlaps reading, scoring and storing
   * (each statement atomic on its own); a write during it may see its results overwritten by
   * the batch's until the agency's next change, so it is for quiet data (the bench seed; the
   * app's own national recomputes, at a stage move or a period edit, run in a transaction).
   */
  async recompute(agencyIds: string[], manager?: EntityManager, scope?: RecomputeScope): Promise<number> {
    const periods = await this.periodsIn(manager ?? this.dataSource.manager, scope);
    const size = manager
      ? RECOMPUTE_BATCH
      : Math.min(RECOMPUTE_BATCH, Math.max(5, Math.ceil(agencyIds.length / OVERLAPPED_BATCHES)));
    const batches: string[][] = [];
    for (let i = 0; i < agencyIds.length; i += size) batches.push(agencyIds.slice(i, i + size));
    if (manager && periods.length) await this.results.lockAgencies(manager, agencyIds);
    let stored = 0;
    for (const period of periods) {
      // A final period's snapshot keeps its facts (see `score`): stored results without them
      // are not reused then.
      const reuse = agencyIds.length > 1 && period.stage !== 'final';
      if (manager) {
        for (const batch of batches)
          stored += await this.store(manager, period, await this.evaluate(manager, batch, period, reuse));
      } else if (batches.length === 1) {
        stored += await this.dataSource.transaction(async (m) => {
          await this.results.lockAgencies(m, batches[0]);
          return this.store(m, period, await this.evaluate(m, batches[0], period, reuse));
        });
      } else {
        stored += await this.recomputeOverlapped(batches, period, reuse);
      }
    }
    return stored;
  }

  /**
   * The levels of an evidence item's period after its status changed in the caller's
   * transaction (and nothing else did). When the facts of the stored results are still in memory
   * (same hash and engine), the change is applied to them instead of reading every fact again:
   * recomputes of an agency take turns and every change of its data stores new results, so the
   * stored hash names the facts of all committed data. Otherwise, a full recompute.
   */
  async recomputeEvidenceStatus(
    m: EntityManager,
    agencyId: string,
    period: ScoredPeriod,
    evidenceId: string,
    status: string,
  ): Promise<void> {
    const key = `${agencyId}|${period.id}`;
    const known = period.stage === 'final' ? undefined : this.recentFacts.get(key);
    if (known) {
      await this.results.lockAgencies(m, [agencyId]);
      const framework = this.scoring.getFramework();
      const engine = engineKey(ENGINE_VERSION, framework.id, framework.version);
      const stored = (await this.results.storedKeys(m, period.id, [agencyId])).get(agencyId);
      if (stored === resultKey(known.hash, engine)) {
        const facts = withEvidenceStatus(known.facts, evidenceId, status);
        const factsJson = JSON.stringify(facts);
        const hash = sha256(factsJson);
        this.rememberFacts(key, facts, hash);
        await this.store(m, period, [
          scoreFacts(agencyId, facts, factsJson, hash, period, framework, engine),
        ]);
        return;
      }
    }
    await this.recompute([agencyId], m, period);
  }

  private rememberFacts(key: string, facts: Facts, hash: string): void {
    this.recentFacts.delete(key);
    this.recentFacts.set(key, { facts, hash });
    if (this.recentFacts.size > REMEMBERED_FACTS)
      this.recentFacts.delete(this.recentFacts.keys().next().value!);
  }

  /** The worker thread recomputes of many agencies score in, started on first use and kept. */
  private scoringWorker(): ScoringWorker {
    if (!this.worker || this.worker.stopped) {
      const framework = this.scoring.getFramework();
      this.worker = ScoringWorker.start(
        framework,
        engineKey(ENGINE_VERSION, framework.id, framework.version),
      );
    }
    return this.worker;
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.stop();
  }

  /** The period of `year` (for reads by year; features find periods through PeriodLookup). */
  private async periodOf(year: number): Promise<Period> {
    const period = await this.dataSource.getRepository(Period).findOne({ where: { year } });
    if (!period) throw refuse(NotFoundException, 'msg.period.none_for_year', { year });
    return period;
  }

  private async periodsIn(m: EntityManager, scope?: RecomputeScope): Promise<ScoredPeriod[]> {
    if (scope && !('periodId' in scope)) return [scope];
    const periods = await m.getRepository(Period).find({ where: scope ? { id: scope.periodId } : {} });
    return periods.filter((p) => p.stage !== 'final');
  }

  /**
   * Connections of their own read the batches, two at a time when the pool allows, while a
   * worker thread scores the batch before and another connection stores the one before that:
   * reading, scoring and storing overlap, on both cores. The embedded database has a single
   * connection: reading and storing then queue on it, in order.
   */
  private async recomputeOverlapped(
    batches: string[][],
    period: ScoredPeriod,
    reuse: boolean,
  ): Promise<number> {
    const poolSize = (this.dataSource.options.extra as { max?: number } | undefined)?.max ?? 1;
    const runners = Array.from({ length: poolSize >= 3 ? 2 : 1 }, () => this.dataSource.createQueryRunner());
    // A connection runs one statement at a time: what goes to the same one waits its turn.
    const readers = runners.map((r) => ({ m: r.manager, turn: inTurn() }));
    const writer = poolSize > 1 ? { m: this.dataSource.manager, turn: inTurn() } : readers[0];
    const read = (i: number) => {
      if (i >= batches.length) return null;
      const reader = readers[i % readers.length];
      return handled(reader.turn(() => this.readBatch(reader.m, batches[i], period, reuse)));
    };
    const worker = this.scoringWorker();
    // Batches in flight (read, or waiting for the worker) ahead of the one being stored: bounds memory.
    const window = readers.length + 1;
    const scored: Promise<Scored[]>[] = [];
    const launch = (i: number) => {
      if (i < batches.length)
        scored[i] = handled(read(i)!.then((batch) => worker.score(this.job(batch, period))));
    };
    let storing: Promise<unknown> = Promise.resolve();
    let stored = 0;
    try {
      for (const r of runners) await r.connect();
      for (let i = 0; i < window; i++) launch(i);
      for (let i = 0; i < batches.length; i++) {
        const results = await scored[i];
        launch(i + window);
        await storing;
        stored += results.length;
        storing = handled(writer.turn(() => this.store(writer.m, period, results)));
      }
      await storing;
      return stored;
    } finally {
      // On a failure, wait for what is still running, so no statement outlives the call.
      await Promise.allSettled([...scored, storing]);
      for (const r of runners) await r.release();
    }
  }

  private async evaluate(
    m: EntityManager,
    agencyIds: string[],
    period: ScoredPeriod,
    reuse: boolean,
  ): Promise<Scored[]> {
    return this.score(await this.readBatch(m, agencyIds, period, reuse), period);
  }

  /** The batch's fact rows, and (to reuse results) the key of what is stored for each agency. */
  private async readBatch(
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

  private job(batch: Batch, period: ScoredPeriod): ScoringJob {
    const { id, year, stage, asOf, edition, coverageTarget, reviewWindowMonths } = period;
    return {
      texts: batch.texts,
      agencyIds: batch.agencyIds,
      keys: [...batch.keys],
      period: { id, year, stage, asOf, edition, coverageTarget, reviewWindowMonths },
    };
  }

  private score(batch: Batch, period: ScoredPeriod): Scored[] {
    const framework = this.scoring.getFramework();
    const engine = engineKey(ENGINE_VERSION, framework.id, framework.version);
    // One agency: a change of its data; its facts are kept for the next one.
    const seen =
      batch.agencyIds.length === 1
        ? (agencyId: string, facts: Facts, hash: string) =>
            this.rememberFacts(`${agencyId}|${period.id}`, facts, hash)
        : undefined;
    return scoreBatch(this.job(batch, period), framework, engine, seen);
  }

  /** Stores the results; answers how many agencies' results were stored. */
  private async store(m: EntityManager, period: ScoredPeriod, results: Scored[]): Promise<number> {
    if (results.length > 0) await this.results.store(m, period.id, results);
    return results.length;
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
      (await this.snapshot(agencyId, await this.periodOf(year)));
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
   * The stored snapshot of an agency and period, computed first if it was never stored. The
   * last ones read stay parsed in memory while their stored version is the same (dashboards read
   * the same agencies again and again); callers must treat the result as read-only.
   */
  async snapshot(agencyId: string, period: Period): Promise<ScoreSnapshot> {
    const key = `${agencyId}|${period.id}`;
    const stored = await this.results.snapshot(agencyId, period.id, this.snapshots.get(key));
    if (stored) return this.remember(key, stored);
    // In a transaction: the snapshot row's lock then orders concurrent first reads, which
    // would otherwise both replace the same level rows and collide on their unique key.
    await this.dataSource.transaction((m) => this.recompute([agencyId], m, period));
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
