import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CompletedPart,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { assertStorageKey, assertStoragePrefix } from './storage-keys';
import { ByteRange, StorageDriver, StorageNotFoundError, StoredObject } from './storage.driver';

export interface S3DriverOptions {
  bucket: string;
  region: string;
  /** For S3-compatible stores (MinIO, Ceph, Garage…); AWS itself needs none. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Both or neither; when neither, the SDK's default credential chain applies. */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Bytes held in memory per multipart part; S3 needs at least 5 MiB except for the last part. */
  partSizeBytes?: number;
  /** Keys per listing page (S3's own default is 1000). */
  listPageSize?: number;
  /** Times a broken download is resumed from where it stopped before the reader sees an error. */
  downloadResumes?: number;
}

export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

/**
 * Stores each key as an object in one bucket. Uploads stream as multipart parts held one at a
 * time, so memory stays at one part whatever the file size; a failed upload is aborted.
 */
export class S3Driver implements StorageDriver {
  private readonly bucket: string;
  private readonly partSize: number;
  private readonly listPageSize?: number;
  private readonly downloadResumes: number;

  constructor(
    options: S3DriverOptions,
    private readonly client: S3Client = createS3Client(options),
  ) {
    this.bucket = options.bucket;
    this.partSize = options.partSizeBytes ?? DEFAULT_PART_SIZE;
    this.listPageSize = options.listPageSize;
    this.downloadResumes = options.downloadResumes ?? 6;
  }

  async put(key: string, source: Readable): Promise<{ size: number }> {
    assertStorageKey(key);
    const parts = fixedSizeParts(source, this.partSize);
    const first = await parts.next();
    const body = first.done ? Buffer.alloc(0) : first.value;
    if (body.length < this.partSize) {
      // The whole object fits in one part: a plain PUT is one request instead of three.
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body }));
      return { size: body.length };
    }
    return this.putMultipart(key, body, parts);
  }

  private async putMultipart(
    key: string,
    first: Buffer,
    rest: AsyncIterator<Buffer>,
  ): Promise<{ size: number }> {
    const target = { Bucket: this.bucket, Key: key };
    const { UploadId } = await this.client.send(new CreateMultipartUploadCommand(target));
    try {
      const completed: CompletedPart[] = [];
      let size = 0;
      for (let part: Buffer | undefined = first; part; part = await nextPart(rest)) {
        if (part.length === 0) continue;
        const PartNumber = completed.length + 1;
        const upload = new UploadPartCommand({ ...target, UploadId, PartNumber, Body: part });
        const { ETag } = await this.client.send(upload);
        completed.push({ ETag, PartNumber });
        size += part.length;
      }
      const complete = { ...target, UploadId, MultipartUpload: { Parts: completed } };
      await this.client.send(new CompleteMultipartUploadCommand(complete));
      return { size };
    } catch (error) {
      // Parts of an unfinished upload are billed and invisible to listings: never leave them.
      await this.client.send(new AbortMultipartUploadCommand({ ...target, UploadId })).catch(() => undefined);
      throw error;
    }
  }

  /**
   * A download that breaks (the store restarts, a connection resets) resumes with a range request
   * from the last byte received, as long as the object is still the same one (same ETag); the
   * reader sees one unbroken stream, or an error once the resumes are used up.
   */
  async get(key: string, range?: ByteRange): Promise<Readable> {
    assertStorageKey(key);
    const start = range?.start ?? 0;
    const first = await this.open(key, start, range?.end);
    const expected = first.ContentLength;
    const reopen = async (received: number): Promise<Readable> => {
      const next = await this.open(key, start + received, range?.end);
      if (first.ETag && next.ETag !== first.ETag) throw new Error(`${key} changed during the download`);
      return next.Body as Readable;
    };
    return Readable.from(resumingBody(first.Body as Readable, reopen, expected, this.downloadResumes), {
      objectMode: false,
    });
  }

  private async open(key: string, start: number, end: number | undefined) {
    const Range = start > 0 || end !== undefined ? `bytes=${start}-${end ?? ''}` : undefined;
    return this.client
      .send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range }))
      .catch((error: unknown) => rethrowMissing(error, key));
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    assertStorageKey(key);
    const head = await this.client
      .send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }))
      .catch((error: unknown) => rethrowMissing(error, key, true));
    if (!head) return undefined;
    return { key, size: head.ContentLength ?? 0, lastModified: head.LastModified ?? new Date(0) };
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** S3 has no rename; CopyObject handles objects up to 5 GB, far above the upload limit. */
  async move(fromKey: string, toKey: string): Promise<void> {
    assertStorageKey(fromKey);
    assertStorageKey(toKey);
    const CopySource = `${this.bucket}/${fromKey.split('/').map(encodeURIComponent).join('/')}`;
    await this.client
      .send(new CopyObjectCommand({ Bucket: this.bucket, Key: toKey, CopySource }))
      .catch((error: unknown) => rethrowMissing(error, fromKey));
    await this.delete(fromKey);
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    assertStoragePrefix(prefix);
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          ContinuationToken,
          MaxKeys: this.listPageSize,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        yield { key: object.Key, size: object.Size ?? 0, lastModified: object.LastModified ?? new Date(0) };
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }
}

export function createS3Client(options: S3DriverOptions): S3Client {
  const { accessKeyId, secretAccessKey } = options;
  return new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle ?? false,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    // Many S3-compatible stores reject the SDK's default CRC trailers; our own SHA-256 covers integrity.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Cuts a stream into parts of exactly `partSize` bytes (the last may be shorter or empty),
 * copying into one preallocated buffer per part so a part never costs more than its size.
 */
export async function* fixedSizeParts(
  source: AsyncIterable<Uint8Array>,
  partSize: number,
): AsyncGenerator<Buffer> {
  let part = Buffer.allocUnsafe(partSize);
  let filled = 0;
  for await (const chunk of source) {
    for (let offset = 0; offset < chunk.length;) {
      const n = Math.min(partSize - filled, chunk.length - offset);
      part.set(chunk.subarray(offset, offset + n), filled);
      filled += n;
      offset += n;
      if (filled === partSize) {
        yield part;
        part = Buffer.allocUnsafe(partSize);
        filled = 0;
      }
    }
  }
  yield part.subarray(0, filled);
}

/** Yields the body's bytes; when it breaks or ends short, waits and continues from a new body. */
async function* resumingBody(
  first: Readable,
  reopen: (received: number) => Promise<Readable>,
  expected: number | undefined,
  resumes: number,
): AsyncGenerator<Buffer> {
  let body: Readable | undefined = first;
  let received = 0;
  let failures = 0;
  try {
    for (;;) {
      try {
        body ??= await reopen(received);
        for await (const chunk of body as AsyncIterable<Buffer>) {
          received += chunk.length;
          failures = 0;
          yield chunk;
        }
        if (expected === undefined || received >= expected) return;
        throw new Error(`download ended after ${received} of ${expected} bytes`);
      } catch (error) {
        body?.destroy();
        body = undefined;
        if (error instanceof StorageNotFoundError || ++failures > resumes) throw error;
        await new Promise((r) => setTimeout(r, 100 * 2 ** failures));
      }
    }
  } finally {
    body?.destroy();
  }
}

async function nextPart(parts: AsyncIterator<Buffer>): Promise<Buffer | undefined> {
  const next = await parts.next();
  return next.done ? undefined : next.value;
}

function rethrowMissing(error: unknown, key: string, quiet: true): undefined;
function rethrowMissing(error: unknown, key: string): never;
function rethrowMissing(error: unknown, key: string, quiet = false): undefined {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  const missing = e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
  if (!missing) throw error;
  if (quiet) return undefined;
  throw new StorageNotFoundError(key);
}
