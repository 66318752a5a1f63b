import { EVIDENCE_PREFIX, isTempKey, TEMP_PREFIX } from '../../storage/storage-keys';
import { StorageDriver } from '../../storage/storage.driver';

export interface PendingCommit {
  tempKey: string;
  /** Built with `evidenceKey()`. */
  finalKey: string;
}

/** Moves one upload from its temporary key to its final key. */
export async function commitUpload(driver: StorageDriver, tempKey: string, finalKey: string): Promise<void> {
  if (!isTempKey(tempKey)) throw new Error(`Not a temporary upload key: ${tempKey}`);
  await driver.move(tempKey, finalKey);
}

/**
 * Commits files and their rows as one step: every file is moved first, then `persist` runs the
 * transaction that inserts the rows. If a move or the transaction fails, every moved and every
 * temporary object is deleted and the error is rethrown, so there is neither a row nor a file.
 * A crash between the moves and the commit leaves unreferenced objects that `evidence verify`
 * reports as orphans.
 */
export async function commitUploads<T>(
  driver: StorageDriver,
  files: readonly PendingCommit[],
  persist: () => Promise<T>,
): Promise<T> {
  const moved: string[] = [];
  try {
    for (const file of files) {
      await commitUpload(driver, file.tempKey, file.finalKey);
      moved.push(file.finalKey);
    }
    return await persist();
  } catch (error) {
    await discardUploads(driver, [...moved, ...files.map((file) => file.tempKey)]);
    throw error;
  }
}

/**
 * Deletes uploads that will not be committed. Never throws, as it runs on paths that are already
 * failing: returns the keys it could not delete, which the stale-temp sweep or verify catches later.
 */
export async function discardUploads(driver: StorageDriver, keys: Iterable<string>): Promise<string[]> {
  const list = [...keys];
  const results = await Promise.allSettled(list.map((key) => driver.delete(key)));
  return list.filter((_key, i) => results[i].status === 'rejected');
}

/** Deletes temporary objects older than `olderThanMs` (uploads abandoned by a crash); returns how many. */
export async function sweepStaleTemp(
  driver: StorageDriver,
  olderThanMs: number,
  now: Date = new Date(),
): Promise<number> {
  const staleSince = now.getTime() - olderThanMs;
  let removed = 0;
  for await (const object of driver.list(TEMP_PREFIX)) {
    if (object.lastModified.getTime() >= staleSince) continue;
    await driver.delete(object.key);
    removed++;
  }
  return removed;
}

/**
 * Deletes stored evidence objects that no row refers to; returns how many. Only safe when no
 * upload can be in flight (a file is moved into place just before its row commits).
 */
export async function sweepUnreferenced(
  driver: StorageDriver,
  referenced: AsyncIterable<{ key: string }>,
): Promise<number> {
  const known = new Set<string>();
  for await (const file of referenced) known.add(file.key);
  let removed = 0;
  for await (const object of driver.list(EVIDENCE_PREFIX)) {
    if (known.has(object.key)) continue;
    await driver.delete(object.key);
    removed++;
  }
  return removed;
}
