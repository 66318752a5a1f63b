import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  OnModuleDestroy,
  ServiceUnavailableException,
} from '@nestjs/common';
import { Actor } from '../access/actor';
import { Lang } from '../i18n/i18n';
import type { Period } from '../periods/period.entity';
import { RollupQuery } from './reports.dto';
import { RollupService } from './rollup.service';

export type JobStatus = 'running' | 'done' | 'failed';

export interface RollupJobView {
  id: string;
  year: number;
  status: JobStatus;
  done: number;
  total: number | null;
  percent: number;
  createdAt: Date;
  fileName: string;
}

interface RollupJob extends RollupJobView {
  userId: string;
  file: string;
  finishedAt: Date | null;
  controller: AbortController;
  work: Promise<void>;
}

/** Finished roll-ups stay downloadable this long, then their file is removed. */
const KEEP_MS = 30 * 60_000;
/** A roll-up takes seconds; more at once would only slow each other down. */
const MAX_RUNNING = 3;

/**
 * Roll-ups for the reports page run as background jobs in this process: the page starts one,
 * then polls its progress and downloads the file when done. Jobs live in memory and their files
 * in a temporary folder, both gone at restart; the API route streams instead and needs neither.
 * With several app instances behind a balancer, polling needs sticky sessions.
 */
@Injectable()
export class RollupJobs implements OnModuleDestroy {
  private readonly jobs = new Map<string, RollupJob>();
  private readonly logger = new Logger('RollupJobs');
  private dir: string | undefined;

  constructor(@Inject(RollupService) private readonly rollups: RollupService) {}

  start(actor: Actor, period: Period, query: RollupQuery, lang: Lang): RollupJobView {
    this.sweep();
    const mine = [...this.jobs.values()].find((j) => j.userId === actor.userId && j.status === 'running');
    if (mine) return view(mine);
    if ([...this.jobs.values()].filter((j) => j.status === 'running').length >= MAX_RUNNING)
      throw new ServiceUnavailableException(
        'Too many roll-ups are being made right now; try again in a minute.',
      );
    this.dir ??= mkdtempSync(join(tmpdir(), 'spbe-rollups-'));
    const id = randomUUID();
    const job: RollupJob = {
      id,
      userId: actor.userId,
      year: period.year,
      status: 'running',
      done: 0,
      total: null,
      percent: 0,
      createdAt: new Date(),
      finishedAt: null,
      fileName: `spbe-rollup-${period.year}.pdf`,
      file: join(this.dir, `${id}.pdf`),
      controller: new AbortController(),
      work: Promise.resolve(),
    };
    this.jobs.set(id, job);
    job.work = this.run(job, actor, period, query, lang);
    return view(job);
  }

  private async run(job: RollupJob, actor: Actor, period: Period, query: RollupQuery, lang: Lang) {
    const out = createWriteStream(job.file);
    try {
      await this.rollups.write(actor, period, query, lang, out, job.controller.signal, (done, total) => {
        job.done = done;
        job.total = total;
        job.percent = total ? Math.floor((done / total) * 100) : 100;
      });
      job.status = 'done';
      job.percent = 100;
    } catch (error) {
      out.destroy();
      job.status = 'failed';
      if (!job.controller.signal.aborted) this.logger.error(error instanceof Error ? error.stack : error);
    } finally {
      job.finishedAt = new Date();
    }
  }

  /** The actor's own job; anyone else's is not found. */
  get(actor: Actor, id: string): RollupJobView {
    this.sweep();
    const job = this.jobs.get(id);
    if (!job || job.userId !== actor.userId) throw new NotFoundException('jobId: not found.');
    return view(job);
  }

  open(actor: Actor, id: string): { stream: Readable; fileName: string } {
    const job = this.get(actor, id);
    if (job.status !== 'done') throw new NotFoundException('jobId: the roll-up is not ready.');
    return { stream: createReadStream(this.jobs.get(id)!.file), fileName: job.fileName };
  }

  private sweep(): void {
    const now = Date.now();
    for (const job of this.jobs.values()) {
      if (job.finishedAt && now - job.finishedAt.getTime() > KEEP_MS) {
        this.jobs.delete(job.id);
        void rm(job.file, { force: true });
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    for (const job of this.jobs.values()) job.controller.abort();
    await Promise.all([...this.jobs.values()].map((j) => j.work));
    this.jobs.clear();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

function view(job: RollupJob): RollupJobView {
  const { id, year, status, done, total, percent, createdAt, fileName } = job;
  return { id, year, status, done, total, percent, createdAt, fileName };
}
