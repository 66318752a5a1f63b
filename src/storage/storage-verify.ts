import { EVIDENCE_PREFIX, TEMP_PREFIX } from './storage-keys';
import { StorageDriver, StorageNotFoundError, StoredObject } from './storage.driver';
import { ContentDigest, digestStream } from './stream-hash';

/** One stored file as the database records it. */
export interface ExpectedObject extends ContentDigest {
  key: string;
}

export interface VerifyOptions {
  /** When the run started; age thresholds are measured from here (no clock inside). */
  now: Date;
  /** Temp objects older than this are abandoned uploads. */
  tempMaxAgeMs: number;
  /** Evidence objects younger than this are never orphans: their row may still be committing. */
  recentMs?: number;
  /** Delete orphans (never missing or changed files, which need a person). */
  repair?: boolean;
  /** Most keys kept per list; counts stay exact. */
  listLimit?: number;
  /** Objects re-hashed at the same time. */
  concurrency?: number;
}

export interface ChangedObject {
  key: string;
  expected: ContentDigest;
  actual: ContentDigest;
}

export interface CappedList<T> {
  count: number;
  items: T[];
}

export interface VerifyReport {
  checked: number;
  ok: number;
  missing: CappedList<string>;
  changed: CappedList<ChangedObject>;
  orphaned: CappedList<string>;
  /** Orphans deleted by repair. */
  removed: number;
}

const DEFAULT_RECENT_MS = 60 * 60 * 1000;

/**
 * Re-hashes every expected object and looks for objects nobody expects. Memory grows with the
 * number of expected keys (one Set entry each), not with file sizes: objects are streamed.
 */
export async function verifyStorage(
  driver: StorageDriver,
  expected: AsyncIterable<ExpectedObject> | Iterable<ExpectedObject>,
  options: VerifyOptions,
): Promise<VerifyReport> {
  const limit = options.listLimit ?? 100;
  const report: VerifyReport = {
    checked: 0,
    ok: 0,
    missing: { count: 0, items: [] },
    changed: { count: 0, items: [] },
    orphaned: { count: 0, items: [] },
    removed: 0,
  };
  const known = new Set<string>();
  await forEachConcurrently(expected, options.concurrency ?? 4, async (object) => {
    known.add(object.key);
    await checkObject(driver, object, report, limit);
  });
  for await (const orphan of findOrphans(driver, known, options)) {
    push(report.orphaned, orphan.key, limit);
    if (options.repair) {
      await driver.delete(orphan.key);
      report.removed++;
    }
  }
  return report;
}

async function checkObject(
  driver: StorageDriver,
  object: ExpectedObject,
  report: VerifyReport,
  limit: number,
): Promise<void> {
  report.checked++;
  const actual = await driver.get(object.key).then(digestStream, (error: unknown) => {
    if (error instanceof StorageNotFoundError) return undefined;
    throw error;
  });
  if (!actual) return push(report.missing, object.key, limit);
  if (actual.sha256 !== object.sha256.toLowerCase() || actual.size !== object.size) {
    const expected = { sha256: object.sha256, size: object.size };
    return push(report.changed, { key: object.key, expected, actual }, limit);
  }
  report.ok++;
}

async function* findOrphans(
  driver: StorageDriver,
  known: ReadonlySet<string>,
  options: VerifyOptions,
): AsyncGenerator<StoredObject> {
  const now = options.now.getTime();
  const recentSince = now - (options.recentMs ?? DEFAULT_RECENT_MS);
  for await (const object of driver.list(EVIDENCE_PREFIX)) {
    if (!known.has(object.key) && object.lastModified.getTime() < recentSince) yield object;
  }
  const staleSince = now - options.tempMaxAgeMs;
  for await (const object of driver.list(TEMP_PREFIX)) {
    if (object.lastModified.getTime() < staleSince) yield object;
  }
}

function push<T>(list: CappedList<T>, item: T, limit: number): void {
  list.count++;
  if (list.items.length < limit) list.items.push(item);
}

/** Runs `work` over the items with at most `concurrency` in flight; the first failure rejects. */
export async function forEachConcurrently<T>(
  items: AsyncIterable<T> | Iterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  for await (const item of items) {
    if (failure) break;
    const task: Promise<void> = work(item)
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => running.delete(task));
    running.add(task);
    if (running.size >= concurrency) await Promise.race(running);
  }
  await Promise.all(running);
  if (failure) throw failure.error;
}
