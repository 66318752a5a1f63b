import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import { S3Driver } from './s3.driver';
import { InvalidStorageKeyError, StorageNotFoundError } from './storage.driver';

const BUCKET = 'evidence-test';
const PAGE_SIZE = 2;

interface FakeObject {
  data: Buffer;
  lastModified: Date;
}

/**
 * Just enough of S3 (path-style, no signature checks) for the calls the driver makes, in memory,
 * on loopback. `calls` records each operation so tests can see how the driver used the API.
 */
class FakeS3 {
  readonly objects = new Map<string, FakeObject>();
  readonly uploads = new Map<string, Map<number, Buffer>>();
  readonly calls: string[] = [];
  private server?: Server;
  private nextUpload = 1;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) =>
        reply(res, 500, errorXml('InternalError', String(error))),
      );
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const [, bucket, ...rest] = url.pathname.split('/');
    const key = rest.map(decodeURIComponent).join('/');
    const body = await buffer(req);
    if (bucket !== BUCKET) return reply(res, 404, errorXml('NoSuchBucket', bucket));
    const q = url.searchParams;
    const op = operation(req.method ?? 'GET', key, q, req.headers);
    this.calls.push(op);
    switch (op) {
      case 'ListObjectsV2':
        return this.list(res, q.get('prefix') ?? '', Number(q.get('continuation-token') ?? 0));
      case 'PutObject':
        this.objects.set(key, { data: body, lastModified: new Date() });
        return reply(res, 200, '', { ETag: '"put"' });
      case 'CopyObject':
        return this.copy(res, key, String(req.headers['x-amz-copy-source']));
      case 'CreateMultipartUpload':
        return this.createUpload(res, key);
      case 'UploadPart':
        this.uploads.get(q.get('uploadId') ?? '')?.set(Number(q.get('partNumber')), body);
        return reply(res, 200, '', { ETag: `"part-${q.get('partNumber')}"` });
      case 'CompleteMultipartUpload':
        return this.complete(res, key, q.get('uploadId') ?? '');
      case 'AbortMultipartUpload':
        this.uploads.delete(q.get('uploadId') ?? '');
        return reply(res, 204, '');
      case 'DeleteObject':
        this.objects.delete(key);
        return reply(res, 204, '');
      case 'HeadObject':
      case 'GetObject':
        return this.read(req, res, key, op === 'HeadObject');
    }
  }

  private list(res: ServerResponse, prefix: string, from: number): void {
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
    const page = keys.slice(from, from + PAGE_SIZE);
    const truncated = from + PAGE_SIZE < keys.length;
    const contents = page
      .map((k) => {
        const o = this.objects.get(k) as FakeObject;
        return `<Contents><Key>${k}</Key><LastModified>${o.lastModified.toISOString()}</LastModified><ETag>"e"</ETag><Size>${o.data.length}</Size></Contents>`;
      })
      .join('');
    const next = truncated ? `<NextContinuationToken>${from + PAGE_SIZE}</NextContinuationToken>` : '';
    reply(
      res,
      200,
      `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${BUCKET}</Name><Prefix>${prefix}</Prefix>` +
        `<KeyCount>${page.length}</KeyCount><MaxKeys>${PAGE_SIZE}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${next}${contents}</ListBucketResult>`,
    );
  }

  private copy(res: ServerResponse, key: string, source: string): void {
    const sourceKey = decodeURIComponent(source)
      .replace(/^\//, '')
      .slice(BUCKET.length + 1);
    const found = this.objects.get(sourceKey);
    if (!found) return reply(res, 404, errorXml('NoSuchKey', sourceKey));
    this.objects.set(key, { data: found.data, lastModified: new Date() });
    reply(
      res,
      200,
      `<CopyObjectResult><ETag>"copy"</ETag><LastModified>${new Date().toISOString()}</LastModified></CopyObjectResult>`,
    );
  }

  private createUpload(res: ServerResponse, key: string): void {
    const id = `upload-${this.nextUpload++}`;
    this.uploads.set(id, new Map());
    reply(
      res,
      200,
      `<InitiateMultipartUploadResult><Bucket>${BUCKET}</Bucket><Key>${key}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
    );
  }

  private complete(res: ServerResponse, key: string, id: string): void {
    const parts = this.uploads.get(id);
    if (!parts) return reply(res, 404, errorXml('NoSuchUpload', id));
    const ordered = [...parts.entries()].sort(([a], [b]) => a - b).map(([, data]) => data);
    this.objects.set(key, { data: Buffer.concat(ordered), lastModified: new Date() });
    this.uploads.delete(id);
    reply(
      res,
      200,
      `<CompleteMultipartUploadResult><Bucket>${BUCKET}</Bucket><Key>${key}</Key><ETag>"done"</ETag></CompleteMultipartUploadResult>`,
    );
  }

  private read(req: IncomingMessage, res: ServerResponse, key: string, headOnly: boolean): void {
    const found = this.objects.get(key);
    if (!found) return reply(res, 404, headOnly ? '' : errorXml('NoSuchKey', key));
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range && range[2] ? Number(range[2]) : found.data.length - 1;
    const data = found.data.subarray(start, end + 1);
    const headers: Record<string, string> = {
      'Last-Modified': found.lastModified.toUTCString(),
      'Content-Length': String(data.length),
    };
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${found.data.length}`;
    res.writeHead(range ? 206 : 200, headers);
    res.end(headOnly ? undefined : data);
  }
}

function operation(
  method: string,
  key: string,
  q: URLSearchParams,
  headers: IncomingMessage['headers'],
): string {
  if (method === 'GET' && key === '') return 'ListObjectsV2';
  if (method === 'POST') return q.has('uploads') ? 'CreateMultipartUpload' : 'CompleteMultipartUpload';
  if (method === 'PUT' && headers['x-amz-copy-source']) return 'CopyObject';
  if (method === 'PUT') return q.has('partNumber') ? 'UploadPart' : 'PutObject';
  if (method === 'DELETE') return q.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
  return method === 'HEAD' ? 'HeadObject' : 'GetObject';
}

function reply(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/xml', ...headers });
  res.end(body);
}

function errorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('S3Driver against a fake S3 server', () => {
  const fake = new FakeS3();
  let driver: S3Driver;

  beforeAll(async () => {
    const endpoint = await fake.start();
    driver = new S3Driver({
      bucket: BUCKET,
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      accessKeyId: 'test',
      secretAccessKey: 'test',
      partSizeBytes: 1024,
    });
  });

  afterAll(() => fake.stop());

  beforeEach(() => {
    fake.objects.clear();
    fake.calls.length = 0;
  });

  it('does store a small object with one PutObject', async () => {
    expect(await driver.put('tmp/small', Readable.from([Buffer.from('hello')]))).toEqual({ size: 5 });
    expect(fake.calls).toEqual(['PutObject']);
    expect(await text(await driver.get('tmp/small'))).toBe('hello');
  });

  it('does store an empty stream as an empty object', async () => {
    expect(await driver.put('tmp/empty', Readable.from([]))).toEqual({ size: 0 });
    expect(await driver.stat('tmp/empty')).toMatchObject({ size: 0 });
  });

  it('does stream a large object as multipart parts of the configured size', async () => {
    const data = Buffer.from(Array.from({ length: 3500 }, (_, i) => i % 251));
    const chunks = [data.subarray(0, 700), data.subarray(700, 2900), data.subarray(2900)];
    expect(await driver.put('tmp/large', Readable.from(chunks))).toEqual({ size: 3500 });
    expect(fake.calls).toEqual([
      'CreateMultipartUpload',
      'UploadPart',
      'UploadPart',
      'UploadPart',
      'UploadPart',
      'CompleteMultipartUpload',
    ]);
    expect(await buffer(await driver.get('tmp/large'))).toEqual(data);
  });

  it('does abort the multipart upload and store nothing when the source fails', async () => {
    const source = new PassThrough();
    const done = driver.put('tmp/broken', source);
    source.write(Buffer.alloc(2500, 1));
    setTimeout(() => source.destroy(new Error('client went away')), 50);
    await expect(done).rejects.toThrow('client went away');
    expect(fake.calls).toContain('AbortMultipartUpload');
    expect(fake.uploads.size).toBe(0);
    expect(fake.objects.size).toBe(0);
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
    fake.calls.length = 0;
    await driver.move('tmp/u1', 'evidence/a1/2024/u1');
    expect(fake.calls).toEqual(['CopyObject', 'DeleteObject']);
    expect(await driver.exists('tmp/u1')).toBe(false);
    expect(await text(await driver.get('evidence/a1/2024/u1'))).toBe('data');
  });

  it('does follow continuation tokens when a listing spans pages', async () => {
    for (const key of [
      'evidence/a/1',
      'evidence/a/2',
      'evidence/b/3',
      'evidence/b/4',
      'evidence/c/5',
      'tmp/6',
    ]) {
      await driver.put(key, Readable.from([Buffer.from(key)]));
    }
    fake.calls.length = 0;
    const listed = await collect(driver.list('evidence/'));
    expect(listed.map((o) => o.key)).toEqual([
      'evidence/a/1',
      'evidence/a/2',
      'evidence/b/3',
      'evidence/b/4',
      'evidence/c/5',
    ]);
    expect(listed[0]).toMatchObject({ size: 12 });
    expect(fake.calls).toEqual(['ListObjectsV2', 'ListObjectsV2', 'ListObjectsV2']);
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
    expect(fake.calls).toEqual([]);
  });
});
