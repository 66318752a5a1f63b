import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ScoredPeriod, Scored } from './batch-scoring';
import { LevelBatches, RecomputeScope } from './level-batches';
import { ScoringWorker } from './scoring-worker';

/** Agencies scored per batch at most: bounds memory (rows, facts, results) during a national recompute. */
const RECOMPUTE_BATCH = 50;

/**
 * Batches a recompute of many agencies outside a transaction is cut into at least, so that
 * reading, scoring and storing overlap even for a few dozen agencies (see `storeOverlapped`).
 */
const OVERLAPPED_BATCHES = 4;

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
 * The recompute of many agencies at once: a period's stage or settings changed (in that change's
 * transaction), the engine or framework changed (at boot, or `levels recompute`), or a seed.
 * Changes of one agency's data go through the unit of work instead (agency-recompute.ts).
 */
@Injectable()
export class NationalRecompute implements OnModuleDestroy {
  private worker: ScoringWorker | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LevelBatches) private readonly batches: LevelBatches,
  ) {}

  /**
   * Recomputes the given agencies, in batches: per batch one statement reads the facts and one
   * stores the results, whatever the number of agencies. The periods: every period that is not
   * final (no scope), the period with the given id unless it is final, or exactly the period
   * given (final or not). When several agencies are recomputed, those whose facts, engine and
   * framework are those of their stored results keep them: the engine is pure, so it would give
   * the same levels. Inside the caller's transaction (or a transaction of its own, for one
   * batch) the batches run one after the other, and recomputes of the same agency take turns
   * (`lockAgencies`). Without a transaction, reading, scoring and storing overlap (each
   * statement atomic on its own); a write during it may see its results overwritten by the
   * batch's until the agency's next change, so it is for quiet data (the bench seed; the app's
   * own national recomputes, at a stage move or a period edit, run in a transaction).
   */
  async recompute(agencyIds: string[], manager?: EntityManager, scope?: RecomputeScope): Promise<number> {
    const periods = await this.batches.periodsIn(manager ?? this.dataSource.manager, scope);
    const size = manager
      ? RECOMPUTE_BATCH
      : Math.min(RECOMPUTE_BATCH, Math.max(5, Math.ceil(agencyIds.length / OVERLAPPED_BATCHES)));
    const batches: string[][] = [];
    for (let i = 0; i < agencyIds.length; i += size) batches.push(agencyIds.slice(i, i + size));
    if (manager && periods.length) await this.batches.results.lockAgencies(manager, agencyIds);
    let stored = 0;
    for (const period of periods) {
      // A final period's snapshot keeps its facts (see `scoreBatch`): stored results without
      // them are not reused then.
      const reuse = agencyIds.length > 1 && period.stage !== 'final';
      if (manager) {
        for (const batch of batches)
          stored += await this.batches.store(
            manager,
            period,
            await this.batches.evaluate(manager, batch, period, reuse),
          );
      } else if (batches.length === 1) {
        stored += await this.dataSource.transaction(async (m) => {
          await this.batches.results.lockAgencies(m, batches[0]);
          return this.batches.store(m, period, await this.batches.evaluate(m, batches[0], period, reuse));
        });
      } else {
        stored += await this.storeOverlapped(batches, period, reuse);
      }
    }
    return stored;
  }

  /** The worker thread recomputes of many agencies score in, started on first use and kept. */
  private scoringWorker(): ScoringWorker {
    if (!this.worker || this.worker.stopped)
      this.worker = ScoringWorker.start(this.batches.framework(), this.batches.engine());
    return this.worker;
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.stop();
  }

  /**
   * Connections of their own read the batches, two at a time when the pool allows, while a
   * worker thread scores the batch before and another connection stores the one before that:
   * reading, scoring and storing overlap, on both cores. The embedded database has a single
   * connection: reading and storing then queue on it, in order.
   */
  private async storeOverlapped(batches: string[][], period: ScoredPeriod, reuse: boolean): Promise<number> {
    const poolSize = (this.dataSource.options.extra as { max?: number } | undefined)?.max ?? 1;
    const runners = Array.from({ length: poolSize >= 3 ? 2 : 1 }, () => this.dataSource.createQueryRunner());
    // A connection runs one statement at a time: what goes to the same one waits its turn.
    const readers = runners.map((r) => ({ m: r.manager, turn: inTurn() }));
    const writer = poolSize > 1 ? { m: this.dataSource.manager, turn: inTurn() } : readers[0];
    const read = (i: number) => {
      if (i >= batches.length) return null;
      const reader = readers[i % readers.length];
      return handled(reader.turn(() => this.batches.readBatch(reader.m, batches[i], period, reuse)));
    };
    const worker = this.scoringWorker();
    // Batches in flight (read, or waiting for the worker) ahead of the one being stored: bounds memory.
    const window = readers.length + 1;
    const scored: Promise<Scored[]>[] = [];
    const launch = (i: number) => {
      if (i < batches.length)
        scored[i] = handled(read(i)!.then((batch) => worker.score(this.batches.job(batch, period))));
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
        storing = handled(writer.turn(() => this.batches.store(writer.m, period, results)));
      }
      await storing;
      return stored;
    } finally {
      // On a failure, wait for what is still running, so no statement outlives the call.
      await Promise.allSettled([...scored, storing]);
      for (const r of runners) await r.release();
    }
  }
}
