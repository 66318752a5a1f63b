import { createHash } from 'node:crypto';
import { Inject, Injectable, NotFoundException, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Period } from '../periods/period.entity';
import type { Facts } from '../scoring/facts.types';
import type { ScoreOutput } from '../scoring/scoring.types';
import { ENGINE_VERSION } from '../scoring/engine';
import { ScoringService } from '../scoring/scoring.service';
import { buildFacts } from './facts.builder';
import { FactRows, FactsRepository } from './facts.repository';
import { ScoreSnapshot } from './level-result.entity';
import { LevelResultsRepository, Scored, StoredLevels, resultKey } from './level-results.repository';

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

/** Agencies scored per batch: bounds memory (rows, facts, results) during a national recompute. */
const RECOMPUTE_BATCH = 50;

/** A batch read: its agencies, their fact rows and the keys of their stored results. */
interface Batch {
  agencyIds: string[];
  rows: Map<string, FactRows>;
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

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function factsHash(facts: Facts): string {
  return sha256(JSON.stringify(facts));
}

/**
 * Keeps each agency's stored levels in step with its data: any change calls `recompute`, which
 * rebuilds the facts, runs the engine for both bases and stores the results, so pages read them.
 */
@Injectable()
export class LevelsService {
  private readonly results: LevelResultsRepository;
  /** Recently read snapshots, least recently used first. */
  private readonly snapshots = new Map<string, ScoreSnapshot>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FactsRepository) private readonly factsRepo: FactsRepository,
    @Inject(ScoringService) private readonly scoring: ScoringService,
    // Optional: code that builds the service by hand (some tests) passes the first three only.
    @Optional() @Inject(LevelResultsRepository) results?: LevelResultsRepository,
  ) {
    this.results = results ?? new LevelResultsRepository(dataSource);
  }

  async periodByYear(year: number, manager?: EntityManager): Promise<Period> {
    const period = await (manager ?? this.dataSource.manager)
      .getRepository(Period)
      .findOne({ where: { year } });
    if (!period) throw new NotFoundException(`No evaluation period for ${year}.`);
    return period;
  }

  /** The period pages show by default: the requested year, else the latest one. */
  async currentPeriod(year?: number): Promise<Period | null> {
    const repo = this.dataSource.getRepository(Period);
    if (year) return repo.findOne({ where: { year } });
    return (await repo.find({ order: { year: 'DESC' }, take: 1 }))[0] ?? null;
  }

  async facts(agencyId: string, period: Period, manager?: EntityManager): Promise<Facts> {
    const rows = await this.factsRepo.load([agencyId], period.id, manager);
    return buildFacts(rows.get(agencyId)!, period);
  }

  /**
   * Recomputes the given agencies for every period that is not final (or one period), in
   * batches: per batch one statement reads the facts and one stores the results, whatever the
   * number of agencies. When several agencies are recomputed (a national recompute), those
   * whose facts, engine and framework are those of their stored results keep them: the engine
   * is pure, so it would give the same levels. Inside the caller's transaction (or a transaction
   * of its own, for one batch) the batches run one after the other; a national recompute
   * without one overlaps reading, scoring and storing (each statement atomic on its own).
   */
  async recompute(agencyIds: string[], manager?: EntityManager, onlyPeriod?: Period): Promise<void> {
    const periods = onlyPeriod
      ? [onlyPeriod]
      : await (manager ?? this.dataSource.manager).getRepository(Period).find({ where: {} });
    const batches: string[][] = [];
    for (let i = 0; i < agencyIds.length; i += RECOMPUTE_BATCH)
      batches.push(agencyIds.slice(i, i + RECOMPUTE_BATCH));
    const reuse = agencyIds.length > 1;
    for (const period of periods.filter((p) => p.stage !== 'final' || onlyPeriod)) {
      if (manager) {
        for (const batch of batches)
          await this.store(manager, period, await this.evaluate(manager, batch, period, reuse));
      } else if (batches.length === 1) {
        await this.dataSource.transaction(async (m) =>
          this.store(m, period, await this.evaluate(m, batches[0], period, reuse)),
        );
      } else {
        await this.recomputeOverlapped(batches, period, reuse);
      }
    }
  }

  /**
   * Connections of their own read the batches (JIT off for their session), two at a time when
   * the pool allows, while the engine scores the batch before and another connection stores the
   * one before that: reading, scoring and storing overlap, on both cores. The embedded database
   * has a single connection: everything then queues on it, in order.
   */
  private async recomputeOverlapped(batches: string[][], period: Period, reuse: boolean): Promise<void> {
    const poolSize = (this.dataSource.options.extra as { max?: number } | undefined)?.max ?? 1;
    const runners = Array.from({ length: poolSize >= 3 ? 2 : 1 }, () => this.dataSource.createQueryRunner());
    // A connection runs one statement at a time: what goes to the same one waits its turn.
    const readers = runners.map((r) => ({ m: r.manager, turn: inTurn() }));
    const writer = poolSize > 1 ? { m: this.dataSource.manager, turn: inTurn() } : readers[0];
    const read = (i: number) => {
      if (i >= batches.length) return null;
      const reader = readers[i % readers.length];
      return handled(reader.turn(() => this.readBatch(reader.m, batches[i], period, reuse, true)));
    };
    const ahead: (Promise<Batch> | null)[] = [];
    let storing: Promise<void> = Promise.resolve();
    try {
      for (const r of runners) await r.connect();
      for (const reader of readers) await this.factsRepo.disableJit(reader.m);
      for (let i = 0; i < readers.length; i++) ahead.push(read(i));
      for (let i = 0; i < batches.length; i++) {
        const batch = await ahead[i % readers.length]!;
        ahead[i % readers.length] = read(i + readers.length);
        const results = this.score(batch, period);
        await storing;
        storing = handled(writer.turn(() => this.store(writer.m, period, results)));
      }
      await storing;
    } finally {
      // On a failure, wait for what is still running, so no statement outlives the call.
      await Promise.allSettled([...ahead, storing]);
      for (const r of runners) {
        await r.query('RESET jit').catch(() => undefined);
        await r.release();
      }
    }
  }

  private async evaluate(
    m: EntityManager,
    agencyIds: string[],
    period: Period,
    reuse: boolean,
  ): Promise<Scored[]> {
    return this.score(await this.readBatch(m, agencyIds, period, reuse), period);
  }

  /** The batch's fact rows, and (to reuse results) the key of what is stored for each agency. */
  private async readBatch(
    m: EntityManager,
    agencyIds: string[],
    period: Period,
    reuse: boolean,
    jitOff = false,
  ): Promise<Batch> {
    // One after the other: both may go to the same connection.
    const keys = reuse ? await this.results.storedKeys(m, period.id, agencyIds) : new Map<string, string>();
    const rows = jitOff
      ? await this.factsRepo.loadOn(m, agencyIds, period.id)
      : await this.factsRepo.load(agencyIds, period.id, m);
    return { agencyIds, rows, keys };
  }

  private score(batch: Batch, period: Period): Scored[] {
    const framework = this.scoring.getFramework();
    const results: Scored[] = [];
    for (const agencyId of batch.agencyIds) {
      const facts = buildFacts(batch.rows.get(agencyId)!, period);
      // Serialised once: the same text is hashed and stored.
      const factsJson = JSON.stringify(facts);
      const hash = sha256(factsJson);
      if (batch.keys.get(agencyId) === resultKey(hash, ENGINE_VERSION, framework.id, framework.version))
        continue;
      results.push({ agencyId, factsJson, hash, ...this.scoring.scoreBoth(facts) });
    }
    return results;
  }

  private async store(m: EntityManager, period: Period, results: Scored[]): Promise<void> {
    if (results.length > 0) await this.results.store(m, period.id, results);
  }

  async read(agencyId: string, year: number): Promise<AgencyLevels> {
    const stored =
      (await this.results.levelsOf(agencyId, year)) ??
      (await this.snapshot(agencyId, await this.periodByYear(year)));
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
