import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import {
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Actor } from '../access/actor';
import { Lang } from '../i18n/i18n';
import { JobQueue, QueuedJob } from '../jobs/job-queue';
import type { Period } from '../periods/period.entity';
import { reportKey } from '../storage/storage-keys';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage.driver';
import { RollupQuery } from './reports.dto';
import { JobStatus, RollupJobRepository, RollupJobRow } from './rollup-job.repository';
import { RollupService } from './rollup.service';
import { refuse } from '../i18n/refusal';

export type { JobStatus } from './rollup-job.repository';

export interface RollupJobView {
  id: string;
  year: number;
  status: JobStatus;
  done: number;
  total: number | null;
  percent: number;
  createdAt: Date;
  fileName: string;
  error: string | null;
}

const QUEUE = 'rollup';
/** Finished roll-ups stay downloadable this long, then their file is removed. */
const KEEP_MS = 30 * 60_000;
/** Progress is written at most this often; the page polls every few seconds anyway. */
const PROGRESS_EVERY_MS = 500;

/**
 * Roll-ups for the reports page run as background jobs: the page starts one, then polls its
 * progress and downloads the file when done. The job's state is a database row and its file an
 * object in the storage driver, so any instance answers the polling and the download; the work
 * itself goes through the PostgreSQL job queue, so any instance may run it, and another one
 * finishes it when the first dies. The API route streams instead and needs none of this.
 */
@Injectable()
export class RollupJobs {
  constructor(
    @Inject(RollupService) private readonly rollups: RollupService,
    @Inject(RollupJobRepository) private readonly repository: RollupJobRepository,
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
  ) {}

  async start(actor: Actor, period: Period, query: RollupQuery, lang: Lang): Promise<RollupJobView> {
    await this.sweep();
    const mine = await this.repository.unfinishedFor(actor.userId);
    if (mine) return view(mine);
    const id = randomUUID();
    await this.repository.insert({
      id,
      userId: actor.userId,
      year: period.year,
      request: { actor, query, lang },
      fileKey: reportKey(id),
      fileName: `spbe-rollup-${period.year}.pdf`,
    });
    // Read before it is sent: once in the queue, any instance may start it.
    const queued = view((await this.repository.find(id))!);
    await this.queue.send(QUEUE, { id });
    return queued;
  }

  /** The actor's own job; anyone else's is not found. */
  async get(actor: Actor, id: string): Promise<RollupJobView> {
    return view(await this.own(actor, id));
  }

  async open(actor: Actor, id: string): Promise<{ stream: Readable; fileName: string }> {
    const job = await this.own(actor, id);
    if (job.status !== 'done') throw refuse(NotFoundException, 'msg.reports.rollup_not_ready');
    return { stream: await this.storage.get(job.fileKey), fileName: job.fileName };
  }

  private async own(actor: Actor, id: string): Promise<RollupJobRow> {
    const job = await this.repository.find(id);
    if (!job || job.userId !== actor.userId)
      throw refuse(NotFoundException, 'msg.not_found.field', { field: 'jobId' });
    return job;
  }

  private async sweep(): Promise<void> {
    for (const key of await this.repository.removeFinishedBefore(KEEP_MS))
      await this.storage.delete(key).catch(() => undefined);
  }

  /** A job out of attempts (the queue says so, see RollupWorker) ends as failed with its error. */
  async failed(id: string, error: string): Promise<void> {
    await this.repository.finish(id, 'failed', error);
  }

  /** One attempt of a job, on whichever instance took it from the queue; throws to be retried. */
  async run(id: string, signal: AbortSignal): Promise<void> {
    const job = await this.repository.begin(id);
    if (!job) return; // finished meanwhile, or removed
    const { actor, query, lang } = job.request;
    const period = await this.rollups.period(job.year);
    const out = new PassThrough();
    const stored = this.storage.put(job.fileKey, out);
    let written = 0;
    let progress = Promise.resolve();
    const onProgress = (done: number, total: number) => {
      if (Date.now() - written < PROGRESS_EVERY_MS && done < total) return;
      written = Date.now();
      progress = progress.then(() => this.repository.progress(id, done, total)).catch(() => undefined);
    };
    const made = this.rollups.write(actor, period, query, lang, out, signal, onProgress).catch((error) => {
      out.destroy(error as Error);
      throw error;
    });
    await Promise.all([made, stored, progress]);
    await progress;
    await this.repository.finish(id, 'done');
  }
}

/** Takes roll-up jobs from the queue on the server (not in command-line runs). */
@Injectable()
export class RollupWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RollupJobs');
  private readonly running = new Set<AbortController>();

  constructor(
    @Inject(RollupJobs) private readonly jobs: RollupJobs,
    @Inject(JobQueue) private readonly queue: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work<{ id: string }>(QUEUE, (job) => this.handle(job));
    await this.queue.onFailed<{ id: string }>(QUEUE, (data, error) => this.jobs.failed(data.id, error));
  }

  private async handle(job: QueuedJob<{ id: string }>): Promise<void> {
    const controller = new AbortController();
    this.running.add(controller);
    try {
      await this.jobs.run(job.data.id, controller.signal);
    } catch (error) {
      if (!controller.signal.aborted) this.logger.error(error instanceof Error ? error.stack : error);
      throw error;
    } finally {
      this.running.delete(controller);
    }
  }

  /** Stops work in progress; the queue runs it again on an instance that stays up. */
  onApplicationShutdown(): void {
    for (const controller of this.running) controller.abort();
  }
}

function view(job: RollupJobRow): RollupJobView {
  const { id, year, status, done, total, createdAt, fileName, error } = job;
  const percent = status === 'done' ? 100 : total ? Math.floor((done / total) * 100) : 0;
  return { id, year, status, done, total, percent, createdAt, fileName, error };
}
