import { createHash, randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import { S3Client } from '@aws-sdk/client-s3';
import { S3Driver, createS3Client } from './s3.driver';
import { S3rverProcess } from './s3rver.testing';
import { InvalidStorageKeyError, StorageNotFoundError } from './storage.driver';

const PART = 5 * 1024 * 1024; // the smallest part S3 accepts

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('S3Driver against a real S3-compatible server (s3rver in its own process)', () => {
  const server = new S3rverProcess();
  const calls: string[] = [];
  let client: S3Client;
  let driver: S3Driver;

  beforeAll(async () => {
    await server.start();
    const options = {
      bucket: server.bucket,
      region: server.region,
      endpoint: server.endpoint,
      forcePathStyle: true,
      accessKeyId: server.accessKeyId,
      secretAccessKey: server.secretAccessKey,
      partSizeBytes: PART,
      listPageSize: 2,
    };
    client = createS3Client(options);
    // Records each S3 operation the driver sends, so tests can see how it used the API.
    client.middlewareStack.add(
      (next, context) => (args) => {
        calls.push(String(context.commandName).replace(/Command$/, ''));
        return next(args);
      },
      { step: 'initialize' },
    );
    driver = new S3Driver(options, client);
  }, 60_000);

  afterAll(() => server.stop());

  beforeEach(() => {
    calls.length = 0;
  });

  it('does store a small object with one PutObject', async () => {
    expect(await driver.put('tmp/small', Readable.from([Buffer.from('hello')]))).toEqual({ size: 5 });
    expect(calls).toEqual(['PutObject']);
    expect(await text(await driver.get('tmp/small'))).toBe('hello');
  });

  it('does store an empty stream as an empty object', async () => {
    expect(await driver.put('tmp/empty', Readable.from([]))).toEqual({ size: 0 });
    expect(await driver.stat('tmp/empty')).toMatchObject({ size: 0 });
    expect(await buffer(await driver.get('tmp/empty'))).toHaveLength(0);
  });

  it('does stream a large object as multipart parts of the configured size', async () => {
    const data = randomBytes(2 * PART + 12345);
    const chunks = [data.subarray(0, 700), data.subarray(700, PART + 99), data.subarray(PART + 99)];
    expect(await driver.put('tmp/large', Readable.from(chunks))).toEqual({ size: data.length });
    expect(calls).toEqual([
      'CreateMultipartUpload',
      'UploadPart',
      'UploadPart',
      'UploadPart',
      'CompleteMultipartUpload',
    ]);
    expect(sha256(await buffer(await driver.get('tmp/large')))).toBe(sha256(data));
  });

  it('does abort the multipart upload and store nothing when the source fails', async () => {
    const source = new PassThrough();
    const done = driver.put('tmp/broken', source);
    source.write(randomBytes(PART + 10));
    setTimeout(() => source.destroy(new Error('client went away')), 200);
    await expect(done).rejects.toThrow('client went away');
    expect(calls).toContain('AbortMultipartUpload');
    expect(await driver.exists('tmp/broken')).toBe(false);
  });

  it('does read a byte range when asked for one', async () => {
    await driver.put('tmp/r', Readable.from([Buffer.from('0123456789')]));
    expect(await text(await driver.get('tmp/r', { start: 2, end: 4 }))).toBe('234');
    expect(await text(await driver.get('tmp/r', { start: 7 }))).toBe('789');
  });

  it('does report a missing key as not found', async () => {
    await expect(driver.get('tmp/none')).rejects.toBeInstanceOf(StorageNotFoundError);
    expect(await driver.stat('tmp/none')).toBeUndefined();
    expect(await driver.exists('tmp/none')).toBe(false);
    await expect(driver.move('tmp/none', 'evidence/a/2024/x')).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it('does move with a copy and a delete', async () => {
    await driver.put('tmp/u1', Readable.from([Buffer.from('data')]));
    calls.length = 0;
    await driver.move('tmp/u1', 'evidence/a1/2024/u1');
    expect(calls).toEqual(['CopyObject', 'DeleteObject']);
    expect(await driver.exists('tmp/u1')).toBe(false);
    expect(await text(await driver.get('evidence/a1/2024/u1'))).toBe('data');
  });

  it('does follow continuation tokens when a listing spans pages', async () => {
    const keys = ['list/a/1', 'list/a/2', 'list/b/3', 'list/b/4', 'list/c/5'];
    for (const key of [...keys, 'listing-not/6']) await driver.put(key, Readable.from([Buffer.from(key)]));
    calls.length = 0;
    const listed = await collect(driver.list('list/'));
    expect(listed.map((o) => o.key)).toEqual(keys);
    expect(listed[0]).toMatchObject({ size: 8 });
    expect(calls).toEqual(['ListObjectsV2', 'ListObjectsV2', 'ListObjectsV2']);
  });

  it('does delete idempotently', async () => {
    await driver.put('tmp/d', Readable.from([Buffer.from('x')]));
    await driver.delete('tmp/d');
    await driver.delete('tmp/d');
    expect(await driver.exists('tmp/d')).toBe(false);
  });

  it('does refuse an invalid key without calling S3', async () => {
    await expect(driver.get('../x')).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(driver.put('a//b', Readable.from([]))).rejects.toBeInstanceOf(InvalidStorageKeyError);
    expect(calls).toEqual([]);
  });

  it('does finish a download without losing a byte when the server restarts in the middle', async () => {
    const data = randomBytes(48 * 1024 * 1024);
    await driver.put('tmp/restart', Readable.from([data]));
    const download = await driver.get('tmp/restart');
    const received: Buffer[] = [];
    let bytes = 0;
    let restarted: Promise<void> | undefined;
    for await (const chunk of download as AsyncIterable<Buffer>) {
      received.push(chunk);
      bytes += chunk.length;
      // Once the first megabyte is in, the server dies; the rest must come from the new one.
      if (bytes > 1024 * 1024 && !restarted) {
        restarted = server.restart();
        await restarted;
      }
    }
    expect(restarted).toBeDefined();
    expect(calls.filter((c) => c === 'GetObject').length).toBeGreaterThan(1);
    expect(sha256(Buffer.concat(received))).toBe(sha256(data));
  }, 60_000);
});
