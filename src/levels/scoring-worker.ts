import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Framework } from '../framework/framework.schema';
import type { Scored, ScoringJob } from './batch-scoring';

type Reply = { id: number; results: Scored[] } | { id: number; error: string };

/**
 * A worker thread that scores batches for recomputes of many agencies (scoring.worker.ts), so
 * the main thread only moves rows between the database and it. Started once and kept (starting
 * costs about 50 ms); jobs of several recomputes may interleave, each is answered by its id.
 */
export class ScoringWorker {
  private readonly pending = new Map<
    number,
    { resolve: (r: Scored[]) => void; reject: (e: Error) => void }
  >();
  private next = 0;
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ('error' in reply) waiting?.reject(new Error(`Scoring worker: ${reply.error}`));
      else waiting?.resolve(reply.results);
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`Scoring worker stopped (exit code ${code}).`)));
  }

  static start(framework: Framework, engine: string): ScoringWorker {
    // Built, the worker is a .js file beside this one; from sources (tests, the CLI, benches) it
    // is TypeScript, loaded through the same hook as the process.
    const fromSources = __filename.endsWith('.ts');
    const entry = join(__dirname, `scoring.worker.${fromSources ? 'ts' : 'js'}`);
    const hook = join(__dirname, '..', '..', 'scripts', 'register-ts.js');
    const code = `${fromSources ? `require(${JSON.stringify(hook)});` : ''}require(${JSON.stringify(entry)});`;
    const worker = new Worker(code, { eval: true, workerData: { framework, engine } });
    // Kept for the next recompute, but never what keeps a process (a CLI command) alive.
    worker.unref();
    return new ScoringWorker(worker);
  }

  /** Whether it stopped (an error, or `stop`): a new one must be started. */
  get stopped(): boolean {
    return this.failure !== null;
  }

  score(job: ScoringJob): Promise<Scored[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, job });
    });
  }

  async stop(): Promise<void> {
    this.failure ??= new Error('Scoring worker stopped.');
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
