import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

type WorkerMessage =
  { type: 'ready'; port: number } | { type: 'stopped' } | { type: 'error'; message: string };

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** 0 picks a free loopback port. */
  port?: number;
  maxConnections?: number;
}

/**
 * PGlite served over the Postgres wire protocol on loopback, so that TypeORM and `pg`
 * talk to it exactly as they would to a real server.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly worker: Worker,
    readonly port: number,
  ) {}

  get url(): string {
    return embeddedUrl(this.port);
  }

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    mkdirSync(options.dataDir, { recursive: true });
    const worker = new Worker(join(__dirname, 'pglite.worker.js'), {
      workerData: {
        dataDir: options.dataDir,
        port: options.port ?? 0,
        maxConnections: options.maxConnections ?? 20,
      },
    });
    const port = await new Promise<number>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      worker.once('error', onError);
      worker.on('message', function onMessage(message: WorkerMessage) {
        if (message.type === 'ready') {
          worker.off('message', onMessage);
          worker.off('error', onError);
          resolve(message.port);
        } else if (message.type === 'error') {
          reject(new Error(`Embedded database failed to start in ${options.dataDir}: ${message.message}`));
        }
      });
    });
    return new EmbeddedPostgres(worker, port);
  }

  /** Closes the socket server and PGlite cleanly, so the data directory is consistent. */
  async stop(): Promise<void> {
    const done = new Promise<void>((resolve) => {
      this.worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'stopped' || message.type === 'error') resolve();
      });
      this.worker.once('exit', () => resolve());
    });
    this.worker.postMessage({ type: 'stop' });
    await done;
    await this.worker.terminate();
  }
}

export function embeddedUrl(port: number): string {
  return `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}
