/**
 * The worker thread of a national recompute (scoring-worker.ts starts it): decodes and scores
 * the batches the main thread reads, so reading, scoring and storing use both cores.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Framework } from '../framework/framework.schema';
import { ScoringJob, scoreBatch } from './batch-scoring';

const { framework, engine } = workerData as { framework: Framework; engine: string };

parentPort!.on('message', (message: { id: number; job: ScoringJob }) => {
  try {
    parentPort!.postMessage({ id: message.id, results: scoreBatch(message.job, framework, engine) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.stack : String(error) });
  }
});
