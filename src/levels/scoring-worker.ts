import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Framework } from '../framework/framework.schema';
import type { Scored, ScoringJob } from './batch-scoring';

type Reply = { id: number; results: Scored[] } | { id: number; error: string };

/**
 * A worker thread that scores batches for a national recompute (scoring.worker.ts), so the
 * main thread only moves rows between the database and it. Jobs are answered in order.
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
    return new ScoringWorker(new Worker(code, { eval: true, workerData: { framework, engine } }));
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
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
