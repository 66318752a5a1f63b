import { Readable } from 'node:stream';

/** Injection token of the configured {@link StorageDriver}. */
export const STORAGE_DRIVER = Symbol('STORAGE_DRIVER');

/** One stored object as a listing or a stat reports it. */
export interface StoredObject {
  key: string;
  size: number;
  lastModified: Date;
}

/** Inclusive byte range, as in an HTTP `Range: bytes=start-end` header; `end` defaults to the last byte. */
export interface ByteRange {
  start: number;
  end?: number;
}

/**
 * Blob storage with no business rules: keys come from `storage-keys.ts`, and what a key means is
 * decided there. Every method validates the key it is given, so a driver never leaves its root.
 */
export interface StorageDriver {
  /** Streams `source` to `key`; the key appears only once all bytes are durably written. */
  put(key: string, source: Readable): Promise<{ size: number }>;
  /** Rejects with {@link StorageNotFoundError} when the key does not exist. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Undefined when the key does not exist. */
  stat(key: string): Promise<StoredObject | undefined>;
  exists(key: string): Promise<boolean>;
  /** Idempotent: deleting a missing key succeeds. */
  delete(key: string): Promise<void>;
  /** Commits a temporary object under its final key (rename on disk, copy + delete on S3). */
  move(fromKey: string, toKey: string): Promise<void>;
  /** Every object whose key starts with `prefix`, in no particular order. */
  list(prefix: string): AsyncIterable<StoredObject>;
}

export class StorageNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored object under key ${key}`);
    this.name = 'StorageNotFoundError';
  }
}

export class InvalidStorageKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Invalid storage key ${JSON.stringify(key)}: ${reason}`);
    this.name = 'InvalidStorageKeyError';
  }
}
