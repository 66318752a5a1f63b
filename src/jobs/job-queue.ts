import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobQueueRepository } from './job-queue.repository';

export interface QueuedJob<T> {
  id: string;
  data: T;
  /** 0 on the first run; the handler may treat the last allowed attempt as final. */
  retryCount: number;
  retryLimit: number;
}

/**
 * A queue in PostgreSQL (pg-boss, in its own `pgboss` schema, created and upgraded by pg-boss
 * under its own advisory lock), shared by every app instance. Workers poll; nothing relies on
 * LISTEN/NOTIFY, so it also runs on the embedded database, through the app's own pool (one
 * connection there). A job that throws is retried; a job whose instance died is failed once it
 * expires and retried by whichever instance polls next.
 */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private boss?: PgBoss;
  private started?: Promise<PgBoss>;
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    @Inject(JobQueueRepository) private readonly database: JobQueueRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send<T extends object>(queue: string, data: T): Promise<string> {
    const boss = await this.start(queue);
    const id = await boss.send(queue, data);
    if (!id) throw new Error(`the ${queue} queue refused a job`);
    return id;
  }

  async work<T>(queue: string, handler: (job: QueuedJob<T>) => Promise<void>): Promise<void> {
    const boss = await this.start(queue);
    await boss.work<T>(queue, { pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]) =>
      handler({ id: job.id, data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit }),
    );
  }

  /**
   * Calls `handler` once for every job of `queue` that failed for good: its last attempt threw,
   * or expired because the instance running it died. pg-boss moves such a job to the queue's
   * dead-letter queue with the error, so this runs on whichever instance polls, even when no
   * handler of the job itself saw the end.
   */
  async onFailed<T>(queue: string, handler: (data: T, error: string) => Promise<void>): Promise<void> {
    const boss = await this.start(queue);
    await boss.work<T>(
      deadLetterOf(queue),
      { pollingIntervalSeconds: 1, includeMetadata: true },
      async ([job]) => handler(job.data, errorOf(job.output)),
    );
  }

  private async start(queue: string): Promise<PgBoss> {
    this.started ??= this.open();
    const boss = await this.started;
    this.queues.set(queue, this.queues.get(queue) ?? this.createQueue(boss, queue));
    await this.queues.get(queue);
    return boss;
  }

  /** Instances creating the same queue at the same moment can deadlock in pg-boss; one retry wins. */
  private async createQueue(boss: PgBoss, queue: string, attempts = 4): Promise<void> {
    const options = {
      name: queue,
      retryLimit: this.config.jobs.retryLimit,
      retryDelay: 1,
      retryBackoff: true,
      expireInSeconds: this.config.jobs.expireSeconds,
      deadLetter: deadLetterOf(queue),
    };
    try {
      await boss.createQueue(deadLetterOf(queue), { name: deadLetterOf(queue), retryLimit: 5 });
      await boss.createQueue(queue, options);
      // A queue created by an earlier version keeps its old settings unless told otherwise.
      await boss.updateQueue(queue, options);
    } catch (error) {
      if (attempts <= 1) throw error;
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
      await this.createQueue(boss, queue, attempts - 1);
    }
  }

  /**
   * Two instances booting together on an empty database may both try to install pg-boss's
   * schema; the loser fails, and its second start finds the schema in place.
   */
  private async open(attempts = 3): Promise<PgBoss> {
    try {
      return await this.openOnce();
    } catch (error) {
      if (attempts <= 1) throw error;
      this.logger.warn(`Job queue did not start (${(error as Error).message}); trying again.`);
      await new Promise((r) => setTimeout(r, 500));
      return this.open(attempts - 1);
    }
  }

  private async openOnce(): Promise<PgBoss> {
    const { superviseSeconds } = this.config.jobs;
    const boss = new PgBoss({
      db: { executeSql: (text, values) => this.database.execute(text, values) },
      maintenanceIntervalSeconds: superviseSeconds,
      monitorStateIntervalSeconds: Math.max(superviseSeconds, 60),
      schedule: false,
    });
    boss.on('error', (error) => this.logger.warn(`Job queue: ${error.message}`));
    await boss.start().catch(async (error: unknown) => {
      await boss.stop({ graceful: false, close: false }).catch(() => undefined);
      throw error;
    });
    this.boss = boss;
    return boss;
  }

  async onApplicationShutdown(): Promise<void> {
    // Jobs still running here are abandoned by their handlers (see their own shutdown) and
    // picked up again elsewhere; waiting would only hold up the stop.
    await this.boss?.stop({ graceful: false, wait: true, close: false }).catch(() => undefined);
  }
}

const deadLetterOf = (queue: string) => `${queue}-failed`;

/** The message of a failed job's output: an error thrown by its handler, or pg-boss's own. */
function errorOf(output: object | null | undefined): string {
  const o = (output ?? {}) as { message?: unknown; value?: { message?: unknown } };
  const message = o.message ?? o.value?.message;
  return typeof message === 'string' && message ? message : 'the job failed';
}
