import { randomBytes } from 'node:crypto';
import { createWriteStream, WriteStream } from 'node:fs';
import { mkdir, open, opendir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, assertStoragePrefix } from './storage-keys';
import {
  ByteRange,
  InvalidStorageKeyError,
  StorageDriver,
  StorageNotFoundError,
  StoredObject,
} from './storage.driver';

const SEGMENT = /^[A-Za-z0-9._-]+$/;
const WRITE_BUFFER_BYTES = 1024 * 1024;

/**
 * Stores each key as a file under one root folder. Writes go to a hidden `.part` file beside the
 * target, are fsynced and then renamed, so a key exists only once its bytes are on disk.
 */
export class LocalDiskDriver implements StorageDriver {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, source: Readable): Promise<{ size: number }> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    const part = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
    // 'wx' refuses to follow or reuse anything already at the part path; flush fsyncs before close.
    // A 1 MiB buffer lets queued chunks go to disk in one writev instead of one write each.
    const out = createWriteStream(part, { flags: 'wx', flush: true, highWaterMark: WRITE_BUFFER_BYTES });
    try {
      await pipeline(source, out);
      await closed(out);
      await rename(part, target);
      await syncFolder(dirname(target));
      return { size: out.bytesWritten };
    } catch (error) {
      // Wait for the close: a stream destroyed while still opening creates its file afterwards.
      await closed(out);
      await rm(part, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    const handle = await open(path, 'r').catch((error: unknown) => rethrowMissing(error, key));
    return handle.createReadStream({ start: range?.start, end: range?.end });
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    const info = await stat(this.pathOf(key)).catch((error: unknown) => rethrowMissing(error, key, true));
    if (!info?.isFile()) return undefined;
    return { key, size: info.size, lastModified: info.mtime };
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async move(fromKey: string, toKey: string): Promise<void> {
    const from = this.pathOf(fromKey);
    const to = this.pathOf(toKey);
    await mkdir(dirname(to), { recursive: true });
    await rename(from, to).catch((error: unknown) => rethrowMissing(error, fromKey));
    await syncFolder(dirname(to));
    if (dirname(from) !== dirname(to)) await syncFolder(dirname(from));
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    assertStoragePrefix(prefix);
    yield* this.walk(prefix.slice(0, prefix.lastIndexOf('/') + 1), prefix);
  }

  private async *walk(folderKey: string, prefix: string): AsyncGenerator<StoredObject> {
    const folder = await opendir(join(this.root, folderKey)).catch((error: unknown) =>
      rethrowMissing(error, folderKey, true),
    );
    if (!folder) return;
    for await (const entry of folder) {
      // Names that are not valid key segments were not written by this driver: leave them alone.
      if (!SEGMENT.test(entry.name)) continue;
      const key = folderKey + entry.name;
      if (entry.isDirectory() && `${key}/`.startsWith(prefix)) {
        yield* this.walk(`${key}/`, prefix);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        // The file may go between listing and stat (a concurrent delete); then it is skipped.
        const found = await this.stat(key);
        if (found) yield found;
      }
    }
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new InvalidStorageKeyError(key, 'escapes the storage root');
    return path;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Missing becomes undefined (`quiet`) or a StorageNotFoundError; anything else propagates. */
function rethrowMissing(error: unknown, key: string, quiet: true): undefined;
function rethrowMissing(error: unknown, key: string): never;
function rethrowMissing(error: unknown, key: string, quiet = false): undefined {
  if (!isMissing(error)) throw error;
  if (quiet) return undefined;
  throw new StorageNotFoundError(key);
}

/** Resolves once the stream has closed its file (after the fsync that `flush` asks for). */
async function closed(stream: WriteStream): Promise<void> {
  if (stream.closed) return;
  const done = new Promise<void>((resolve) => stream.once('close', () => resolve()));
  if (!stream.writableFinished) stream.destroy();
  await done;
}

/** A rename is durable only once its folder entry is on disk too. */
async function syncFolder(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems (and Windows) cannot fsync a folder; the data itself was synced already.
  } finally {
    await handle.close();
  }
}
